import { card, execute, text } from '../cards/adaptive';
import { z } from 'zod';
import type { Dialog, DialogInput } from '../src/conversation/dialog';
import type { IntentName } from '../src/understanding/intents';
import { cardReply, textReply, type Turn, type TurnOutcome } from '../src/conversation/turn';

export const FEEDBACK_DETAIL_DIALOG = 'feedbackDetail';

/** Where what was missing goes: the unanswered-questions report the support team reads (redacted there). */
export interface MissingNotes {
  note(turn: Turn, text: string): Promise<void>;
}

const dataSchema = z.object({ answer: z.string().max(64) });

/** Whether a message recognised as `intent` would get the answer `answerId` again (`topic.notice` for kb.notice…). */
function wouldRepeat(answerId: string, intent: IntentName): boolean {
  const [family = ''] = answerId.split('.');
  if (family === 'topic') return answerId === `topic.${intent.replace(/^kb\./, '')}`;
  const families: Readonly<Record<string, IntentName>> = { situation: 'kb.situation', contacts: 'kb.contacts', sharing: 'kb.sharing' };
  return families[family] === intent;
}

/**
 * « Non » to "was this answer helpful?": certibot asks what was missing and offers a person at once. The next message is
 * what was missing: it goes to the support team's report, and the offer of a person stands. When it is another
 * question it is also answered as one; when it would only bring back the answer that did not help, it is not.
 */
export class FeedbackDetailDialog implements Dialog {
  readonly id = FEEDBACK_DETAIL_DIALOG;
  readonly ttlMs = 15 * 60 * 1000;

  constructor(private readonly notes: MissingNotes) {}

  /** The question « what was missing? », with the button that asks a person. */
  start(turn: Turn, answerId: string): TurnOutcome {
    const ask = turn.tr('feedback.whatMissing');
    return {
      replies: [cardReply(card([text(ask)], [execute(turn.tr('ticket.form.title'), { verb: 'ticket.form' })], ask))],
      dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: { answer: answerId } },
    };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    if (input.kind !== 'text') return undefined;
    const { intent } = input.recognition;
    if (intent === 'answer.no') return { replies: [textReply(turn.tr('feedback.detailSkipped'))], dialog: null };
    // Commands (« merci », a language, « supprime mes données ») are not what was missing: they are done as such.
    if (intent !== 'none' && !intent.startsWith('kb.') && intent !== 'dates.compute') return undefined;
    await this.notes.note(turn, turn.request.text ?? '');
    const rated = dataSchema.safeParse(turn.dialog?.data);
    // Another question is answered as one — noted all the same: it is what the answer lacked.
    if (intent !== 'none' && !(rated.success && wouldRepeat(rated.data.answer, intent))) return undefined;
    const thanks = turn.tr('feedback.detailThanks');
    return { replies: [cardReply(card([text(thanks)], [execute(turn.tr('ticket.form.title'), { verb: 'ticket.form' })], thanks))], dialog: null };
  }
}
