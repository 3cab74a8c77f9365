/**
 * The bench's data: certificates with one personal chat each and the reminders the real schedule plans for them, as
 * rows of the register's tables and of the outbox (migration 8), generated in chunks.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_THRESHOLDS, USAGES } from '../../src/domain/reminders/certificate';
import { addDays } from '../../src/domain/civil-date';
import { plannedDeliveries, type PlannedDelivery } from '../../src/domain/reminders/schedule';
import { seededRandom } from '../../src/domain/seeded-random';
import type { SqlValue } from '../../src/store/sql';
import { ANCHOR, ANCHOR_DATE, CUT, LEASE_MS, REGISTERED } from './common';

/** A table the bench fills, and the columns it writes. */
export interface TableSpec {
  readonly key: 'certificates' | 'conversations' | 'targets' | 'deliveries';
  readonly name: string;
  readonly columns: readonly string[];
  /** PostgreSQL element types, for unnest(). */
  readonly types: readonly string[];
}

/** The columns of the register, the conversations and the outbox the bench fills; the others stay NULL. */
export const TABLES: readonly TableSpec[] = [
  {
    key: 'certificates',
    name: 'certificates',
    columns: [
      'id', 'label', 'finess', 'corridor', 'structure', 'scope', 'usage', 'expiry_date', 'thresholds', 'weekly_after_expiry',
      'delivery_hour', 'working_days_only', 'created_by', 'created_at', 'updated_at',
    ],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer', 'integer', 'text', 'bigint', 'bigint'],
  },
  {
    key: 'conversations',
    name: 'conversations',
    columns: ['conversation_id', 'kind', 'tenant_id', 'user_id', 'service_url', 'reference', 'created_at', 'updated_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint'],
  },
  {
    key: 'targets',
    name: 'reminder_targets',
    columns: ['certificate_id', 'conversation_id', 'kind', 'user_id', 'created_at'],
    types: ['text', 'text', 'text', 'text', 'bigint'],
  },
  {
    key: 'deliveries',
    name: 'outbox',
    columns: [
      'id', 'kind', 'topic', 'cycle', 'item_key', 'target', 'payload', 'due_at', 'status', 'attempts', 'next_attempt_at',
      'sent_at', 'activity_id', 'created_at',
    ],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'integer', 'bigint', 'bigint', 'text', 'bigint'],
  },
];

/** One chunk's rows, per table, in TABLES' column order. */
export type Rows = Record<TableSpec['key'], SqlValue[][]>;

/** One chunk of generated certificates. */
export interface Chunk {
  readonly rows: Rows;
  /** Per certificate that a phase may make due: its earliest pending delivery (none of its deliveries near the anchor). */
  readonly eligible: string[];
  readonly sent: number;
  readonly pending: number;
}

/** Expiry dates run from 30 days ago over a little more than 3 years. */
export const EXPIRY_FROM_DAYS = -30;
export const EXPIRY_SPAN_DAYS = 3 * 365 + 31;
const THRESHOLDS_JSON = JSON.stringify(DEFAULT_THRESHOLDS);
const scheduleCache = new Map<string, PlannedDelivery[]>();

/** The real schedule of a certificate, computed once per (expiry, hour, working days). */
function scheduleOf(expiryDate: string, hour: number, workingDaysOnly: boolean): PlannedDelivery[] {
  const key = `${expiryDate}|${hour}|${workingDaysOnly ? 1 : 0}`;
  let planned = scheduleCache.get(key);
  if (!planned) {
    planned = plannedDeliveries(
      { expiryDate, thresholds: DEFAULT_THRESHOLDS, weeklyAfterExpiry: false, delivery: { hour, workingDaysOnly } },
      new Date(REGISTERED),
    );
    scheduleCache.set(key, planned);
  }
  return planned;
}

/**
 * Certificates [from, to): expiry uniform over 30 days ago … 3 years ahead, delivery hour 07–18 Paris, half on working
 * days only, one personal chat each (with its conversation record, as the bot keeps one for every user it talks to).
 */
export function generate(from: number, to: number): Chunk {
  const rows: Rows = { certificates: [], conversations: [], targets: [], deliveries: [] };
  const eligible: string[] = [];
  let sent = 0;
  let pending = 0;
  for (let i = from; i < to; i += 1) {
    const random = seededRandom(Math.imul(i + 1, 0x9e3779b1) ^ 0x5eed);
    const certificateId = randomUUID();
    const conversationId = `a:${randomUUID()}`;
    const userId = `29:bench-user-${i}`;
    const expiry = addDays(ANCHOR_DATE, EXPIRY_FROM_DAYS + Math.floor(random() * EXPIRY_SPAN_DAYS));
    const hour = 7 + Math.floor(random() * 12);
    const workingDaysOnly = random() < 0.5;
    const usage = USAGES[Math.floor(random() * USAGES.length)] ?? 'other';
    rows.certificates.push([
      certificateId, `Certificat ${usage} – établissement ${i}`, String(100_000_000 + Math.floor(random() * 899_999_999)), null, null,
      random() < 0.5 ? 'juridique' : 'geographique', usage, expiry, THRESHOLDS_JSON, 0, hour, workingDaysOnly ? 1 : 0, userId,
      REGISTERED, REGISTERED,
    ]);
    rows.conversations.push([
      conversationId, 'personal', 'bench-tenant', userId, 'https://smba.trafficmanager.net/fr/',
      JSON.stringify({ conversation: { id: conversationId }, user: { id: userId } }), REGISTERED, REGISTERED,
    ]);
    rows.targets.push([certificateId, conversationId, 'personal', userId, REGISTERED]);
    let firstPending: string | undefined;
    let nearAnchor = false;
    for (const planned of scheduleOf(expiry, hour, workingDaysOnly)) {
      const id = randomUUID();
      const due = planned.dueAt.getTime();
      if (due >= ANCHOR && due < CUT) nearAnchor = true;
      if (due < CUT) {
        // History: went when it came due (its next_attempt_at is where its claim's lease ended).
        rows.deliveries.push([id, 'reminder', certificateId, expiry, planned.threshold, conversationId, '{}', due, 'sent', 1, due + LEASE_MS, due + 1_000, `activity-${id}`, REGISTERED]);
        sent += 1;
      } else {
        rows.deliveries.push([id, 'reminder', certificateId, expiry, planned.threshold, conversationId, '{}', due, 'pending', 0, due, null, null, REGISTERED]);
        firstPending ??= id;
        pending += 1;
      }
    }
    if (firstPending && !nearAnchor) eligible.push(firstPending);
  }
  return { rows, eligible, sent, pending };
}
