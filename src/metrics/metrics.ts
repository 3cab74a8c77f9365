import type { OutboxKind } from '../domain/outbox/outbox-item';
import type { TickReport } from '../outbox/dispatcher';

/** One turn as the edges report it: what answered it, never the text nor who. */
export interface TurnSample {
  readonly activityType: string;
  /** The intent, verb or event that answered ('intent:kb.validity', 'action:reminder.ack', 'ambiguous'…). */
  readonly handledAs: string;
  readonly seconds: number;
}

/** What the recognizer made of a typed question, when the recognizer answered it. */
export type RecognizerOutcome = 'answered' | 'ambiguous' | 'out_of_scope';

/**
 * The recognizer's outcome of a turn, read from what handled it: an intent (or a FINESS check) answered, two close
 * intents asked "did you mean…", the 'none' intent is out of scope. Clicks, dialogs and events are not recognitions.
 */
export function recognizerOutcome(handledAs: string): RecognizerOutcome | undefined {
  if (handledAs === 'ambiguous') return 'ambiguous';
  if (handledAs === 'intent:none') return 'out_of_scope';
  if (handledAs === 'finess' || handledAs.startsWith('intent:')) return 'answered';
  return undefined;
}

/** What waits in the outbox now, by kind. */
export interface DueItems {
  readonly kind: OutboxKind;
  readonly due: number;
  readonly oldestDueAt: Date;
}

/**
 * Where the edges report what happened — turns (from the bot), outbox ticks (the dispatcher's reports), database
 * errors (the store) — so that no domain code knows metrics exist.
 */
export interface Metrics {
  turn(sample: TurnSample): void;
  outboxTick(report: TickReport): void;
  databaseError(operation: string): void;
}

/** Metrics nobody reads: what runs when METRICS_PORT is not set. */
export const NO_METRICS: Metrics = {
  turn: () => undefined,
  outboxTick: () => undefined,
  databaseError: () => undefined,
};
