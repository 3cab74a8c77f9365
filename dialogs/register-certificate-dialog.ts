import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { registerFormCard } from '../cards/register-form-card';
import type { CardAction } from '../cards/actions';
import { cardReply, textReply, type Turn, type TurnOutcome } from '../src/bot/turn';
import { displayDate, parisDate } from '../src/domain/calendar';
import type { Clock } from '../src/domain/clock';
import type { ConversationRepository } from '../src/domain/conversation';
import { checkFiness } from '../src/domain/finess';
import { expiryFromIssue } from '../src/domain/renewal';
import { DEFAULT_DELIVERY, DEFAULT_THRESHOLDS, USAGES, type CertificateRecord } from '../src/domain/reminders/certificate';
import type { NewReminderTarget, ReminderRepository } from '../src/domain/reminders/reminder-repository';
import { parseDates } from '../src/language/dates';
import type { Dialog, DialogInput } from './dialog';

export const REGISTER_DIALOG = 'registerCertificate';

const stateSchema = z.object({
  stage: z.enum(['label', 'expiry']),
  label: z.string().max(120).optional(),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
type State = z.infer<typeof stateSchema>;

type Submitted = Extract<CardAction, { verb: 'register.submit' }>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Registers a certificate for reminders, from the form card or typed step by step (name, then date — an issue date
 * gets 3 years). Reminders go to the conversation it was asked in, and to the asker's personal chat.
 */
export class RegisterCertificateDialog implements Dialog {
  readonly id = REGISTER_DIALOG;
  readonly ttlMs = 30 * 60 * 1000;

  constructor(
    private readonly reminders: ReminderRepository,
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  start(turn: Turn, expiry: string | undefined): TurnOutcome {
    return this.waitFor(turn, { stage: 'label', ...(expiry ? { expiry } : {}) }, [cardReply(registerFormCard({ expiry }, turn.tr))]);
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const parsed = stateSchema.safeParse(turn.dialog?.data);
    if (!parsed.success) return undefined;
    const state = parsed.data;
    if (input.kind === 'action') return input.action.verb === 'register.submit' ? this.submit(turn, input.action) : undefined;
    const text = (turn.request.text ?? '').trim();
    if (state.stage === 'label') {
      // A question or a command is not a name: the dialog steps aside.
      if (input.recognition.intent !== 'none' && input.recognition.score > 0.8) return undefined;
      if (text.length < 1 || text.length > 120) return this.waitFor(turn, state, [textReply(turn.tr('register.invalidLabel'))]);
      if (state.expiry) return this.create(turn, text, state.expiry, undefined, undefined);
      return this.waitFor(turn, { stage: 'expiry', label: text }, [textReply(turn.tr('register.askExpiry'))]);
    }
    const today = parisDate(turn.request.now);
    const parse = parseDates(text, { locale: turn.locale, today });
    if (parse.kind !== 'found' || parse.dates.length !== 1 || !parse.dates[0]) return undefined;
    const found = parse.dates[0];
    const expiry = found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date;
    return this.create(turn, state.label ?? '', expiry, undefined, undefined);
  }

  /** The form, sent back with its inputs (Teams merges them into the action's data). */
  async submit(turn: Turn, action: Submitted): Promise<TurnOutcome> {
    const label = (action.label ?? '').trim();
    if (label.length < 1 || label.length > 120) return { replies: [textReply(turn.tr('register.invalidLabel'))] };
    const finessText = (action.finess ?? '').trim();
    const finess = finessText ? checkFiness(finessText) : undefined;
    if (finess && !finess.valid) return { replies: [textReply(turn.tr('register.invalidFiness', { value: finessText }))] };
    const usage = (USAGES as readonly string[]).includes(action.usage ?? '') ? (action.usage as CertificateRecord['usage']) : undefined;
    return this.create(turn, label, (action.expiry ?? '').trim(), finess?.valid ? finess.value : undefined, usage);
  }

  private async create(turn: Turn, label: string, expiry: string, finess: string | undefined, usage: CertificateRecord['usage']): Promise<TurnOutcome> {
    const now = this.clock.now();
    const yearAgo = parisDate(new Date(now.getTime() - 365 * DAY_MS));
    const noon = Date.parse(`${expiry}T12:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(expiry) && Number.isFinite(noon) && parisDate(new Date(noon)) === expiry && expiry >= yearAgo;
    if (!valid) return { replies: [textReply(turn.tr('register.invalidExpiry'))] };
    const { userId, conversationId, conversationKind } = turn.request;
    const targets: NewReminderTarget[] = [{ conversationId, kind: conversationKind, userId: conversationKind === 'personal' ? userId : undefined }];
    if (conversationKind !== 'personal') {
      const personal = await this.conversations.findPersonal(userId);
      if (personal) targets.push({ conversationId: personal.conversationId, kind: 'personal', userId });
    }
    const certificate: CertificateRecord = {
      id: randomUUID(),
      label,
      finess,
      corridor: undefined,
      structure: undefined,
      scope: undefined,
      usage,
      expiryDate: expiry,
      thresholds: [...DEFAULT_THRESHOLDS],
      weeklyAfterExpiry: true,
      delivery: DEFAULT_DELIVERY,
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.reminders.create(certificate, targets, now);
    const next = (await this.reminders.deliveryStatus(certificate.id)).find((d) => d.status === 'pending');
    const expiryText = displayDate(expiry, turn.locale);
    const reply = next
      ? turn.tr('register.done', { label, expiry: expiryText, next: displayDate(parisDate(next.dueAt), turn.locale) })
      : turn.tr('register.doneNoNext', { label, expiry: expiryText });
    return { replies: [textReply(reply)], dialog: null };
  }

  private waitFor(turn: Turn, state: State, replies: TurnOutcome['replies']): TurnOutcome {
    return { replies, dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: state } };
  }
}
