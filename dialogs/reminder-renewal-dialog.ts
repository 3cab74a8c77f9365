import { z } from 'zod';
import { textReply, type Reply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import type { CertificateInfo } from '../src/certificates/read-certificate';
import { displayDate, parisDate } from '../src/domain/calendar';
import type { Clock } from '../src/domain/clock';
import { formatFiness } from '../src/domain/finess';
import { expiryFromIssue } from '../src/domain/renewal';
import type { RegisteredCertificate, CertificateRegister } from '../src/domain/reminders/reminder-repository';
import type { ReminderCardRefresher } from '../src/domain/reminders/follow-ups';
import { parseDates } from '../src/parsing/dates';
import type { Dialog, DialogInput } from '../src/conversation/dialog';

export const REMINDER_RENEWAL_DIALOG = 'reminderRenewal';

/** The certificate asked about and the expiry cycle the clicked reminder was for (absent in dialogs started before). */
const stateSchema = z.object({ certificateId: z.string().min(1).max(64), cycle: z.string().max(10).optional() });

/**
 * "It's renewed" on a reminder: asks for the new expiry date (or the new certificate's issue date, + 3 years) — or,
 * in the personal chat, the new certificate's file — then re-plans the reminders for it; the old schedule stops.
 */
export class ReminderRenewalDialog implements Dialog {
  readonly id = REMINDER_RENEWAL_DIALOG;
  readonly ttlMs = 60 * 60 * 1000;

  constructor(
    private readonly reminders: CertificateRegister,
    private readonly clock: Clock,
    /** Marks the reminder cards already posted for the old expiry "renewed", so that no one acts on them again. */
    private readonly copies: ReminderCardRefresher,
  ) {}

  start(turn: Turn, certificateId: string, label: string, cycle: string): TurnOutcome {
    // Files are read only in the personal chat (in a channel everyone would see them): elsewhere, only a typed date.
    const question = turn.request.conversationKind === 'personal' ? 'reminder.askNewExpiryFile' : 'reminder.askNewExpiry';
    return {
      replies: [textReply(turn.tr(question, { label }))],
      dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: { certificateId, cycle } },
    };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    if (input.kind !== 'text') return undefined;
    const today = parisDate(turn.request.now);
    const parse = parseDates(turn.request.text ?? '', { locale: turn.locale, today });
    if (parse.kind !== 'found' || parse.dates.length !== 1) return undefined;
    const [found] = parse.dates;
    if (!found) return undefined;
    const expiry = found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date;
    return this.withCertificate(turn, async (registered) => {
      if (expiry <= today || expiry <= registered.certificate.expiryDate) {
        return { replies: [textReply(turn.tr('reminder.invalidNewExpiry', { date: displayDate(expiry, turn.locale) }))] };
      }
      await this.renew(turn, registered, expiry);
      // Reminders switched off stay off: a renewal says so rather than promising new ones.
      const done = registered.certificate.thresholds.length > 0 ? 'reminder.renewedDone' : 'reminder.renewedDoneOff';
      return {
        replies: [textReply(turn.tr(done, { label: registered.certificate.label, expiry: displayDate(expiry, turn.locale) }))],
        dialog: null,
      };
    });
  }

  /**
   * The new certificate's file, read in memory: its expiry (notAfter, as a Paris date) becomes the certificate's, once
   * the file is shown to be the renewed one — later than the registered expiry, not past, and not another FINESS's.
   * A certificate not issued by IGC Santé is accepted with a warning: the user said which certificate it renews, and
   * a typed date (the other way to answer) is not checked at all. Nothing else from the file is kept.
   */
  async resumeWithCertificate(turn: Turn, certificate: CertificateInfo): Promise<TurnOutcome | undefined> {
    const expiry = parisDate(certificate.notAfter);
    return this.withCertificate(turn, async (registered) => {
      const { label, finess } = registered.certificate;
      // A refusal keeps the question open: the user may send the right file or type the date.
      if (finess && certificate.finessHint && certificate.finessHint !== finess) {
        const params = { file: formatFiness(certificate.finessHint), registered: formatFiness(finess), label };
        return { replies: [textReply(turn.tr('reminder.fileFinessMismatch', params))] };
      }
      if (expiry <= parisDate(turn.request.now) || expiry <= registered.certificate.expiryDate) {
        return { replies: [textReply(turn.tr('reminder.fileNotNewer', { date: displayDate(expiry, turn.locale) }))] };
      }
      await this.renew(turn, registered, expiry);
      const replies: Reply[] = [
        textReply(
          turn.tr(registered.certificate.thresholds.length > 0 ? 'reminder.renewedFromFile' : 'reminder.renewedFromFileOff', {
            subject: certificate.subject,
            serial: certificate.serialNumber,
            label,
            expiry: displayDate(expiry, turn.locale),
          }),
        ),
      ];
      if (!certificate.igcSante) replies.push(textReply(turn.tr('reminder.fileNotIgcSante', { issuer: certificate.issuer, label })));
      return { replies, dialog: null };
    });
  }

  /** Runs `answer` on the certificate the pending question is about; undefined if the dialog's state is unreadable. */
  private async withCertificate(
    turn: Turn,
    answer: (registered: RegisteredCertificate) => Promise<TurnOutcome>,
  ): Promise<TurnOutcome | undefined> {
    const state = stateSchema.safeParse(turn.dialog?.data);
    if (!state.success) return undefined;
    const registered = await this.reminders.get(state.data.certificateId);
    if (!registered) return { replies: [textReply(turn.tr('reminder.unknown'))], dialog: null };
    const { cycle } = state.data;
    if (cycle && cycle !== registered.certificate.expiryDate) {
      // Someone else reported the renewal meanwhile: this answer is about a cycle that is over.
      const { label, expiryDate } = registered.certificate;
      const params = { label, old: displayDate(cycle, turn.locale), current: displayDate(expiryDate, turn.locale) };
      return { replies: [textReply(turn.tr('reminder.staleCycle', params))], dialog: null };
    }
    return answer(registered);
  }

  /**
   * The new expiry date, saved: the repository skips the old cycle's reminders ('renewed') and plans the new ones.
   * The latest card posted in each conversation for the old expiry is then updated to say it is renewed, by whom.
   */
  private async renew(turn: Turn, registered: RegisteredCertificate, expiry: string): Promise<void> {
    const now = this.clock.now();
    const { certificate } = registered;
    await this.reminders.update({ ...certificate, expiryDate: expiry, updatedAt: now }, now);
    const posted = (await this.reminders.deliveryStatus(certificate.id))
      .filter((d) => d.expiryDate === certificate.expiryDate && d.status === 'sent' && d.activityId !== undefined)
      .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
    const latest = posted.filter((d, i) => posted.findIndex((other) => other.conversationId === d.conversationId) === i);
    await this.copies.refresh(latest, certificate, { kind: 'renewed', by: turn.request.userName ?? turn.tr('reminder.someone'), newExpiry: expiry });
  }
}
