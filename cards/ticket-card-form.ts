import type { Translate } from '../src/messages/translator';
import { TICKET_TOPICS, TICKET_URGENCIES, type TicketTopic, type TicketUrgency } from '../src/domain/tickets/ticket';
import { escapeMarkdown } from '../src/domain/user-text';
import { card, execute, heading, openUrl, submit, text, userText, type AdaptiveCard, type CardElement, type InputChoiceSet } from './adaptive';

/** The request form, pre-filled from the conversation; `suggestions` are the closest knowledge answers (deflection). */
export interface TicketFormView {
  readonly topic: TicketTopic;
  readonly queues: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly queue: string;
  readonly urgency: TicketUrgency;
  readonly structure?: string | undefined;
  readonly finess?: string | undefined;
  readonly description?: string | undefined;
  readonly email?: string | undefined;
  /** The certificate the request is about (a reminder, a file), by id, and how to name it. */
  readonly certificate?: { readonly id: string; readonly label: string } | undefined;
  /** A certificate read from a file sent during the request, in one line. */
  readonly file?: string | undefined;
  readonly suggestions: ReadonlyArray<{ readonly intent: string; readonly title: string }>;
  /** A message when the form comes back after a refused submission. */
  readonly error?: string | undefined;
  /** The form's own id, sent with it: one form sends one ticket however often it is clicked. */
  readonly formId: string;
}

const EMAIL = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
const FINESS = '^\\s*(?:\\d{2}|2[AaBb])[\\s.]?\\d{3}[\\s.]?\\d{3}[\\s.]?\\d\\s*$';

const choice = (id: string, label: string, choices: InputChoiceSet['choices'], value: string): InputChoiceSet => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  style: 'compact',
  choices,
  value,
});

/** « Demander à un conseiller »: topic, queue, structure and FINESS, description, contact e-mail, urgency. */
export function ticketFormCard(view: TicketFormView, tr: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(tr('ticket.form.title')), text(tr('ticket.form.intro'), { isSubtle: true })];
  if (view.error) body.push(text(view.error, { color: 'attention' }));
  if (view.suggestions.length > 0) body.push(text(tr('ticket.form.suggestions'), { weight: 'bolder' }));
  body.push(
    choice('topic', tr('ticket.field.topic'), TICKET_TOPICS.map((topic) => ({ title: tr.plain(`ticket.topic.${topic}`), value: topic })), view.topic),
    choice('queue', tr('ticket.field.queue'), view.queues.map((queue) => ({ title: queue.name, value: queue.id })), view.queue),
    { type: 'Input.Text', id: 'structure', label: tr('ticket.field.structure'), value: view.structure ?? '', maxLength: 200, isRequired: true, errorMessage: tr('ticket.error.structure') },
    { type: 'Input.Text', id: 'finess', label: tr('ticket.field.finess'), value: view.finess ?? '', placeholder: '01 078 091 4', maxLength: 20, regex: FINESS, errorMessage: tr('ticket.error.finess') },
    {
      type: 'Input.Text',
      id: 'description',
      label: tr('ticket.field.description'),
      value: view.description ?? '',
      placeholder: tr('ticket.field.descriptionHint'),
      isMultiline: true,
      maxLength: 4000,
      isRequired: true,
      errorMessage: tr('ticket.error.description'),
    },
    { type: 'Input.Text', id: 'email', label: tr('ticket.field.email'), value: view.email ?? '', maxLength: 254, isRequired: true, regex: EMAIL, errorMessage: tr('ticket.error.email') },
    choice('urgency', tr('ticket.field.urgency'), TICKET_URGENCIES.map((urgency) => ({ title: tr.plain(`ticket.urgency.${urgency}`), value: urgency })), view.urgency),
  );
  if (view.certificate) body.push(text(tr('ticket.form.about', { label: view.certificate.label }), { isSubtle: true }));
  if (view.file) body.push(text(tr('ticket.form.aboutFile', { certificate: view.file }), { isSubtle: true }));
  body.push(text(tr('ticket.form.noSecrets'), { isSubtle: true, size: 'small' }), text(tr('ticket.form.typeHint'), { isSubtle: true, size: 'small' }));
  const suggestions = view.suggestions.slice(0, 3).map((s) => submit(s.title, { verb: 'intent.choose', intent: s.intent }));
  return card(
    body,
    [
      execute(tr('ticket.form.send'), { verb: 'ticket.submit', ...(view.certificate ? { certificate: view.certificate.id } : {}), form: view.formId }, 'positive'),
      ...suggestions,
    ],
    tr('ticket.form.title'),
  );
}

/** A request typed field by field, summed up before it is sent: every value is user text, escaped by the translator. */
export interface TicketConfirmView {
  readonly topic: string;
  readonly queue: string;
  readonly urgency: string;
  readonly structure: string;
  readonly finess: string | undefined;
  readonly description: string;
  readonly email: string;
  readonly certificate: string | undefined;
  /** What « Envoyer » submits: the same fields as the form card's. */
  readonly submit: Readonly<Record<string, string | undefined>>;
}

export function ticketConfirmCard(view: TicketConfirmView, tr: Translate): AdaptiveCard {
  const facts: Array<[string, string]> = [
    [tr.plain('ticket.field.topic'), view.topic],
    [tr.plain('ticket.field.queue'), view.queue],
    [tr.plain('ticket.field.urgency'), view.urgency],
    [tr.plain('ticket.field.structure'), view.structure],
    ...(view.finess ? [[tr.plain('ticket.field.finess'), view.finess] as [string, string]] : []),
    [tr.plain('ticket.field.email'), view.email],
  ];
  const data = Object.fromEntries(Object.entries(view.submit).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return card(
    [
      heading(tr('ticket.confirm.title')),
      { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: escapeMarkdown(value) })) },
      userText(view.description, { wrap: true }),
      ...(view.certificate ? [text(tr('ticket.form.aboutFile', { certificate: view.certificate }), { isSubtle: true })] : []),
      text(tr('ticket.confirm.hint'), { isSubtle: true, size: 'small' }),
    ],
    [execute(tr('ticket.form.send'), { verb: 'ticket.submit', ...data }, 'positive')],
    tr('ticket.confirm.title'),
  );
}

/**
 * The request is sent (or was already, from this very form): it replaces the form for the person who sent it, so that
 * nothing invites a second click. A queue worked by e-mail without SMTP adds the pre-filled message to send.
 */
export function ticketSentCard(view: { readonly text: string; readonly mailto?: { readonly text: string; readonly url: string } | undefined }, tr: Translate): AdaptiveCard {
  return card(
    [heading(tr('ticket.sent.title')), text(view.text), ...(view.mailto ? [text(view.mailto.text)] : [])],
    view.mailto ? [openUrl(tr('ticket.action.mail'), view.mailto.url)] : [],
    view.text,
  );
}
