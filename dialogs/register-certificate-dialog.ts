import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { registerChoices, registerFormCard } from '../cards/register-form-card';
import type { CardAction } from '../cards/actions';
import { loadOwned } from '../src/conversation/owned-certificate';
import { cardReply, mentionHint, refused, textReply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import { displayDate, parisDate } from '../src/domain/calendar';
import { isCivilDate } from '../src/domain/civil-date';
import type { Clock } from '../src/domain/clock';
import type { ConversationRepository } from '../src/domain/conversation';
import { checkFiness, formatFiness } from '../src/domain/finess';
import { CORRIDORS, STRUCTURE_KINDS } from '../src/domain/knowledge';
import type { Locale } from '../src/domain/locale';
import { expiryFromIssue } from '../src/domain/renewal';
import { CERTIFICATE_SCOPES, DEFAULT_DELIVERY, DEFAULT_THRESHOLDS, USAGES, type CertificateRecord, type Usage } from '../src/domain/reminders/certificate';
import type { NewReminderTarget, CertificateRegister } from '../src/domain/reminders/reminder-repository';
import { cleanUserText } from '../src/domain/user-text';
import { parseDates } from '../src/parsing/dates';
import { describeCertificate } from '../src/parsing/certificate-description';
import type { MessageKey, Translate } from '../src/messages/translator';
import type { Dialog, DialogInput } from '../src/conversation/dialog';
import { nextReminderText } from '../src/messages/next-reminder';

export const REGISTER_DIALOG = 'registerCertificate';

/** « c'est quoi le FINESS juridique ? », "how long is it valid": a question, never a certificate's name. */
function looksLikeQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || /^(?:comment|pourquoi|quand|combien|quel(?:le)?s?|qu['’]est|est-ce|c['’]est quoi|how|why|when|what|which|who|can|could|do|does|is|are)\b/i.test(text.trim());
}

/** Intents learnt from questions: a few words that only name their topic are a certificate's name here. */
const LEARNT_TOPICS: ReadonlySet<string> = new Set(['kb.sharing', 'kb.validity', 'kb.notice', 'kb.renewal', 'kb.expired', 'kb.goodPractice', 'kb.contacts', 'kb.guides', 'kb.ordering', 'kb.about', 'dates.compute', 'reminders', 'register.show']);
const MAX_NAME_WORDS = 6;

const stateSchema = z.object({
  stage: z.enum(['label', 'expiry']),
  label: z.string().max(120).optional(),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
type State = z.infer<typeof stateSchema>;

type Submitted = Extract<CardAction, { verb: 'register.submit' }>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the form sets on a certificate. */
export type RegisterFields = Pick<CertificateRecord, 'label' | 'expiryDate' | 'finess' | 'usage' | 'corridor' | 'structure' | 'scope'>;

/** A certificate known only by name and expiry, as typed step by step. */
const NO_DETAILS = { finess: undefined, usage: undefined, corridor: undefined, structure: undefined, scope: undefined } as const;

type FormReading = { readonly ok: true; readonly fields: RegisterFields } | { readonly ok: false; readonly message: string };
type Choice<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false };
type ChoiceField = 'usage' | 'corridor' | 'structure' | 'scope';

/** How each field is named in a summary of changes, in the order it is told. */
const FIELD_NAMES: ReadonlyArray<readonly [keyof RegisterFields, MessageKey]> = [
  ['label', 'register.change.label'],
  ['expiryDate', 'register.change.expiry'],
  ['finess', 'register.change.finess'],
  ['usage', 'register.change.usage'],
  ['corridor', 'register.change.corridor'],
  ['structure', 'register.change.structure'],
  ['scope', 'register.change.scope'],
];

/** An optional choice of the form: empty is "not given"; a value the form does not offer is refused, never dropped. */
function optionalChoice<T extends string>(allowed: readonly T[], raw: string | undefined): Choice<T> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, value: undefined };
  return (allowed as readonly string[]).includes(value) ? { ok: true, value: value as T } : { ok: false };
}

/**
 * Checks a submitted form, expiry date excepted (it depends on the clock): the label, the FINESS key and the choices.
 * On an edit, a field left empty clears it, as the form came pre-filled.
 */
export function readRegisterForm(action: Submitted, tr: Translate): FormReading {
  const label = cleanUserText(action.label ?? '');
  if (label.length < 1 || label.length > 120) return { ok: false, message: tr('register.invalidLabel') };
  const finessText = (action.finess ?? '').trim();
  const finess = finessText ? checkFiness(finessText) : undefined;
  if (finess && !finess.valid) return { ok: false, message: tr('register.invalidFiness', { value: finessText }) };
  const refuse = (field: ChoiceField): FormReading => ({ ok: false, message: tr('register.invalidChoice', { field: tr(`register.change.${field}`) }) });
  const usage = optionalChoice(USAGES, action.usage);
  if (!usage.ok) return refuse('usage');
  const corridor = optionalChoice(CORRIDORS, action.corridor);
  if (!corridor.ok) return refuse('corridor');
  const structure = optionalChoice(STRUCTURE_KINDS, action.structure);
  if (!structure.ok) return refuse('structure');
  const scope = optionalChoice(CERTIFICATE_SCOPES, action.scope);
  if (!scope.ok) return refuse('scope');
  return {
    ok: true,
    fields: {
      label,
      expiryDate: (action.expiry ?? '').trim(),
      finess: finess?.valid ? finess.value : undefined,
      usage: usage.value,
      corridor: corridor.value,
      structure: structure.value,
      scope: scope.value,
    },
  };
}

/** A real YYYY-MM-DD date, not more than a year past: an older certificate is replaced, not reminded of. */
export function isAcceptedExpiry(expiry: string, now: Date): boolean {
  const yearAgo = parisDate(new Date(now.getTime() - 365 * DAY_MS));
  return isCivilDate(expiry) && expiry >= yearAgo;
}

function describeValue(field: keyof RegisterFields, value: string | undefined, locale: Locale, tr: Translate): string {
  if (value === undefined) return tr('register.change.empty');
  switch (field) {
    case 'label':
      return tr('register.change.quoted', { value });
    case 'expiryDate':
      return displayDate(value, locale);
    case 'finess':
      return formatFiness(value);
    default:
      return registerChoices(tr)[field].find((choice) => choice.value === value)?.title ?? value;
  }
}

/** "expiration 15 mars 2027 → 15 mars 2028", one line per field that differs, in the form's order. */
export function describeChanges(before: RegisterFields, after: RegisterFields, locale: Locale, tr: Translate): string[] {
  return FIELD_NAMES.filter(([field]) => before[field] !== after[field]).map(([field, name]) =>
    tr('register.change', {
      field: tr(name),
      from: describeValue(field, before[field], locale, tr),
      to: describeValue(field, after[field], locale, tr),
    }),
  );
}

/**
 * Registers a certificate for reminders, from the form card or typed step by step (name, then date — an issue date
 * gets 3 years). Reminders go to the conversation it was asked in, and to the asker's personal chat.
 */
export class RegisterCertificateDialog implements Dialog {
  readonly id = REGISTER_DIALOG;
  readonly ttlMs = 30 * 60 * 1000;

  constructor(
    private readonly reminders: CertificateRegister,
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  /** The form, pre-filled with what is already known (an expiry from a timeline card, what the first message said). */
  start(turn: Turn, expiry: string | undefined, said: { readonly label?: string; readonly usage?: Usage; readonly finess?: string } = {}): TurnOutcome {
    return this.waitFor(turn, { stage: 'label', ...(expiry ? { expiry } : {}) }, [cardReply(registerFormCard({ expiry, ...said }, turn.tr))]);
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const parsed = stateSchema.safeParse(turn.dialog?.data);
    if (!parsed.success) return undefined;
    const state = parsed.data;
    if (input.kind === 'action') return input.action.verb === 'register.submit' ? this.submit(turn, input.action) : undefined;
    const text = (turn.request.text ?? '').trim();
    if (state.stage === 'label') {
      // A question or a command is not a name: the dialog steps aside (the question is answered as one). A date, or a
      // few words that merely name a topic (« Serveur INSi Montpellier »), are what was asked for.
      const said = describeCertificate(text, parisDate(turn.request.now), turn.locale);
      const { intent, score } = input.recognition;
      const naming = said.expiry !== undefined || (LEARNT_TOPICS.has(intent) && text.split(/\s+/).length <= MAX_NAME_WORDS);
      if (looksLikeQuestion(text) || (intent !== 'none' && score > 0.8 && !naming)) return undefined;
      // « c'est le certificat MSSanté du site de Nîmes, il expire le 15/06/2027 »: the name and the date at once.
      const expiry = said.expiry ?? state.expiry;
      const named = said.expiry ? said.name ?? said.usageLabel : text;
      const label = cleanUserText(named ?? '');
      if (said.expiry && !label) return this.waitFor(turn, { stage: 'label', expiry: said.expiry }, [textReply(turn.tr('register.askLabel'))]);
      if (label.length < 1 || label.length > 120) return this.waitFor(turn, state, [textReply(turn.tr('register.invalidLabel'))]);
      const details = { ...NO_DETAILS, ...(said.usage ? { usage: said.usage } : {}), ...(said.finess ? { finess: said.finess.replace(/\s/g, '') } : {}) };
      if (expiry) return this.create(turn, { label, expiryDate: expiry, ...details });
      return this.waitFor(turn, { stage: 'expiry', label }, [textReply(turn.tr('register.askExpiry'))]);
    }
    const today = parisDate(turn.request.now);
    const parse = parseDates(text, { locale: turn.locale, today });
    if (parse.kind !== 'found' || parse.dates.length !== 1 || !parse.dates[0]) return undefined;
    const found = parse.dates[0];
    const expiry = found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date;
    return this.create(turn, { label: state.label ?? '', expiryDate: expiry, ...NO_DETAILS });
  }

  /**
   * The form, sent back with its inputs (Teams merges them into the action's data): a new certificate, or with
   * `certificate` the edit of a registered one. Answered the same whether or not this dialog is pending.
   */
  async submit(turn: Turn, action: Submitted): Promise<TurnOutcome> {
    if (action.certificate !== undefined) return this.edit(turn, action.certificate, action);
    const form = readRegisterForm(action, turn.tr);
    if (!form.ok) return refused(form.message);
    return this.create(turn, form.fields);
  }

  private async create(turn: Turn, fields: RegisterFields): Promise<TurnOutcome> {
    const now = this.clock.now();
    if (!isAcceptedExpiry(fields.expiryDate, now)) return refused(turn.tr('register.invalidExpiry'));
    const { userId, conversationId, conversationKind } = turn.request;
    const targets: NewReminderTarget[] = [{ conversationId, kind: conversationKind, userId: conversationKind === 'personal' ? userId : undefined }];
    if (conversationKind !== 'personal') {
      const personal = await this.conversations.findPersonal(userId);
      if (personal) targets.push({ conversationId: personal.conversationId, kind: 'personal', userId });
    }
    const certificate: CertificateRecord = {
      id: randomUUID(),
      ...fields,
      thresholds: [...DEFAULT_THRESHOLDS],
      weeklyAfterExpiry: true,
      delivery: DEFAULT_DELIVERY,
      createdBy: userId,
      tenantId: turn.request.tenantId,
      createdAt: now,
      updatedAt: now,
    };
    await this.reminders.create(certificate, targets, now);
    const next = await this.nextReminder(certificate.id, turn);
    const { label } = fields;
    const expiry = displayDate(fields.expiryDate, turn.locale);
    const reply = next ? turn.tr('register.done', { label, expiry, next }) : turn.tr('register.doneNoNext', { label, expiry });
    return { replies: [textReply(reply)], dialog: null };
  }

  /**
   * Changes a registered certificate, for its owners only, with the checks of a new one. The repository re-plans the
   * reminders: a new expiry date counts as a renewal. A pending registration, if any, is left as it is.
   */
  private async edit(turn: Turn, certificateId: string, action: Submitted): Promise<TurnOutcome> {
    const registered = await loadOwned(this.reminders, turn, certificateId);
    if (!('certificate' in registered)) return registered;
    const form = readRegisterForm(action, turn.tr);
    if (!form.ok) return refused(form.message);
    const now = this.clock.now();
    if (!isAcceptedExpiry(form.fields.expiryDate, now)) return refused(turn.tr('register.invalidExpiry'));
    const { certificate } = registered;
    const changes = describeChanges(certificate, form.fields, turn.locale, turn.tr);
    if (changes.length === 0) return { replies: [textReply(turn.tr('register.unchanged', { label: certificate.label }))] };
    if (!(await this.reminders.update({ ...certificate, ...form.fields, updatedAt: now }, now))) {
      return refused(turn.tr('reminder.unknown'));
    }
    const edited = turn.tr('register.edited', { label: certificate.label, changes: changes.join(', ') });
    const next = form.fields.expiryDate !== certificate.expiryDate ? await this.nextReminder(certificateId, turn) : undefined;
    return { replies: [textReply(next ? `${edited} ${turn.tr('register.editedNext', { next })}` : edited)] };
  }

  /** The date of the next reminder still to go, in the reader's words. */
  private async nextReminder(certificateId: string, turn: Turn): Promise<string | undefined> {
    const next = (await this.reminders.deliveryStatus(certificateId)).find((d) => d.status === 'pending');
    return next ? nextReminderText(next.dueAt, turn.request.now, turn.locale, turn.tr) : undefined;
  }

  /** Replies, and the step the next message should answer (which, in a channel, must mention certibot). */
  private waitFor(turn: Turn, state: State, replies: TurnOutcome['replies']): TurnOutcome {
    return { replies: [...replies, ...mentionHint(turn)], dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: state } };
  }
}
