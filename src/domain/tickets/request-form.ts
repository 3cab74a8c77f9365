import { checkFiness } from '../finess';
import { cleanUserLines, cleanUserText } from '../user-text';
import { secretInText, type SecretKind } from './secrets';
import { TICKET_TOPICS, TICKET_URGENCIES, type TicketTopic, type TicketUrgency } from './ticket';

/**
 * The checks of a support request's fields, the same whether they come from the form card or are typed one by one in
 * the chat: user text cleaned, the FINESS key checked, the e-mail's shape, and no secret anywhere.
 */

/** What is wrong with a field: the catalog says it (`ticket.error.*`, `ticket.secret.*`). */
export type RequestFieldError = 'structure' | 'finess' | 'description' | 'email' | 'choice' | { readonly secret: SecretKind };

export type FieldCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RequestFieldError };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const MIN_DESCRIPTION = 10;
export const MAX_DESCRIPTION = 4000;

const secretIn = (text: string): RequestFieldError | undefined => {
  const secret = secretInText(text);
  return secret ? { secret } : undefined;
};

export function checkStructure(raw: string): FieldCheck<string> {
  const value = cleanUserText(raw);
  const secret = secretIn(value);
  if (secret) return { ok: false, error: secret };
  return value.length >= 2 && value.length <= 200 ? { ok: true, value } : { ok: false, error: 'structure' };
}

/** Optional: empty is "none given"; else 9 characters with a right key (2A/2B for Corsica). Answers the 9 characters. */
export function checkRequestFiness(raw: string): FieldCheck<string | undefined> {
  const value = cleanUserText(raw);
  if (value === '') return { ok: true, value: undefined };
  const check = checkFiness(value);
  return check.valid ? { ok: true, value: check.value } : { ok: false, error: 'finess' };
}

export function checkDescription(raw: string): FieldCheck<string> {
  const value = cleanUserLines(raw);
  const secret = secretIn(value);
  if (secret) return { ok: false, error: secret };
  return value.length >= MIN_DESCRIPTION && value.length <= MAX_DESCRIPTION ? { ok: true, value } : { ok: false, error: 'description' };
}

export function checkEmail(raw: string): FieldCheck<string> {
  const value = cleanUserText(raw);
  const secret = secretIn(value);
  if (secret) return { ok: false, error: secret };
  return EMAIL.test(value) && value.length <= 254 ? { ok: true, value } : { ok: false, error: 'email' };
}

export function checkTopic(raw: string | undefined): TicketTopic | undefined {
  return TICKET_TOPICS.find((topic) => topic === raw);
}

export function checkUrgency(raw: string | undefined): TicketUrgency | undefined {
  return TICKET_URGENCIES.find((urgency) => urgency === raw);
}

/** The fields of a request as typed or submitted (strings, unchecked). */
export interface RequestInput {
  readonly topic?: string | undefined;
  readonly queue?: string | undefined;
  readonly urgency?: string | undefined;
  readonly structure?: string | undefined;
  readonly finess?: string | undefined;
  readonly description?: string | undefined;
  readonly email?: string | undefined;
}

/** A request whose every field passed. */
export interface CheckedRequest {
  readonly topic: TicketTopic;
  readonly queueId: string;
  readonly urgency: TicketUrgency;
  readonly structure: string;
  readonly finess: string | undefined;
  readonly description: string;
  readonly email: string;
}

/**
 * Every field of a request, checked in the order the form shows them — a secret anywhere first, so that it is refused
 * before anything else is said of it. `queues` are the queue ids that exist.
 */
export function checkRequest(input: RequestInput, queues: readonly string[]): FieldCheck<CheckedRequest> {
  const secret = secretIn([input.structure, input.description, input.email].filter(Boolean).join('\n'));
  if (secret) return { ok: false, error: secret };
  const topic = checkTopic(input.topic);
  const urgency = checkUrgency(input.urgency);
  const queueId = queues.find((id) => id === input.queue);
  if (!topic || !urgency || !queueId) return { ok: false, error: 'choice' };
  const structure = checkStructure(input.structure ?? '');
  if (!structure.ok) return structure;
  const finess = checkRequestFiness(input.finess ?? '');
  if (!finess.ok) return finess;
  const description = checkDescription(input.description ?? '');
  if (!description.ok) return description;
  const email = checkEmail(input.email ?? '');
  if (!email.ok) return email;
  return { ok: true, value: { topic, queueId, urgency, structure: structure.value, finess: finess.value, description: description.value, email: email.value } };
}
