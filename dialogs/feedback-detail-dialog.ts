import { card, execute, text } from '../cards/adaptive';
import type { Dialog, DialogInput } from '../src/conversation/dialog';
import { cardReply, textReply, type Turn, type TurnOutcome } from '../src/conversation/turn';

export const FEEDBACK_DETAIL_DIALOG = 'feedbackDetail';

/** Where what was missing goes: the unanswered-questions report the support team reads (redacted there). */
export interface MissingNotes {
  note(turn: Turn, text: string): Promise<void>;
}

/**
 * « Non » to "was this answer helpful?": certibot asks what was missing and offers a person at once. The next message,
 * when it is not a new question (those are answered as such), is what was missing: it goes to the support team's
 * report, and the offer of a person stands.
 */
export class FeedbackDetailDialog implements Dialog {
  readonly id = FEEDBACK_DETAIL_DIALOG;
  readonly ttlMs = 15 * 60 * 1000;

  constructor(private readonly notes: MissingNotes) {}

  /** The question « what was missing? », with the button that asks a person. */
  start(turn: Turn): TurnOutcome {
    const ask = turn.tr('feedback.whatMissing');
    return {
      replies: [cardReply(card([text(ask)], [execute(turn.tr('ticket.form.title'), { verb: 'ticket.form' })], ask))],
      dialog: { id: this.id, startedAt: turn.request.now.toISOString() },
    };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    if (input.kind !== 'text') return undefined;
    const { intent } = input.recognition;
    if (intent === 'answer.no') return { replies: [textReply(turn.tr('feedback.detailSkipped'))], dialog: null };
    // A new question is answered as one; what is not one is what the answer lacked.
    if (intent !== 'none') return undefined;
    await this.notes.note(turn, turn.request.text ?? '');
    const thanks = turn.tr('feedback.detailThanks');
    return { replies: [cardReply(card([text(thanks)], [execute(turn.tr('ticket.form.title'), { verb: 'ticket.form' })], thanks))], dialog: null };
  }
}
