import { z } from 'zod';
import { textReply, type Turn, type TurnOutcome } from '../src/bot/turn';
import { displayDate, parisDate } from '../src/domain/calendar';
import type { Clock } from '../src/domain/clock';
import { expiryFromIssue } from '../src/domain/renewal';
import type { ReminderRepository } from '../src/domain/reminders/reminder-repository';
import { parseDates } from '../src/language/dates';
import type { Dialog, DialogInput } from './dialog';

export const REMINDER_RENEWAL_DIALOG = 'reminderRenewal';

const stateSchema = z.object({ certificateId: z.string().min(1).max(64) });

/**
 * "It's renewed" on a reminder: asks for the new expiry date (or the new certificate's issue date, + 3 years), then
 * re-plans the reminders for it; the old schedule stops.
 */
export class ReminderRenewalDialog implements Dialog {
  readonly id = REMINDER_RENEWAL_DIALOG;
  readonly ttlMs = 60 * 60 * 1000;

  constructor(
    private readonly reminders: ReminderRepository,
    private readonly clock: Clock,
  ) {}

  start(turn: Turn, certificateId: string, label: string): TurnOutcome {
    return {
      replies: [textReply(turn.tr('reminder.askNewExpiry', { label }))],
      dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: { certificateId } },
    };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const state = stateSchema.safeParse(turn.dialog?.data);
    if (!state.success || input.kind !== 'text') return undefined;
    const today = parisDate(turn.request.now);
    const parse = parseDates(turn.request.text ?? '', { locale: turn.locale, today });
    if (parse.kind !== 'found' || parse.dates.length !== 1) return undefined;
    const [found] = parse.dates;
    if (!found) return undefined;
    const expiry = found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date;
    const registered = await this.reminders.get(state.data.certificateId);
    if (!registered) return { replies: [textReply(turn.tr('reminder.unknown'))], dialog: null };
    if (expiry <= today || expiry <= registered.certificate.expiryDate) {
      return { replies: [textReply(turn.tr('reminder.invalidNewExpiry', { date: displayDate(expiry, turn.locale) }))] };
    }
    const now = this.clock.now();
    await this.reminders.update({ ...registered.certificate, expiryDate: expiry, updatedAt: now }, now);
    return {
      replies: [textReply(turn.tr('reminder.renewedDone', { label: registered.certificate.label, expiry: displayDate(expiry, turn.locale) }))],
      dialog: null,
    };
  }
}
