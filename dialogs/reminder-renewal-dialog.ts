import { z } from 'zod';
import { renewalQuestionCard } from '../cards/renewal-question-card';
import { cardReply, refused, textReply, type Reply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import type { CertificateInfo } from '../src/certificates/read-certificate';
import { displayDate, parisDate } from '../src/domain/calendar';
import { isCivilDate } from '../src/domain/civil-date';
import type { Clock } from '../src/domain/clock';
import type { Delivery } from '../src/domain/reminders/delivery';
import { formatFiness } from '../src/domain/finess';
import { expiryFromIssue } from '../src/domain/renewal';
import type { RegisteredCertificate, CertificateRegister } from '../src/domain/reminders/reminder-repository';
import type { ReminderCardRefresher } from '../src/domain/reminders/follow-ups';
import { parseDates } from '../src/parsing/dates';
import type { Dialog, DialogInput } from '../src/conversation/dialog';

export const REMINDER_RENEWAL_DIALOG = 'reminderRenewal';

/**
 * The certificate asked about, the expiry cycle the clicked reminder was for, the reminder and the message clicked (to
 * update that very message); the last three are absent in dialogs started by older versions.
 */
const stateSchema = z.object({
  certificateId: z.string().min(1).max(64),
  cycle: z.string().max(10).optional(),
  delivery: z.string().min(1).max(64).optional(),
  message: z.string().min(1).max(256).optional(),
});

/**
 * "It's renewed" on a reminder: asks for the new expiry date (or the new certificate's issue date, + 3 years) — or,
 * in the personal chat, the new certificate's file — then re-plans the reminders for it; the old schedule stops. In a
 * channel or group chat, where Teams delivers only the replies that mention certibot, the question is a card with a
 * date input (renewFromCard), and says that a typed answer must mention certibot.
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

  /** Asks about the reminder `clicked` (the delivery whose card was clicked). */
  start(turn: Turn, clicked: Delivery, label: string): TurnOutcome {
    const { replyToId } = turn.request;
    const data = { certificateId: clicked.certificateId, cycle: clicked.expiryDate, delivery: clicked.id, ...(replyToId ? { message: replyToId } : {}) };
    const dialog = { id: this.id, startedAt: turn.request.now.toISOString(), data };
    // Files are read only in the personal chat (in a channel everyone would see them); elsewhere a date input.
    if (turn.request.conversationKind === 'personal') return { replies: [textReply(turn.tr('reminder.askNewExpiryFile', { label }))], dialog };
    return { replies: [cardReply(renewalQuestionCard({ deliveryId: clicked.id, label }, turn.tr))], dialog };
  }

  /**
   * The new expiry from the card's date input (YYYY-MM-DD), for the reminder `clicked` (already checked: who acts, its
   * cycle): renewed as a typed date would be, or refused to the clicker, nothing changed.
   */
  async renewFromCard(turn: Turn, registered: RegisteredCertificate, clicked: Delivery, expiry: string): Promise<{ readonly renewed: string } | { readonly refusal: TurnOutcome }> {
    if (!isCivilDate(expiry)) return { refusal: refused(turn.tr('register.error.expiry')) };
    if (expiry <= parisDate(turn.request.now) || expiry <= registered.certificate.expiryDate) {
      return { refusal: refused(turn.tr('reminder.invalidNewExpiry', { date: displayDate(expiry, turn.locale) })) };
    }
    await this.renew(turn, registered, expiry, clicked);
    return { renewed: expiry };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    if (input.kind !== 'text') return undefined;
    const today = parisDate(turn.request.now);
    const parse = parseDates(turn.request.text ?? '', { locale: turn.locale, today });
    if (parse.kind !== 'found' || parse.dates.length !== 1) return undefined;
    const [found] = parse.dates;
    if (!found) return undefined;
    const expiry = found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date;
    return this.withCertificate(turn, async (registered, clicked) => {
      if (expiry <= today || expiry <= registered.certificate.expiryDate) {
        return { replies: [textReply(turn.tr('reminder.invalidNewExpiry', { date: displayDate(expiry, turn.locale) }))] };
      }
      await this.renew(turn, registered, expiry, clicked);
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
    return this.withCertificate(turn, async (registered, clicked) => {
      const { label, finess } = registered.certificate;
      // A refusal keeps the question open: the user may send the right file or type the date.
      if (finess && certificate.finessHint && certificate.finessHint !== finess) {
        const params = { file: formatFiness(certificate.finessHint), registered: formatFiness(finess), label };
        return { replies: [textReply(turn.tr('reminder.fileFinessMismatch', params))] };
      }
      if (expiry <= parisDate(turn.request.now) || expiry <= registered.certificate.expiryDate) {
        return { replies: [textReply(turn.tr('reminder.fileNotNewer', { date: displayDate(expiry, turn.locale) }))] };
      }
      await this.renew(turn, registered, expiry, clicked);
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

  /**
   * Runs `answer` on the certificate the pending question is about, with the reminder whose card was clicked (as that
   * message); undefined if the dialog's state is unreadable.
   */
  private async withCertificate(
    turn: Turn,
    answer: (registered: RegisteredCertificate, clicked: Delivery | undefined) => Promise<TurnOutcome>,
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
    const clicked = state.data.delivery ? await this.reminders.getDelivery(state.data.delivery) : undefined;
    return answer(registered, clicked && { ...clicked, activityId: state.data.message ?? clicked.activityId });
  }

  /**
   * The new expiry date, saved: the repository skips the old cycle's reminders ('renewed') and plans the new ones.
   * The card that was clicked, and the latest card posted in each conversation for the old expiry, are then updated
   * for everyone to say it is renewed, by whom.
   */
  private async renew(turn: Turn, registered: RegisteredCertificate, expiry: string, clicked: Delivery | undefined): Promise<void> {
    const now = this.clock.now();
    const { certificate } = registered;
    await this.reminders.update({ ...certificate, expiryDate: expiry, updatedAt: now }, now);
    const posted = (await this.reminders.deliveryStatus(certificate.id))
      .filter((d) => d.expiryDate === certificate.expiryDate && d.status === 'sent' && d.activityId !== undefined)
      .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
    const latest = posted.filter((d, i) => posted.findIndex((other) => other.conversationId === d.conversationId) === i);
    const cards = clicked ? [clicked, ...latest.filter((d) => d.id !== clicked.id)] : latest;
    await this.copies.refresh(cards, certificate, { kind: 'renewed', by: turn.request.userName ?? turn.tr('reminder.someone'), newExpiry: expiry });
  }
}
