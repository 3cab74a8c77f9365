import type { CardState, MessageSpec, OutboxItem, OutboxKind, OutboxStatus } from '../domain/outbox/outbox-item';
import type { Delivery } from '../domain/reminders/delivery';
import { asThresholdKey } from '../domain/reminders/threshold-key';
import type { SqlValue } from './sql';

/** The outbox's columns, in the order of OutboxRow. */
export const OUTBOX_COLUMNS =
  'id, kind, topic, cycle, item_key, target, payload, due_at, status, attempts, next_attempt_at, lease_owner, lease_until, sent_at, ' +
  'activity_id, last_error';

/** The columns of a reminder view: an outbox row with its acknowledgement (LEFT JOIN reminder_acknowledgements a). */
export const DELIVERY_COLUMNS = `${OUTBOX_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}, a.user_id AS acknowledged_by, a.user_name AS acknowledged_by_name, a.acknowledged_at`;
/** The FROM clause that DELIVERY_COLUMNS reads. */
export const DELIVERY_FROM = 'outbox o LEFT JOIN reminder_acknowledgements a ON a.item_id = o.id';
/** The kinds a certificate's history shows: its reminders and the notices about it. */
export const REMINDER_KINDS = "('reminder', 'owner-notice')";
/** Items still to go: waiting, or in a dispatcher's hands. */
export const TO_GO = "('pending', 'claimed')";

export interface OutboxRow {
  id: string;
  kind: string;
  topic: string;
  cycle: string;
  item_key: string;
  target: string;
  payload: string;
  due_at: number;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  sent_at: number | null;
  activity_id: string | null;
  last_error: string | null;
}

export interface DeliveryRow extends OutboxRow {
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: number | null;
}

const dateOrUndefined = (ms: number | null): Date | undefined => (ms === null ? undefined : new Date(Number(ms)));

/** A malformed payload in the table is a bug, not input: it fails the item loudly instead of sending nonsense. */
export class MalformedOutboxItem extends Error {
  constructor(readonly itemId: string, reason: string) {
    super(`Outbox item ${itemId} is malformed: ${reason}`);
    this.name = 'MalformedOutboxItem';
  }
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A card update's state as stored, or undefined when it is not one. */
export function cardState(value: unknown): CardState | undefined {
  if (!isRecord(value) || !isText(value.by)) return undefined;
  if (value.kind === 'snoozed' && isText(value.until)) return { kind: 'snoozed', by: value.by, until: value.until };
  if (value.kind === 'acknowledged' && isText(value.at)) return { kind: 'acknowledged', by: value.by, at: value.at };
  if (value.kind === 'stopped') return { kind: 'stopped', by: value.by };
  if (value.kind === 'renewed' && isText(value.newExpiry)) return { kind: 'renewed', by: value.by, newExpiry: value.newExpiry };
  if (value.kind === 'snoozed' && isText(value.until)) return { kind: 'snoozed', by: value.by, until: value.until };
  return undefined;
}

function messageSpec(value: unknown): MessageSpec | undefined {
  if (!isRecord(value) || !isText(value.key)) return undefined;
  const params = isRecord(value.params) ? value.params : {};
  const dates = isRecord(value.dates) ? value.dates : {};
  if (!Object.values(params).every((v) => isText(v) || typeof v === 'number') || !Object.values(dates).every(isText)) return undefined;
  return { key: value.key, params: params as Record<string, string | number>, dates: dates as Record<string, string> };
}

/** Reads a row back as the item of its kind; throws MalformedOutboxItem when its kind or payload does not fit. */
export function toOutboxItem(row: OutboxRow): OutboxItem {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    throw new MalformedOutboxItem(row.id, 'payload is not JSON');
  }
  const base = {
    id: row.id,
    topic: row.topic,
    cycle: row.cycle,
    key: row.item_key,
    target: row.target,
    dueAt: new Date(Number(row.due_at)),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    leaseUntil: dateOrUndefined(row.lease_until),
    sentAt: dateOrUndefined(row.sent_at),
    activityId: row.activity_id ?? undefined,
    lastError: row.last_error ?? undefined,
  };
  const kind = row.kind as OutboxKind;
  const p = isRecord(payload) ? payload : {};
  switch (kind) {
    case 'reminder':
      return { ...base, kind, payload: {} };
    case 'owner-notice':
      if (isText(p.about)) return { ...base, kind, payload: { about: p.about } };
      break;
    case 'card-update': {
      const state = cardState(p.state);
      if (isText(p.itemId) && isText(p.activityId) && state) return { ...base, kind, payload: { itemId: p.itemId, activityId: p.activityId, state } };
      break;
    }
    case 'message': {
      const text = messageSpec(p.text);
      if (text) return { ...base, kind, payload: { text } };
      break;
    }
    case 'ticket-card':
      if (isText(p.ticketId)) return { ...base, kind, payload: { ticketId: p.ticketId } };
      break;
    case 'ticket-thread':
    case 'ticket-relay':
      if (isText(p.ticketId) && Number.isInteger(p.seq)) return { ...base, kind, payload: { ticketId: p.ticketId, seq: Number(p.seq) } };
      break;
    case 'email':
      if (isText(p.ticketId) && Number.isInteger(p.seq) && isText(p.to)) return { ...base, kind, payload: { ticketId: p.ticketId, seq: Number(p.seq), to: p.to } };
      break;
  }
  throw new MalformedOutboxItem(row.id, `kind ${JSON.stringify(row.kind)} with this payload`);
}

/** A reminder or notice row as the reminders domain sees it. */
export function toDelivery(row: DeliveryRow): Delivery {
  let about: string | undefined;
  if (row.kind === 'owner-notice') {
    const payload = JSON.parse(row.payload) as { about?: unknown };
    about = typeof payload.about === 'string' && payload.about !== '' ? payload.about : undefined;
  }
  return {
    id: row.id,
    certificateId: row.topic,
    conversationId: row.target,
    expiryDate: row.cycle,
    threshold: asThresholdKey(row.item_key),
    dueAt: new Date(Number(row.due_at)),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    sentAt: dateOrUndefined(row.sent_at),
    activityId: row.activity_id ?? undefined,
    lastError: row.last_error ?? undefined,
    leaseUntil: dateOrUndefined(row.lease_until),
    acknowledgedBy: row.acknowledged_by ?? undefined,
    acknowledgedByName: row.acknowledged_by_name ?? undefined,
    acknowledgedAt: dateOrUndefined(row.acknowledged_at),
    aboutConversationId: about,
  };
}

/** "$first, $first+1, …" for `count` values. */
export function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

/** Rows per multi-row INSERT: well under both engines' parameter limits. */
export const INSERT_CHUNK = 100;

/** The values of one new pending item, in the order of NEW_ITEM_COLUMNS. */
export const NEW_ITEM_COLUMNS = 'id, kind, topic, cycle, item_key, target, payload, due_at, status, attempts, next_attempt_at, created_at';

/** "($1, …, 'pending', 0, $8, $9)" for the `index`-th new item of a multi-row INSERT (9 parameters each). */
export function newItemValues(index: number): string {
  const p = (n: number) => `$${index * 9 + n}`;
  return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, 'pending', 0, ${p(8)}, ${p(9)})`;
}

/** The 9 parameters of one new item for newItemValues. */
export function newItemParams(id: string, kind: OutboxKind, topic: string, cycle: string, key: string, target: string, payload: object, dueAt: Date, now: Date): SqlValue[] {
  return [id, kind, topic, cycle, key, target, JSON.stringify(payload), dueAt.getTime(), now.getTime()];
}
