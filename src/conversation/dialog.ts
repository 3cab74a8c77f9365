import type { CardAction } from '../../cards/actions';
import type { CertificateInfo } from '../certificates/read-certificate';
import type { Recognition } from '../understanding/intents';
import type { Turn, TurnOutcome } from './turn';

/** What a dialog in progress is given: the typed text's recognition, or a card action's verb. */
export type DialogInput =
  | { readonly kind: 'text'; readonly recognition: Recognition }
  | { readonly kind: 'action'; readonly action: CardAction };

/**
 * A multi-turn exchange. `resume` answers the next step, or undefined when the input is not an answer to the
 * pending question: the dialog then ends and the message is handled as a new request.
 */
export interface Dialog {
  readonly id: string;
  /** How long the pending question stays open. */
  readonly ttlMs: number;
  resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined>;
  /**
   * Only for a dialog whose question a certificate file answers: the file sent while it is pending, already read in
   * memory. Undefined, as for `resume`, when it is no answer: the dialog ends and the file gets its usual timeline.
   */
  resumeWithCertificate?(turn: Turn, certificate: CertificateInfo): Promise<TurnOutcome | undefined>;
}
