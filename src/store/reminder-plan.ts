import { randomUUID } from 'node:crypto';
import type { CertificateRecord, ReminderTarget } from '../domain/reminders/certificate';
import { REPLANNABLE_SKIPS, type SkipReason } from '../domain/reminders/delivery';
import { plannedDeliveries } from '../domain/reminders/schedule';
import { parseThresholdKey } from '../domain/reminders/threshold-key';
import { nextWeeklyLink } from '../domain/reminders/weekly-chain';
import { CERTIFICATE_COLUMNS, toCertificate, toTarget, type CertificateRow, type TargetRow } from './certificate-rows';
import { INSERT_CHUNK, NEW_ITEM_COLUMNS, newItemParams, newItemValues, placeholders, REMINDER_KINDS, TO_GO } from './outbox-rows';
import { queryOne, type SqlExecutor, type SqlValue } from './sql';

/**
 * The SQL side of a certificate's reminder plan, shared by the register, the notices and the outbox's reminder policy:
 * reminders are outbox items of kind 'reminder' whose topic is the certificate, cycle its expiry date and key the
 * threshold. Every function runs in the caller's transaction.
 */

/** A certificate's expiry cycle: the keys of its reminders are unique within one. */
export type Cycle = Pick<CertificateRecord, 'id' | 'expiryDate'>;

const REPLANNABLE = `(${REPLANNABLE_SKIPS.map((reason) => `'${reason}'`).join(', ')})`;

/** Loads a certificate, locking its row (PostgreSQL) so that changes to its plan are serialised. */
export async function lockCertificate(tx: SqlExecutor, id: string): Promise<CertificateRecord | undefined> {
  const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const row = await queryOne<CertificateRow>(tx, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1${lock}`, [id]);
  return row && toCertificate(row);
}

export async function loadCertificate(db: SqlExecutor, id: string): Promise<CertificateRecord | undefined> {
  const row = await queryOne<CertificateRow>(db, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1`, [id]);
  return row && toCertificate(row);
}

export async function targetsOf(db: SqlExecutor, certificateIds: readonly string[]): Promise<ReminderTarget[]> {
  if (certificateIds.length === 0) return [];
  const rows = await db.query<TargetRow>(
    `SELECT certificate_id, conversation_id, kind, user_id FROM reminder_targets
     WHERE certificate_id IN (${placeholders(certificateIds.length)}) ORDER BY certificate_id, created_at, conversation_id`,
    certificateIds,
  );
  return rows.map(toTarget);
}

export async function hasTarget(db: SqlExecutor, certificateId: string, conversationId: string): Promise<boolean> {
  const row = await queryOne(db, 'SELECT 1 AS found FROM reminder_targets WHERE certificate_id = $1 AND conversation_id = $2', [
    certificateId,
    conversationId,
  ]);
  return row !== undefined;
}

/** Skips the reminders and notices still to go that `where` selects (its parameters start at $2). */
export function skipReminders(tx: SqlExecutor, reason: SkipReason, where: string, values: readonly SqlValue[]): Promise<number> {
  return tx.execute(
    `UPDATE outbox SET status = 'skipped', last_error = $1, lease_owner = NULL, lease_until = NULL
     WHERE kind IN ${REMINDER_KINDS} AND status IN ${TO_GO} AND ${where}`,
    [reason, ...values],
  );
}

/**
 * Lays the plan for some conversations of a certificate. A key already there is re-timed if still pending, brought
 * back if it had been skipped only because it was unplanned, and otherwise (sent, failed…) left alone.
 */
export async function plan(tx: SqlExecutor, certificate: CertificateRecord, conversationIds: readonly string[], now: Date): Promise<void> {
  const planned = plannedDeliveries(certificate, now);
  const rows = [...new Set(conversationIds)].flatMap((conversationId) =>
    planned.map((p) => newItemParams(randomUUID(), 'reminder', certificate.id, certificate.expiryDate, p.threshold, conversationId, {}, p.dueAt, now)),
  );
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await tx.execute(
      `INSERT INTO outbox (${NEW_ITEM_COLUMNS}) VALUES ${chunk.map((_, i) => newItemValues(i)).join(', ')}
       ON CONFLICT (topic, target, kind, cycle, item_key) DO UPDATE SET
         status = 'pending',
         due_at = excluded.due_at,
         next_attempt_at = CASE WHEN outbox.status = 'pending' AND outbox.due_at = excluded.due_at
                                THEN outbox.next_attempt_at ELSE excluded.next_attempt_at END,
         attempts = CASE WHEN outbox.status = 'pending' THEN outbox.attempts ELSE 0 END,
         last_error = CASE WHEN outbox.status = 'pending' THEN outbox.last_error ELSE NULL END
       WHERE outbox.status = 'pending'
          OR (outbox.status = 'skipped' AND outbox.last_error IN ${REPLANNABLE})`,
      chunk.flat(),
    );
  }
}

/**
 * Re-plans a changed certificate: what belongs to another expiry date is skipped as 'renewed', what the new plan
 * no longer holds as 'unplanned' (snoozes and notices stay), and the plan is laid for every target.
 */
export async function replan(tx: SqlExecutor, certificate: CertificateRecord, now: Date): Promise<void> {
  const keys = plannedDeliveries(certificate, now).map((p) => p.threshold);
  await skipReminders(tx, 'renewed', 'topic = $2 AND cycle <> $3', [certificate.id, certificate.expiryDate]);
  const notPlanned = keys.length > 0 ? ` AND item_key NOT IN (${placeholders(keys.length, 4)})` : '';
  await skipReminders(tx, 'unplanned', `topic = $2 AND cycle = $3 AND kind = 'reminder' AND item_key NOT LIKE 's%'${notPlanned}`, [
    certificate.id,
    certificate.expiryDate,
    ...keys,
  ]);
  const targets = await targetsOf(tx, [certificate.id]);
  await plan(tx, certificate, targets.map((t) => t.conversationId), now);
}

/** The highest number among a conversation's keys of one kind ('w', 's', 'u') in the current cycle; 0 if none. */
export async function lastNumber(tx: SqlExecutor, cycle: Cycle, conversationId: string, prefix: 'w' | 's' | 'u'): Promise<number> {
  const rows = await tx.query<{ item_key: string }>(
    `SELECT item_key FROM outbox
     WHERE topic = $1 AND target = $2 AND cycle = $3 AND kind IN ${REMINDER_KINDS} AND item_key LIKE $4`,
    [cycle.id, conversationId, cycle.expiryDate, `${prefix}%`],
  );
  return Math.max(0, ...rows.map((row) => parseThresholdKey(row.item_key)?.n ?? 0));
}

/**
 * Keeps one weekly reminder ahead for a (certificate, conversation) after expiry (the chain rule is the domain's
 * nextWeeklyLink). Nothing if the certificate has no weekly reminders, or the conversation is no longer a target.
 */
export async function continueWeekly(tx: SqlExecutor, certificateId: string, conversationId: string, notBefore: Date): Promise<void> {
  const certificate = await loadCertificate(tx, certificateId);
  if (!certificate || !(await hasTarget(tx, certificateId, conversationId))) return;
  const chain = await tx.query<{ item_key: string; status: string }>(
    `SELECT item_key, status FROM outbox
     WHERE topic = $1 AND target = $2 AND cycle = $3 AND kind = 'reminder' AND item_key LIKE 'w%'`,
    [certificateId, conversationId, certificate.expiryDate],
  );
  const next = nextWeeklyLink(
    certificate,
    chain.map((link) => ({ key: link.item_key, toGo: link.status === 'pending' || link.status === 'claimed' })),
    notBefore,
  );
  if (!next) return;
  await tx.execute(
    `INSERT INTO outbox (${NEW_ITEM_COLUMNS}) VALUES ${newItemValues(0)}
     ON CONFLICT (topic, target, kind, cycle, item_key) DO NOTHING`,
    newItemParams(randomUUID(), 'reminder', certificateId, certificate.expiryDate, next.threshold, conversationId, {}, next.dueAt, notBefore),
  );
}
