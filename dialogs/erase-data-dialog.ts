import { eraseConfirmationCard } from '../cards/erase-confirmation-card';
import { cardReply, mentionHint, textReply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import { describePersonalData, erasePersonalData, type PersonalDataHolder } from '../src/domain/personal-data';
import type { Dialog, DialogInput } from '../src/conversation/dialog';

export const ERASE_DATA_DIALOG = 'eraseData';

/**
 * "Delete my data": lists what the bot holds about the user, asks for confirmation (button or typed yes/no),
 * then erases it and says what was erased.
 */
export class EraseDataDialog implements Dialog {
  readonly id = ERASE_DATA_DIALOG;
  readonly ttlMs = 15 * 60 * 1000;

  constructor(private readonly holders: readonly PersonalDataHolder[]) {}

  /** Starts the dialog: shows what would be erased, or says there is nothing. */
  async start(turn: Turn): Promise<TurnOutcome> {
    const summary = await describePersonalData(this.holders, turn.request.userId);
    if (summary.total === 0) return { replies: [textReply(turn.tr('privacy.nothing'))], dialog: null };
    return {
      replies: [cardReply(eraseConfirmationCard(summary, turn.tr)), ...mentionHint(turn)],
      dialog: { id: this.id, startedAt: turn.request.now.toISOString() },
    };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const answer = input.kind === 'action' ? input.action.verb : input.recognition.intent;
    if (answer === 'privacy.erase.confirm' || answer === 'answer.yes') return this.erase(turn);
    if (answer === 'privacy.erase.cancel' || answer === 'answer.no') {
      return { replies: [textReply(turn.tr('privacy.cancelled'))], dialog: null };
    }
    return undefined;
  }

  private async erase(turn: Turn): Promise<TurnOutcome> {
    const summary = await erasePersonalData(this.holders, turn.request.userId);
    // Listed by category, so the count can be checked against what the confirmation card showed (this pending
    // confirmation itself is conversation state, and goes too).
    const lines = summary.items.map((item) => `- ${turn.tr(`privacy.category.${item.category}`, { count: item.count })}`);
    return {
      replies: [textReply([turn.tr('privacy.deleted', { count: summary.total }), ...lines, turn.tr('privacy.deletedAfter')].join('\n'))],
      dialog: null,
    };
  }
}
