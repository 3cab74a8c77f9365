import type { Locale } from '../domain/locale';
import type { Entities } from '../parsing/entities';

/** The intents the classifier learns from the corpus (its class order is this list's order). */
export const CLASSIFIED_INTENTS = [
  'greeting',
  'help',
  'thanks',
  'kb.sharing',
  'kb.validity',
  'kb.notice',
  'kb.renewal',
  'kb.expired',
  'kb.goodPractice',
  'kb.contacts',
  'kb.guides',
  'kb.ordering',
  'dates.compute',
  'reminders',
  'register.show',
  'support.human',
  'none',
] as const;

/** Exact commands, matched by patterns rather than learnt. */
export const COMMAND_INTENTS = [
  'language.fr',
  'language.en',
  'privacy.erase',
  'answer.yes',
  'answer.no',
  'support.gaps',
  'register.list',
  'register.here',
  'support.here',
  'support.mine',
  'support.open',
  'support.stats',
  'support.export',
  'expiries.upcoming',
  // Read from the words (src/parsing/situations.ts), not learnt: revoked, lost key, error codes, a patient's record…
  'kb.situation',
  // « c'est quoi un certificat logiciel ? », "is the GRADeS the same as the ANS?": what the things are.
  'kb.about',
] as const;

/**
 * Intents whose handlers tell their cases apart by the words themselves (registering, or showing the register to change
 * it): a message between the two is never answered with "did you mean…?", the first one takes it.
 */
export const SIBLING_INTENTS: ReadonlyArray<readonly [ClassifiedIntent, ClassifiedIntent]> = [['reminders', 'register.show']];

/** What a message asks for. The router has exactly one handler per intent. */
export const INTENTS = [...CLASSIFIED_INTENTS, ...COMMAND_INTENTS] as const;
export type IntentName = (typeof INTENTS)[number];

/** Intents a "did you mean…?" card may offer: every learnt one but out of scope. */
export type ChoosableIntent = Exclude<ClassifiedIntent, 'none'>;
export const CHOOSABLE_INTENTS = CLASSIFIED_INTENTS.filter((intent): intent is ChoosableIntent => intent !== 'none');

export type ClassifiedIntent = (typeof CLASSIFIED_INTENTS)[number];

export interface Recognition {
  readonly intent: IntentName;
  /** 0..1: how sure the recognizer is. */
  readonly score: number;
  /** The language the message itself is written in, when it is clear. */
  readonly language: Locale | undefined;
  /** Two close candidates when the recognizer cannot choose: the bot asks which one was meant. */
  readonly ambiguous?: readonly [IntentName, IntentName];
  readonly entities: Entities;
}

/** Turns a message into an intent, in process and offline. */
export interface IntentRecognizer {
  recognize(text: string): Promise<Recognition>;
}
