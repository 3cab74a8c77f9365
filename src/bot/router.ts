import { cardActionSchema, type CardAction, type CardVerb } from '../../cards/actions';
import type { Dialog } from '../../dialogs/dialog';
import { resolveLocale, type Locale } from '../domain/locale';
import type { IntentName, IntentRecognizer, Recognition } from '../language/intents';
import { translator } from '../language/messages';
import { textReply, type ActiveDialog, type Turn, type TurnOutcome, type TurnRequest } from './turn';

export type IntentHandler = (turn: Turn, recognition: Recognition) => Promise<TurnOutcome>;
export type IntentTable = Readonly<Record<IntentName, IntentHandler>>;

export type VerbHandler<V extends CardVerb> = (turn: Turn, action: Extract<CardAction, { verb: V }>) => Promise<TurnOutcome>;
/** One handler per card verb: adding a verb to the schema without its handler is a type error. */
export type VerbTable = { readonly [V in CardVerb]: VerbHandler<V> };

export interface RouterDeps {
  readonly recognizer: IntentRecognizer;
  readonly intents: IntentTable;
  readonly verbs: VerbTable;
  readonly dialogs: readonly Dialog[];
  readonly defaultLocale: Locale;
}

/** Longest text the recognizer reads; the rest of a pasted log or e-mail adds nothing but time. */
const MAX_TEXT_LENGTH = 2000;

/**
 * Turns a request into an outcome: a pending dialog gets first look at the input, then card verbs and intents are
 * dispatched through their tables. Pure of any bot framework.
 */
export class Router {
  private readonly dialogs: ReadonlyMap<string, Dialog>;

  constructor(private readonly deps: RouterDeps) {
    this.dialogs = new Map(deps.dialogs.map((d) => [d.id, d]));
  }

  async route(request: TurnRequest, savedLocale: Locale | undefined, pending: ActiveDialog | undefined): Promise<TurnOutcome> {
    const text = request.text?.trim().slice(0, MAX_TEXT_LENGTH);
    const recognition = text ? this.deps.recognizer.recognize(text) : undefined;
    // The message's own language counts only until the user has chosen one.
    const locale = resolveLocale(savedLocale ?? recognition?.language, request.clientLocale, this.deps.defaultLocale);
    const dialog = pending && this.isLive(pending, request.now) ? pending : undefined;
    const turn: Turn = { request, locale, tr: translator(locale), dialog };
    const expired: Pick<TurnOutcome, 'dialog'> = pending && !dialog ? { dialog: null } : {};

    if (request.actionPayload !== undefined && request.actionPayload !== null && !text) {
      const parsed = cardActionSchema.safeParse(request.actionPayload);
      if (!parsed.success) return { replies: [textReply(turn.tr('input.badAction'))], handledAs: 'action.invalid', ...expired };
      return { ...expired, handledAs: `action:${parsed.data.verb}`, ...(await this.dispatchVerb(turn, parsed.data)) };
    }
    if (!text || !recognition) return { replies: [textReply(turn.tr('input.empty'))], handledAs: 'empty', ...expired };

    const handledAs = `intent:${recognition.intent}`;
    if (dialog) {
      const next = await this.dialogs.get(dialog.id)?.resume(turn, { kind: 'text', recognition });
      if (next) return { handledAs: `dialog:${dialog.id}`, ...next };
      return { dialog: null, handledAs, ...(await this.deps.intents[recognition.intent](turn, recognition)) };
    }
    return { ...expired, handledAs, ...(await this.deps.intents[recognition.intent](turn, recognition)) };
  }

  private async dispatchVerb(turn: Turn, action: CardAction): Promise<TurnOutcome> {
    if (turn.dialog) {
      const next = await this.dialogs.get(turn.dialog.id)?.resume(turn, { kind: 'action', verb: action.verb });
      if (next) return next;
    }
    const handler = this.deps.verbs[action.verb] as VerbHandler<typeof action.verb>;
    return handler(turn, action);
  }

  private isLive(pending: ActiveDialog, now: Date): boolean {
    const dialog = this.dialogs.get(pending.id);
    const started = Date.parse(pending.startedAt);
    return dialog !== undefined && Number.isFinite(started) && now.getTime() - started <= dialog.ttlMs;
  }
}
