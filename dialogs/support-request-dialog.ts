import { z } from 'zod';
import type { CertificateInfo } from '../src/certificates/read-certificate';
import type { Dialog, DialogInput } from '../src/conversation/dialog';
import { textReply, type Reply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import { displayDate, parisDate } from '../src/domain/calendar';
import { formatFiness } from '../src/domain/finess';
import { checkDescription, checkEmail, checkRequestFiness, checkStructure, type RequestFieldError, type RequestInput } from '../src/domain/tickets/request-form';
import { secretInText } from '../src/domain/tickets/secrets';
import type { TicketCertificate } from '../src/domain/tickets/ticket';
import { COMMAND_INTENTS, type ChoosableIntent } from '../src/understanding/intents';
import { requestFieldsIn } from '../src/parsing/request-fields';

export const SUPPORT_REQUEST_DIALOG = 'supportRequest';

/** What the request is about, besides what the requester typed: a registered certificate, or one read from its file. */
export interface RequestAbout {
  readonly certificateId?: string | undefined;
  readonly file?: TicketCertificate | undefined;
  /** The form card (or typed summary) the request is sent from: it sends one ticket. */
  readonly formId?: string | undefined;
}

/** What the dialog asks of the escalation feature: the form card, sending a request, counting a deflection. */
export interface SupportRequestPort {
  /** The form card pre-filled with `values` (and `error` above it), with the dialog that keeps them. */
  form(turn: Turn, values: RequestInput, about: RequestAbout, error?: string): Promise<TurnOutcome>;
  /** Checks and opens the request (or gives the form back with what is wrong). */
  submit(turn: Turn, input: RequestInput, about: RequestAbout): Promise<TurnOutcome>;
  /** The summary of a request typed field by field, with the button that sends it. */
  confirm(turn: Turn, values: RequestInput, about: RequestAbout): Reply;
  /** One of the form's suggested answers was chosen instead of sending: a deflected request. */
  deflected(turn: Turn, values: RequestInput, intent: ChoosableIntent): Promise<void>;
}

const STEPS = ['form', 'structure', 'finess', 'description', 'email', 'confirm'] as const;
type Step = (typeof STEPS)[number];
/** The fields asked one by one when the form card cannot be used (in this order: see nextStep). */
type TypedStep = 'structure' | 'finess' | 'description' | 'email';

const text = (max: number) => z.string().max(max).optional();
const stateSchema = z.object({
  step: z.enum(STEPS),
  values: z.object({ topic: text(20), queue: text(40), urgency: text(10), structure: text(200), finess: text(20), description: text(4000), email: text(254) }),
  /** FINESS asked and left out on purpose. */
  noFiness: z.boolean().optional(),
  certificateId: text(100),
  formId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/).optional(),
  file: z.object({ subject: text(1000), issuer: text(1000), serial: text(100), expiry: text(10), label: text(200) }).optional(),
});
export type SupportRequestState = z.infer<typeof stateSchema>;

/** A bare yes / no / ok: not the name of a structure. */
const ANSWER_WORD = /^(?:oui|ouais|yes|yep|ok|okay|d['’]accord|dac|bien s[uû]r|sure|non|no|nope)[.!]?$/i;

/** Words that leave a question empty on purpose (the FINESS is optional). */
const NONE = /^(non|aucun|aucune|pas de finess|je ne sais pas|sais pas|nsp|-|none|no|n\/a|i don ?t know|skip|passer)$/i;

/** The dialog state of a form being filled, for the feature's `form` to keep. */
export function requestDialogData(values: RequestInput, about: RequestAbout, step: Step = 'form', noFiness = false): Readonly<Record<string, unknown>> {
  const state: SupportRequestState = { step, values: { ...values }, noFiness, certificateId: about.certificateId, formId: about.formId, file: about.file && { ...about.file } };
  return state as unknown as Readonly<Record<string, unknown>>;
}

/** What a certificate file tells the ticket: never the file, never a key. */
export function ticketCertificateOf(certificate: CertificateInfo): TicketCertificate {
  return { subject: certificate.subject, issuer: certificate.issuer, serial: certificate.serialNumber, expiry: parisDate(certificate.notAfter) };
}

/**
 * A support request in progress. The form card is the usual way; this dialog keeps what it was pre-filled with, takes
 * a certificate file sent meanwhile (read in memory: its subject, issuer, serial and expiry fill the ticket, its FINESS
 * the form), counts a suggested answer chosen instead of sending (deflection), and — when the person types instead of
 * using the card (a client that shows no form, a screen reader) — asks the fields one by one with the same checks,
 * then sums up before sending. A secret typed at any step is refused and never kept, not even in the dialog.
 */
export class SupportRequestDialog implements Dialog {
  readonly id = SUPPORT_REQUEST_DIALOG;
  readonly ttlMs = 30 * 60 * 1000;

  constructor(private readonly port: SupportRequestPort) {}

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const state = this.stateOf(turn);
    if (!state) return undefined;
    const about: RequestAbout = { certificateId: state.certificateId, file: state.file, formId: state.formId };
    if (input.kind === 'action') {
      const { action } = input;
      if (action.verb === 'ticket.submit') return this.port.submit(turn, action, { certificateId: action.certificate ?? state.certificateId, file: state.file, formId: action.form ?? state.formId });
      if (action.verb === 'intent.choose') await this.port.deflected(turn, state.values, action.intent);
      // Anything else is not an answer to the form: the dialog ends and the click is handled as usual.
      return undefined;
    }
    const typed = turn.request.text ?? '';
    const intent = input.recognition.intent;
    if (intent === 'answer.no' && state.step !== 'finess') return { replies: [textReply(turn.tr('ticket.typed.cancelled'))], dialog: null };
    if (state.step === 'form') return this.startTyping(turn, state, about, typed, input.recognition.intent);
    if (state.step === 'confirm') {
      if (intent === 'answer.yes') return this.port.submit(turn, state.values, about);
      return this.ask(turn, state, about, 'confirm');
    }
    return this.answer(turn, state, about, state.step, typed);
  }

  async resumeWithCertificate(turn: Turn, certificate: CertificateInfo): Promise<TurnOutcome | undefined> {
    const state = this.stateOf(turn);
    if (!state) return undefined;
    const file = ticketCertificateOf(certificate);
    const values = { ...state.values, finess: state.values.finess || (certificate.finessHint ? formatFiness(certificate.finessHint) : undefined) };
    const read = textReply(turn.tr('ticket.file.read', { subject: certificate.subjectCommonName ?? certificate.subject, expiry: displayDate(file.expiry ?? '', turn.locale) }));
    const about: RequestAbout = { certificateId: state.certificateId, file, formId: state.formId };
    const next = { ...state, values, file };
    if (state.step === 'form') {
      const form = await this.port.form(turn, values, about);
      return { ...form, replies: [read, ...form.replies] };
    }
    const asked = this.ask(turn, next, about, state.step);
    return { ...asked, replies: [read, ...asked.replies] };
  }

  private stateOf(turn: Turn): SupportRequestState | undefined {
    const parsed = stateSchema.safeParse(turn.dialog?.data);
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Typed text while the form card is out. A question or a command is answered as such, a new request for a person
   * gets a new form (the dialog ends: the card stays usable); anything else means the person writes rather than fills the card — the fields are then asked one
   * by one, the text itself taken as the description when it is one and none was given.
   */
  private startTyping(turn: Turn, state: SupportRequestState, about: RequestAbout, typed: string, intent: string): TurnOutcome | undefined {
    // A situation named while describing the request (« notre certificat a été révoqué ») is the request itself.
    const isCommand = (COMMAND_INTENTS as readonly string[]).includes(intent) && intent !== 'answer.yes' && intent !== 'kb.situation';
    const isQuestion = intent !== 'none' && /\?\s*$/.test(typed);
    // Asking for a person again starts a new form, with what was just said as its description.
    if (isCommand || isQuestion || intent === 'support.human') return undefined;
    const secret = secretInText(typed);
    if (secret) return this.refuseSecret(turn, state, about, 'form', { secret });
    const values = { ...state.values };
    // A long message is the request itself; a short one (a name, "ok") is not taken for it.
    if (!values.description && typed.trim().length >= 25) {
      const description = checkDescription(typed);
      if (description.ok) values.description = description.value;
      else if (typeof description.error === 'object') return this.refuseSecret(turn, state, about, 'form', description.error);
    }
    // What it already says of the other fields (« nous sommes le CH de Rodez, c'est urgent ») is not asked again.
    const said = requestFieldsIn(typed);
    const structure = said.structure ? checkStructure(said.structure) : undefined;
    if (!values.structure && structure?.ok) values.structure = structure.value;
    const finess = said.finess ? checkRequestFiness(said.finess) : undefined;
    if (!values.finess && finess?.ok && finess.value) values.finess = formatFiness(finess.value);
    const email = said.email ? checkEmail(said.email) : undefined;
    if (!values.email && email?.ok) values.email = email.value;
    if (said.topic && (!values.topic || values.topic === 'other')) {
      // The card's queue was only proposed for its first topic: the team is proposed again for this one.
      values.topic = said.topic;
      values.queue = undefined;
    }
    if (said.urgency) values.urgency = said.urgency;
    const next = { ...state, values };
    const step = this.nextStep(next);
    const asked = this.ask(turn, next, about, step);
    return { ...asked, replies: [textReply(turn.tr('ticket.typed.intro')), ...asked.replies] };
  }

  /** One field typed: checked as the form checks it; wrong, asked again with the reason; right, the next one. */
  private answer(turn: Turn, state: SupportRequestState, about: RequestAbout, step: TypedStep, typed: string): TurnOutcome {
    const values = { ...state.values };
    let noFiness = state.noFiness ?? false;
    let error: RequestFieldError | undefined;
    if (step === 'structure' && ANSWER_WORD.test(typed.trim())) {
      // « oui », "ok": an answer to nothing asked — the structure's name is.
      const asked = this.ask(turn, state, about, step);
      return { ...asked, replies: [textReply(turn.tr('ticket.typed.structureAgain')), ...asked.replies] };
    }
    if (step === 'structure') {
      const check = checkStructure(typed);
      if (check.ok) values.structure = check.value;
      else error = check.error;
    } else if (step === 'finess') {
      if (NONE.test(typed.trim())) noFiness = true;
      else {
        const check = checkRequestFiness(typed);
        if (check.ok) values.finess = check.value && formatFiness(check.value);
        else error = check.error;
      }
    } else if (step === 'description') {
      const check = checkDescription(typed);
      if (check.ok) values.description = check.value;
      else error = check.error;
    } else {
      const check = checkEmail(typed);
      if (check.ok) values.email = check.value;
      else error = check.error;
    }
    if (error !== undefined) {
      if (typeof error === 'object') return this.refuseSecret(turn, state, about, step, error);
      const asked = this.ask(turn, state, about, step);
      return { ...asked, replies: [textReply(turn.tr(`ticket.error.${error}`)), ...asked.replies] };
    }
    const next = { ...state, values, noFiness };
    return this.ask(turn, next, about, this.nextStep(next));
  }

  /** A secret typed: refused with the reason, and neither kept nor echoed; the same question again. */
  private refuseSecret(turn: Turn, state: SupportRequestState, about: RequestAbout, step: Step, error: { readonly secret: string }): TurnOutcome {
    const refusal = textReply(turn.tr(`ticket.secret.${error.secret as 'private-key' | 'pkcs12' | 'password'}`));
    if (step === 'form') return { replies: [refusal] };
    const asked = this.ask(turn, state, about, step);
    return { ...asked, replies: [refusal, ...asked.replies] };
  }

  private nextStep(state: SupportRequestState): TypedStep | 'confirm' {
    const { values } = state;
    if (!values.structure) return 'structure';
    if (!values.finess && !state.noFiness) return 'finess';
    if (!values.description) return 'description';
    if (!values.email) return 'email';
    return 'confirm';
  }

  /** The question of `step` (or the summary to confirm), with the dialog that waits for its answer. */
  private ask(turn: Turn, state: SupportRequestState, about: RequestAbout, step: Step): TurnOutcome {
    const dialog = { id: this.id, startedAt: turn.request.now.toISOString(), data: requestDialogData(state.values, about, step, state.noFiness) };
    let replies: Reply[];
    if (step === 'confirm') replies = [this.port.confirm(turn, state.values, about)];
    else if (step === 'form') replies = [textReply(turn.tr('ticket.typed.intro'))];
    else replies = [textReply(turn.tr(`ticket.typed.${step}`))];
    return { replies, dialog };
  }
}
