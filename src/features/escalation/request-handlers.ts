import { randomUUID } from 'node:crypto';
import { ticketConfirmCard, ticketFormCard, ticketSentCard, type TicketFormView } from '../../../cards/ticket-card-form';
import { requestDialogData, SupportRequestDialog, SUPPORT_REQUEST_DIALOG, type RequestAbout } from '../../../dialogs/support-request-dialog';
import type { VerbHandler } from '../../conversation/router';
import { cardReply, textReply, type Turn, type TurnOutcome } from '../../conversation/turn';
import { formatFiness } from '../../domain/finess';
import { checkRequest, checkTopic, checkUrgency, MIN_DESCRIPTION, type RequestInput } from '../../domain/tickets/request-form';
import { isOwner } from '../../domain/reminders/ownership';
import { proposedQueue, type SupportQueue } from '../../domain/tickets/queues';
import { secretInText } from '../../domain/tickets/secrets';
import type { Ticket, TicketDraft, TicketTopic } from '../../domain/tickets/ticket';
import { cleanUserLines } from '../../domain/user-text';
import { certificateLine, mailtoOf } from '../../notify/ticket-views';
import { openedItems } from './notifications';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import type { CertificateRegister } from '../../domain/reminders/reminder-repository';
import type { TicketRepository } from '../../domain/tickets/ticket-repository';
import type { ChoosableIntent } from '../../understanding/intents';

/** What the request handlers need: the tickets, where they go, and how a new one is announced. */
export interface RequestHandlerDeps {
  readonly tickets: TicketRepository;
  readonly register: Pick<CertificateRegister, 'get'>;
  readonly conversations: ConversationRepository;
  readonly clock: Clock;
  readonly queues: readonly SupportQueue[];
  /** Whether certibot sends e-mails itself (SMTP_URL). */
  readonly smtp: boolean;
  /** The knowledge answers closest to a text, best first (deflection before a request is sent). */
  readonly suggest: (text: string) => readonly ChoosableIntent[];
  /** Sends at once what was just stored in the outbox. */
  readonly wake: () => void;
  /** SUPPORT_SURVEY_DELAY_MINUTES and SUPPORT_NUDGE_MINUTES, in milliseconds. */
  readonly surveyDelayMs: number;
  readonly nudgeDelayMs: number;
}

/**
 * What a request for a person already says of the request itself, as the form's description: « je veux parler à
 * quelqu'un : notre certificat INSi a expiré hier » gives what follows the colon (or the first sentence); a long
 * message with no such break is kept whole; « je voudrais parler à quelqu'un » alone says nothing yet. Never a secret.
 */
export function descriptionIn(text: string | undefined): string | undefined {
  if (!text || secretInText(text)) return undefined;
  const lines = cleanUserLines(text);
  const after = /^[^:.!?\n]{0,80}[:.!?\n]\s*([\s\S]+)$/.exec(lines)?.[1]?.trim();
  if (after && after.length >= MIN_DESCRIPTION) return after;
  return lines.length >= 60 ? lines : undefined;
}

/**
 * A request for a person: the form (pre-filled from what was said, with the closest answers offered first), its typed
 * fallback (the request dialog), the check of what it holds and the ticket it opens — once per form.
 */
export function requestHandlers(
  deps: RequestHandlerDeps,
  queueOf: (id: string) => SupportQueue | undefined,
): {
  form: (turn: Turn, start: { topic?: TicketTopic; certificateId?: string }) => Promise<TurnOutcome>;
  submit: VerbHandler<'ticket.submit'>;
  requestDialog: SupportRequestDialog;
} {
  const delays = { surveyDelayMs: deps.surveyDelayMs, nudgeDelayMs: deps.nudgeDelayMs };

  /**
   * The certificate a request is about, when the person may see it: theirs, or reminded in this conversation (the
   * reminder card the button came from). A forged id gets no name, FINESS or expiry of anyone else's certificate.
   */
  const visibleCertificate = async (turn: Turn, certificateId: string | undefined) => {
    const registered = certificateId ? await deps.register.get(certificateId) : undefined;
    if (!registered) return undefined;
    const actor = { userId: turn.request.userId, tenantId: turn.request.tenantId };
    return isOwner(registered, actor) || registered.targets.some((target) => target.conversationId === turn.request.conversationId) ? registered : undefined;
  };

  /** The form card, pre-filled, with the dialog that keeps what it holds (a certificate file sent meanwhile joins it). */
  const formWith = async (turn: Turn, values: RequestInput, about: RequestAbout, error?: string): Promise<TurnOutcome> => {
    const topic = checkTopic(values.topic) ?? 'other';
    const registered = await visibleCertificate(turn, about.certificateId);
    const text = turn.request.text;
    const view: TicketFormView = {
      topic,
      queues: deps.queues.map((queue) => ({ id: queue.id, name: queue.name })),
      queue: queueOf(values.queue ?? '')?.id ?? proposedQueue(topic, deps.queues).id,
      urgency: checkUrgency(values.urgency) ?? (topic === 'expired' ? 'high' : 'normal'),
      structure: values.structure,
      finess: values.finess ?? (registered?.certificate.finess ? formatFiness(registered.certificate.finess) : undefined),
      description: values.description,
      email: values.email,
      certificate: registered ? { id: registered.certificate.id, label: registered.certificate.label } : undefined,
      file: about.file ? certificateLine(about.file) : undefined,
      formId: about.formId ?? randomUUID(),
      suggestions: text && !error ? deps.suggest(text).slice(0, 3).map((intent) => ({ intent, title: turn.tr.plain(`intent.${intent}`) })) : [],
      error,
    };
    const kept: RequestInput = { topic: view.topic, queue: view.queue, urgency: view.urgency, structure: view.structure, finess: view.finess, description: view.description, email: view.email };
    return {
      replies: [cardReply(ticketFormCard(view, turn.tr))],
      dialog: { id: SUPPORT_REQUEST_DIALOG, startedAt: turn.request.now.toISOString(), data: requestDialogData(kept, { certificateId: view.certificate?.id, file: about.file, formId: view.formId }) },
    };
  };

  const form = (turn: Turn, start: { topic?: TicketTopic; certificateId?: string }): Promise<TurnOutcome> => {
    return formWith(turn, { topic: start.topic, description: descriptionIn(turn.request.text) }, { certificateId: start.certificateId });
  };

  /** Checks a request (the form's or the typed one) and opens it; a wrong field gives the form back, nothing stored. */
  const open = async (turn: Turn, input: RequestInput, about: RequestAbout): Promise<TurnOutcome> => {
    // No team chosen (a request typed rather than sent from the card): the one its topic proposes.
    const withQueue = input.queue ? input : { ...input, queue: proposedQueue(checkTopic(input.topic) ?? 'other', deps.queues).id };
    const checked = checkRequest(withQueue, deps.queues.map((queue) => queue.id));
    if (!checked.ok) {
      const { error } = checked;
      const message = typeof error === 'object' ? turn.tr(`ticket.secret.${error.secret}`) : turn.tr(`ticket.error.${error}`);
      // Secrets never travel: refused before anything is stored, and not echoed back in the form.
      const keep = typeof error === 'object' ? { ...input, description: '', structure: secretInText(input.structure ?? '') ? '' : input.structure, email: secretInText(input.email ?? '') ? '' : input.email } : input;
      return formWith(turn, keep, about, message);
    }
    const request = checked.value;
    const queue = queueOf(request.queueId) as SupportQueue;
    const personal = turn.request.conversationKind === 'personal' ? turn.request.conversationId : (await deps.conversations.findPersonal(turn.request.userId))?.conversationId;
    if (!personal) return { replies: [textReply(turn.tr('ticket.needPersonalChat'))], dialog: null };
    const registered = await visibleCertificate(turn, about.certificateId);
    const draft: TicketDraft = {
      queueId: queue.id,
      topic: request.topic,
      urgency: request.urgency,
      structure: request.structure,
      finess: request.finess,
      description: request.description,
      contactEmail: request.email,
      certificate: about.file
        ? { ...about.file, label: registered?.certificate.label }
        : registered
          ? { label: registered.certificate.label, expiry: registered.certificate.expiryDate }
          : undefined,
    };
    // A form sends one ticket: clicked again (a double click, a retried invoke, another device), it says so.
    const sentAlready = async (): Promise<TurnOutcome | undefined> => {
      const sent = about.formId ? await deps.tickets.byForm(about.formId) : undefined;
      if (!sent || sent.requester?.userId !== turn.request.userId) return undefined;
      const text = turn.tr('ticket.sent.already', { number: sent.number, queue: queueOf(sent.queueId)?.name ?? sent.queueId });
      return { replies: [cardReply(ticketSentCard({ text }, turn.tr))], dialog: null };
    };
    const already = await sentAlready();
    if (already) return already;
    const now = deps.clock.now();
    const channel = await deps.tickets.supportChannel(queue.id);
    let ticket: Ticket;
    try {
      ticket = await deps.tickets.open(
        { ...draft, formId: about.formId },
        { userId: turn.request.userId, name: turn.request.userName, tenantId: turn.request.tenantId, conversationId: personal },
        now,
        (stored) => openedItems(stored, { queue, channel, smtp: deps.smtp, ...delays }, now),
      );
    } catch (error) {
      // Two clicks at once: the form's unique id let one in; the other is told which ticket it made.
      const raced = await sentAlready();
      if (raced) return raced;
      throw error;
    }
    deps.wake();
    const opened = turn.tr('ticket.opened.reply', { number: ticket.number, queue: queue.name });
    const mailto =
      !channel && !deps.smtp
        ? { text: turn.tr('ticket.opened.mailto', { email: queue.email, number: ticket.number }), url: mailtoOf(ticket, queue.email, turn.tr) }
        : undefined;
    return { replies: [cardReply(ticketSentCard({ text: opened, mailto }, turn.tr))], dialog: null };
  };

  const submit: VerbHandler<'ticket.submit'> = (turn, action) => open(turn, action, { certificateId: action.certificate, formId: action.form });

  const requestDialog = new SupportRequestDialog({
    form: formWith,
    submit: open,
    confirm: (turn, values, about) => {
      const queue = queueOf(values.queue ?? '') ?? proposedQueue(checkTopic(values.topic) ?? 'other', deps.queues);
      const topic = checkTopic(values.topic) ?? 'other';
      const urgency = checkUrgency(values.urgency) ?? 'normal';
      return cardReply(
        ticketConfirmCard(
          {
            topic: turn.tr.plain(`ticket.topic.${topic}`),
            queue: queue.name,
            urgency: turn.tr.plain(`ticket.urgency.${urgency}`),
            structure: values.structure ?? '',
            finess: values.finess,
            description: values.description ?? '',
            email: values.email ?? '',
            certificate: about.file ? certificateLine(about.file) : undefined,
            // In the order of the action's schema: what is sent is exactly what is checked.
            submit: {
              certificate: about.certificateId,
              form: about.formId,
              topic,
              queue: queue.id,
              urgency,
              structure: values.structure,
              finess: values.finess,
              description: values.description,
              email: values.email,
            },
          },
          turn.tr,
        ),
      );
    },
    deflected: async (turn, values, intent) => {
      const topic = checkTopic(values.topic) ?? 'other';
      const queue = queueOf(values.queue ?? '') ?? proposedQueue(topic, deps.queues);
      await deps.tickets.recordDeflection({ queueId: queue.id, topic, intent, at: deps.clock.now() });
    },
  });

  return { form, submit, requestDialog };
}
