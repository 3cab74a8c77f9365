import { EXPIRIES_PER_PAGE, expiriesCard, type ExpiryLine } from '../../../cards/expiries-card';
import type { Feature } from '../../conversation/feature';
import { cardReply, type Turn, type TurnOutcome } from '../../conversation/turn';
import { displayDate, parisDate } from '../../domain/calendar';
import { daysBetween } from '../../domain/civil-date';
import { pageOf } from '../../domain/paging';
import type { CertificateRegister, RemindedHere } from '../../domain/reminders/reminder-repository';

export interface ExpiriesFeatureDeps {
  readonly register: Pick<CertificateRegister, 'listForConversation'>;
}

function lineOf(reminded: RemindedHere, turn: Turn): ExpiryLine {
  const { certificate, nextReminderAt } = reminded;
  return {
    label: certificate.label,
    expiry: displayDate(certificate.expiryDate, turn.locale),
    daysLeft: daysBetween(parisDate(turn.request.now), certificate.expiryDate),
    nextReminder: nextReminderAt ? displayDate(parisDate(nextReminderAt), turn.locale) : undefined,
  };
}

/**
 * A conversation's coming expiries (« échéances », a command of the team's list): the certificates reminded here,
 * soonest expiry first, a page at a time. Anyone in the conversation may read them — the reminders come here anyway.
 */
export function expiriesFeature(deps: ExpiriesFeatureDeps): Feature {
  const page = async (turn: Turn, number: number): Promise<TurnOutcome> => {
    const reminded = await deps.register.listForConversation(turn.request.conversationId);
    const shown = pageOf(reminded, number, EXPIRIES_PER_PAGE);
    return { replies: [cardReply(expiriesCard({ expiries: { ...shown, items: shown.items.map((r) => lineOf(r, turn)) } }, turn.tr))] };
  };
  return {
    name: 'expiries',
    intents: { 'expiries.upcoming': (turn) => page(turn, 0) },
    verbs: { 'expiries.page': (turn, action) => page(turn, action.page) },
  };
}
