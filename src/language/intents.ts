import type { Locale } from '../domain/locale';

/** What a message asks for. The router has exactly one handler per intent. */
export const INTENTS = [
  'greeting',
  'help',
  'thanks',
  'language.fr',
  'language.en',
  'privacy.erase',
  'answer.yes',
  'answer.no',
  'none',
] as const;
export type IntentName = (typeof INTENTS)[number];

export interface Recognition {
  readonly intent: IntentName;
  /** 0..1: how sure the recognizer is. */
  readonly score: number;
  /** The language the message itself is written in, when it is clear. */
  readonly language: Locale | undefined;
}

/** Turns a message into an intent, in process and offline. */
export interface IntentRecognizer {
  recognize(text: string): Recognition;
}
