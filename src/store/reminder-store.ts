import { randomUUID } from 'node:crypto';
import type { Corridor, StructureKind } from '../domain/knowledge';
import type { CertificateRecord, CertificateScope, ReminderTarget, Usage } from '../domain/reminders/certificate';
import {
  REPLANNABLE_SKIPS,
  type Delivery,
  type DeliveryCompletion,
  type DeliveryStatus,
  type SkipReason,
} from '../domain/reminders/delivery';
import type {
  Acknowledger,
  CertificateSummary,
  ClaimedBatch,
  DueReminder,
  NewReminderTarget,
  RegisteredCertificate,
  ReminderRepository,
} from '../domain/reminders/reminder-repository';
import { nextWeekly, plannedDeliveries } from '../domain/reminders/schedule';
import { BOT_REMOVED } from '../domain/reminders/unreachable';
import { asThresholdKey, isNoticeKey, noticeKey, parseThresholdKey, snoozeKey } from '../domain/reminders/threshold-key';
import { queryOne, type SqlDatabase, type SqlDialect, type SqlExecutor, type SqlValue } from './sql';

const CERTIFICATE_COLUMNS =
  'id, label, finess, corridor, structure, scope, usage, expiry_date, thresholds, weekly_after_expiry, delivery_hour, ' +
  'working_days_only, created_by, created_at, updated_at';
const DELIVERY_COLUMNS =
  'id, certificate_id, conversation_id, expiry_date, threshold, due_at, status, attempts, next_attempt_at, lease_owner, ' +
  'lease_until, sent_at, activity_id, last_error, acknowledged_by, acknowledged_by_name, acknowledged_at, about_conversation_id';
/** Deliveries still to go: waiting, or in a dispatcher's hands. */
const TO_GO = "('pending', 'claimed')";
const REPLANNABLE = `(${REPLANNABLE_SKIPS.map((reason) => `'${reason}'`).join(', ')})`;
/** A certificate's expiry cycle: the keys of its deliveries are unique within one. */
type Cycle = Pick<CertificateRecord, 'id' | 'expiryDate'>;
/** Rows per multi-row INSERT: well under both engines' parameter limits. */
const INSERT_CHUNK = 100;

interface CertificateRow {
  id: string;
  label: string;
  finess: string | null;
  corridor: string | null;
  structure: string | null;
  scope: string | null;
  usage: string | null;
  expiry_date: string;
  thresholds: string;
  weekly_after_expiry: number;
  delivery_hour: number;
  working_days_only: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

interface TargetRow {
  certificate_id: string;
  conversation_id: string;
  kind: string;
  user_id: string | null;
}

interface DeliveryRow {
  id: string;
  certificate_id: string;
  conversation_id: string;
  expiry_date: string;
  threshold: string;
  due_at: number;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  sent_at: number | null;
  activity_id: string | null;
  last_error: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: number | null;
  about_conversation_id: string | null;
}

const dateOrUndefined = (ms: number | null): Date | undefined => (ms === null ? undefined : new Date(Number(ms)));

function toCertificate(row: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    label: row.label,
    finess: row.finess ?? undefined,
    corridor: (row.corridor as Corridor | null) ?? undefined,
    structure: (row.structure as StructureKind | null) ?? undefined,
    scope: (row.scope as CertificateScope | null) ?? undefined,
    usage: (row.usage as Usage | null) ?? undefined,
    expiryDate: row.expiry_date,
    thresholds: JSON.parse(row.thresholds) as number[],
    weeklyAfterExpiry: Number(row.weekly_after_expiry) === 1,
    delivery: { hour: Number(row.delivery_hour), workingDaysOnly: Number(row.working_days_only) === 1 },
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function certificateValues(c: CertificateRecord): SqlValue[] {
  return [
    c.id,
    c.label,
    c.finess ?? null,
    c.corridor ?? null,
    c.structure ?? null,
    c.scope ?? null,
    c.usage ?? null,
    c.expiryDate,
    JSON.stringify(c.thresholds),
    c.weeklyAfterExpiry ? 1 : 0,
    c.delivery.hour,
    c.delivery.workingDaysOnly ? 1 : 0,
    c.createdBy,
    c.createdAt.getTime(),
    c.updatedAt.getTime(),
  ];
}

function toTarget(row: TargetRow): ReminderTarget {
  return {
    certificateId: row.certificate_id,
    conversationId: row.conversation_id,
    kind: row.kind as ReminderTarget['kind'],
    userId: row.user_id ?? undefined,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    certificateId: row.certificate_id,
    conversationId: row.conversation_id,
    expiryDate: row.expiry_date,
    threshold: asThresholdKey(row.threshold),
    dueAt: new Date(Number(row.due_at)),
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    sentAt: dateOrUndefined(row.sent_at),
    activityId: row.activity_id ?? undefined,
    lastError: row.last_error ?? undefined,
    leaseUntil: dateOrUndefined(row.lease_until),
    acknowledgedBy: row.acknowledged_by ?? undefined,
    acknowledgedByName: row.acknowledged_by_name ?? undefined,
    acknowledgedAt: dateOrUndefined(row.acknowledged_at),
    aboutConversationId: row.about_conversation_id ?? undefined,
  };
}

/** "$first, $first+1, …" for `count` values. */
function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

/** The SET clause and values ($3…) that record a completion. */
function completionUpdate(completion: DeliveryCompletion, now: Date): { set: string; values: SqlValue[] } {
  const attempted = 'attempts = attempts + 1, lease_owner = NULL, lease_until = NULL';
  switch (completion.kind) {
    case 'sent':
      return {
        set: `status = 'sent', sent_at = $3, activity_id = $4, last_error = NULL, ${attempted}`,
        values: [now.getTime(), completion.activityId ?? null],
      };
    case 'retry':
      return { set: `status = 'pending', next_attempt_at = $3, last_error = $4, ${attempted}`, values: [completion.at.getTime(), completion.error] };
    case 'deferred':
      return {
        set: "status = 'pending', next_attempt_at = $3, last_error = $4, lease_owner = NULL, lease_until = NULL",
        values: [completion.at.getTime(), completion.reason],
      };
    case 'unreachable':
    case 'failed':
      return { set: `status = '${completion.kind}', last_error = $3, ${attempted}`, values: [completion.reason] };
  }
}

/**
 * The claim's candidate query ($1 now, $2 limit): a range scan of reminder_deliveries_due. PostgreSQL locks what it
 * picks and skips rows another dispatcher is claiming at that moment; SQLite claims inside BEGIN IMMEDIATE, serially.
 * Exported for the test that checks the plan uses the index.
 */
export function claimCandidatesSql(dialect: SqlDialect): string {
  return `SELECT d.id FROM reminder_deliveries d
    WHERE d.status IN ${TO_GO} AND d.next_attempt_at <= $1
      AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.conversation_id = d.conversation_id AND c.unreachable_reason IS NOT NULL)
    ORDER BY d.next_attempt_at LIMIT $2${dialect === 'postgres' ? ' FOR UPDATE OF d SKIP LOCKED' : ''}`;
}

/**
 * The certificate register and its reminder deliveries over either engine. Every change to a certificate's plan runs
 * in one transaction that first locks the certificate row (PostgreSQL; SQLite transactions are serial anyway).
 */
export class SqlReminderRepository implements ReminderRepository {
  constructor(private readonly db: SqlDatabase) {}

  async create(certificate: CertificateRecord, targets: readonly NewReminderTarget[], now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO certificates (${CERTIFICATE_COLUMNS}) VALUES (${placeholders(15)})`, certificateValues(certificate));
      for (const target of targets) await this.insertTarget(tx, { ...target, certificateId: certificate.id }, now);
      await this.plan(tx, certificate, targets.map((target) => target.conversationId), now);
    });
  }

  async update(certificate: CertificateRecord, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await this.lockCertificate(tx, certificate.id))) return false;
      const [id, ...rest] = certificateValues(certificate);
      const columns = CERTIFICATE_COLUMNS.split(', ').slice(1);
      await tx.execute(`UPDATE certificates SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        id ?? null,
        ...rest,
      ]);
      await this.replan(tx, certificate, now);
      return true;
    });
  }

  /**
   * How many register entries tie a user: certificates they created, reminders to their personal chat, and the
   * reminders they acknowledged (their id and name are shown to the owners).
   */
  async countForUser(userId: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT (SELECT COUNT(*) FROM certificates WHERE created_by = $1)
            + (SELECT COUNT(*) FROM reminder_targets WHERE user_id = $1)
            + (SELECT COUNT(*) FROM reminder_deliveries WHERE acknowledged_by = $1) AS n`,
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * "Delete my data": the user's personal-chat reminders go (with their deliveries); a certificate they created is
   * deleted when no other target is left, and otherwise kept for the team with its creator forgotten, so that a
   * channel keeps being reminded after a person leaves. Acknowledgements lose the user's id.
   */
  async eraseForUser(userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        `DELETE FROM reminder_deliveries WHERE EXISTS (
           SELECT 1 FROM reminder_targets t WHERE t.user_id = $1
             AND t.certificate_id = reminder_deliveries.certificate_id AND t.conversation_id = reminder_deliveries.conversation_id)`,
        [userId],
      );
      const targets = await tx.execute('DELETE FROM reminder_targets WHERE user_id = $1', [userId]);
      const orphans = await tx.execute(
        `DELETE FROM certificates WHERE created_by = $1
           AND NOT EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = certificates.id)`,
        [userId],
      );
      const kept = await tx.execute("UPDATE certificates SET created_by = '' WHERE created_by = $1", [userId]);
      await tx.execute('UPDATE reminder_deliveries SET acknowledged_by = NULL, acknowledged_by_name = NULL WHERE acknowledged_by = $1', [userId]);
      return targets + orphans + kept;
    });
  }

  async delete(certificateId: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM certificates WHERE id = $1', [certificateId])) > 0;
  }

  async get(certificateId: string): Promise<RegisteredCertificate | undefined> {
    const row = await queryOne<CertificateRow>(this.db, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1`, [certificateId]);
    if (!row) return undefined;
    return { certificate: toCertificate(row), targets: await this.targetsOf(this.db, [certificateId]) };
  }

  async listForUser(userId: string, now: Date): Promise<CertificateSummary[]> {
    const rows = await this.db.query<CertificateRow>(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates c
       WHERE c.created_by = $1
          OR EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = c.id AND t.kind = 'personal' AND t.user_id = $1)
       ORDER BY c.expiry_date, c.id`,
      [userId],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const targets = await this.targetsOf(this.db, ids);
    // Only the current cycle: reminders of an expiry date since renewed say nothing about the certificate now.
    const deliveries = (
      await this.db.query<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS.split(', ').map((column) => `d.${column}`).join(', ')}
         FROM reminder_deliveries d JOIN certificates c ON c.id = d.certificate_id AND c.expiry_date = d.expiry_date
         WHERE d.certificate_id IN (${placeholders(ids.length)}) ORDER BY d.due_at, d.conversation_id`,
        ids,
      )
    ).map(toDelivery);
    return rows.map((row) => {
      // Owner notices are not reminders: they say nothing of the next or last reminder.
      const mine = deliveries.filter((d) => d.certificateId === row.id && !isNoticeKey(d.threshold));
      return {
        certificate: toCertificate(row),
        targets: targets.filter((t) => t.certificateId === row.id),
        nextDelivery: mine.find((d) => d.status === 'pending' || d.status === 'claimed'),
        lastDelivery: mine.filter((d) => d.dueAt <= now).pop(),
      };
    });
  }

  async addTarget(target: ReminderTarget, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const certificate = await this.lockCertificate(tx, target.certificateId);
      if (!certificate || !(await this.insertTarget(tx, target, now))) return false;
      await this.plan(tx, certificate, [target.conversationId], now);
      return true;
    });
  }

  async removeTarget(certificateId: string, conversationId: string, _now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const removed = await tx.execute('DELETE FROM reminder_targets WHERE certificate_id = $1 AND conversation_id = $2', [
        certificateId,
        conversationId,
      ]);
      await this.skip(tx, 'target-removed', 'certificate_id = $2 AND conversation_id = $3', [certificateId, conversationId]);
      return removed > 0;
    });
  }

  async claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<ClaimedBatch> {
    return this.db.transaction(async (tx) => {
      let superseded = 0;
      // Each round skips what it found stale, so the due set shrinks; a batch that was all stale looks again.
      for (;;) {
        const ids = await this.dueCandidates(tx, now, limit);
        if (ids.length === 0) return { claimed: [], superseded };
        const stale = await this.supersede(tx, ids, now);
        superseded += stale.size;
        const claimable = ids.filter((id) => !stale.has(id));
        if (claimable.length > 0) return { claimed: await this.lease(tx, claimable, owner, now.getTime() + leaseMs), superseded };
      }
    });
  }

  /**
   * Due rows in next-attempt order: pending ones whose time came, and claimed ones whose lease ran out (their
   * next_attempt_at is their lease's end), except those of a conversation marked unreachable.
   */
  private async dueCandidates(tx: SqlExecutor, now: Date, limit: number): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(claimCandidatesSql(tx.dialect), [now.getTime(), limit]);
    return rows.map((row) => row.id);
  }

  private async lease(tx: SqlExecutor, ids: readonly string[], owner: string, leaseUntil: number): Promise<DueReminder[]> {
    const rows = await tx.query<DeliveryRow>(
      `UPDATE reminder_deliveries SET status = 'claimed', lease_owner = $1, lease_until = $2, next_attempt_at = $2
       WHERE id IN (${placeholders(ids.length, 3)}) RETURNING ${DELIVERY_COLUMNS}`,
      [owner, leaseUntil, ...ids],
    );
    const certificateIds = [...new Set(rows.map((row) => row.certificate_id))];
    const certificates = new Map(
      (
        await tx.query<CertificateRow>(
          `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id IN (${placeholders(certificateIds.length)})`,
          certificateIds,
        )
      ).map((row) => [row.id, toCertificate(row)]),
    );
    const byId = new Map(rows.map((row) => [row.id, toDelivery(row)]));
    return ids.flatMap((id) => {
      const delivery = byId.get(id);
      const certificate = delivery && certificates.get(delivery.certificateId);
      return delivery && certificate ? [{ delivery, certificate }] : [];
    });
  }

  /**
   * Catch-up: a due delivery is stale when a later one of the same certificate and conversation is due too (or went
   * already). Answers the stale ones among `ids`, now skipped; a weekly one skipped so hands its chain on.
   */
  private async supersede(tx: SqlExecutor, ids: readonly string[], now: Date): Promise<Set<string>> {
    const stale = await tx.query<{ id: string; certificate_id: string; conversation_id: string; threshold: string }>(
      `SELECT d.id, d.certificate_id, d.conversation_id, d.threshold FROM reminder_deliveries d
       WHERE d.id IN (${placeholders(ids.length, 2)}) AND d.threshold NOT LIKE 'u%' AND EXISTS (
         SELECT 1 FROM reminder_deliveries l
         WHERE l.certificate_id = d.certificate_id AND l.conversation_id = d.conversation_id
           AND l.status <> 'skipped' AND l.due_at <= $1 AND l.threshold NOT LIKE 'u%'
           AND (l.due_at > d.due_at OR (l.due_at = d.due_at AND l.id > d.id)))`,
      [now.getTime(), ...ids],
    );
    if (stale.length === 0) return new Set();
    await this.skip(tx, 'superseded', `id IN (${placeholders(stale.length, 2)})`, stale.map((row) => row.id));
    for (const row of stale.filter((r) => r.threshold.startsWith('w'))) {
      await this.continueWeekly(tx, row.certificate_id, row.conversation_id, now);
    }
    return new Set(stale.map((row) => row.id));
  }

  async complete(deliveryId: string, owner: string, completion: DeliveryCompletion, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { set, values } = completionUpdate(completion, now);
      const [row] = await tx.query<{ certificate_id: string; conversation_id: string; threshold: string }>(
        `UPDATE reminder_deliveries SET ${set} WHERE id = $1 AND status = 'claimed' AND lease_owner = $2
         RETURNING certificate_id, conversation_id, threshold`,
        [deliveryId, owner, ...values],
      );
      if (!row) return false;
      const done = completion.kind !== 'retry' && completion.kind !== 'deferred';
      if (done && row.threshold.startsWith('w')) await this.continueWeekly(tx, row.certificate_id, row.conversation_id, now);
      return true;
    });
  }

  async acknowledge(deliveryId: string, by: Acknowledger, now: Date): Promise<Delivery[]> {
    return this.db.transaction(async (tx) => {
      const clicked = await queryOne<{ certificate_id: string; expiry_date: string; threshold: string }>(
        tx,
        "SELECT certificate_id, expiry_date, threshold FROM reminder_deliveries WHERE id = $1 AND status = 'sent' AND acknowledged_at IS NULL",
        [deliveryId],
      );
      if (!clicked) return [];
      // The same reminder as posted to the other targets: one acknowledgement answers for all of them.
      const rows = await tx.query<DeliveryRow>(
        `UPDATE reminder_deliveries SET acknowledged_by = $4, acknowledged_by_name = $5, acknowledged_at = $6
         WHERE certificate_id = $1 AND expiry_date = $2 AND threshold = $3 AND status = 'sent' AND acknowledged_at IS NULL
         RETURNING ${DELIVERY_COLUMNS}`,
        [clicked.certificate_id, clicked.expiry_date, clicked.threshold, by.userId, by.name?.slice(0, 200) ?? null, now.getTime()],
      );
      const acknowledged = rows.map(toDelivery);
      return [...acknowledged.filter((d) => d.id === deliveryId), ...acknowledged.filter((d) => d.id !== deliveryId)];
    });
  }

  async markUnreachable(conversationId: string, reason: string, now: Date): Promise<Delivery[]> {
    return this.db.transaction(async (tx) => {
      const marked = await tx.execute(
        'UPDATE conversations SET unreachable_reason = $2, updated_at = $3 WHERE conversation_id = $1 AND unreachable_reason IS NULL',
        [conversationId, reason, now.getTime()],
      );
      const known = marked > 0 || (await queryOne(tx, 'SELECT 1 AS found FROM conversations WHERE conversation_id = $1', [conversationId])) !== undefined;
      // Already marked (another dispatcher, an earlier batch): its owners were told then.
      if (known && marked === 0) return [];
      const rows = await tx.query<{ certificate_id: string; expiry_date: string; conversation_id: string; kind: string; reachable: number }>(
        `SELECT c.id AS certificate_id, c.expiry_date, o.conversation_id, o.kind,
                CASE WHEN EXISTS (SELECT 1 FROM conversations x WHERE x.conversation_id = o.conversation_id AND x.unreachable_reason IS NOT NULL)
                     THEN 0 ELSE 1 END AS reachable
         FROM reminder_targets t
         JOIN certificates c ON c.id = t.certificate_id
         JOIN reminder_targets o ON o.certificate_id = t.certificate_id AND o.conversation_id <> t.conversation_id
         WHERE t.conversation_id = $1
         ORDER BY c.expiry_date, c.id, o.created_at, o.conversation_id`,
        [conversationId],
      );
      // Per certificate: its other owners (personal chats), else its other targets; one notice per recipient.
      const recipients = new Map<string, { certificateId: string; expiryDate: string }>();
      for (const certificateId of new Set(rows.map((row) => row.certificate_id))) {
        const others = rows.filter((row) => row.certificate_id === certificateId && Number(row.reachable) === 1);
        const owners = others.filter((row) => row.kind === 'personal');
        for (const row of owners.length > 0 ? owners : others) {
          if (!recipients.has(row.conversation_id)) recipients.set(row.conversation_id, { certificateId, expiryDate: row.expiry_date });
        }
      }
      const notices: Delivery[] = [];
      for (const [recipient, { certificateId, expiryDate }] of recipients) {
        const cycle = { id: certificateId, expiryDate };
        // A conversation with no record (the bot was removed from it before this version kept the record) cannot be
        // marked: its owners are told once per expiry cycle.
        if (!known && (await this.toldAbout(tx, cycle, recipient, conversationId))) continue;
        const n = await this.lastNumber(tx, cycle, recipient, 'u');
        const [row] = await tx.query<DeliveryRow>(
          `INSERT INTO reminder_deliveries
             (id, certificate_id, conversation_id, expiry_date, threshold, due_at, status, attempts, next_attempt_at, about_conversation_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $6, $7) RETURNING ${DELIVERY_COLUMNS}`,
          [randomUUID(), certificateId, recipient, expiryDate, noticeKey(n + 1), now.getTime(), conversationId],
        );
        if (row) notices.push(toDelivery(row));
      }
      return notices;
    });
  }

  async conversationRemoved(conversationId: string, now: Date): Promise<Delivery[]> {
    const reminded = await queryOne(this.db, 'SELECT 1 AS found FROM reminder_targets WHERE conversation_id = $1', [conversationId]);
    if (reminded) return this.markUnreachable(conversationId, BOT_REMOVED, now);
    await this.db.execute('DELETE FROM conversations WHERE conversation_id = $1', [conversationId]);
    return [];
  }

  async sharedCertificates(conversationId: string, otherConversationId: string): Promise<CertificateRecord[]> {
    const rows = await this.db.query<CertificateRow>(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates c
       WHERE EXISTS (SELECT 1 FROM reminder_targets a WHERE a.certificate_id = c.id AND a.conversation_id = $1)
         AND EXISTS (SELECT 1 FROM reminder_targets b WHERE b.certificate_id = c.id AND b.conversation_id = $2)
       ORDER BY c.expiry_date, c.id`,
      [conversationId, otherConversationId],
    );
    return rows.map(toCertificate);
  }

  async snooze(certificateId: string, conversationId: string, until: Date, now: Date): Promise<Delivery | undefined> {
    // A snooze into the past is a reminder now.
    const at = Math.max(until.getTime(), now.getTime());
    return this.db.transaction(async (tx) => {
      const certificate = await this.lockCertificate(tx, certificateId);
      if (!certificate || !(await this.hasTarget(tx, certificateId, conversationId))) return undefined;
      await tx.execute(
        `UPDATE reminder_deliveries SET status = 'skipped', last_error = 'snoozed'
         WHERE certificate_id = $1 AND conversation_id = $2 AND status = 'pending' AND due_at < $3`,
        [certificateId, conversationId, at],
      );
      const n = await this.lastNumber(tx, certificate, conversationId, 's');
      const [row] = await tx.query<DeliveryRow>(
        `INSERT INTO reminder_deliveries (id, certificate_id, conversation_id, expiry_date, threshold, due_at, status, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $6) RETURNING ${DELIVERY_COLUMNS}`,
        [randomUUID(), certificateId, conversationId, certificate.expiryDate, snoozeKey(n + 1), at],
      );
      // The snooze may have skipped this week's reminder: the weekly chain goes on after it.
      await this.continueWeekly(tx, certificateId, conversationId, new Date(at));
      return row && toDelivery(row);
    });
  }

  async stop(certificateId: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await this.lockCertificate(tx, certificateId))) return false;
      await tx.execute("UPDATE certificates SET thresholds = '[]', updated_at = $2 WHERE id = $1", [certificateId, now.getTime()]);
      await this.skip(tx, 'stopped', 'certificate_id = $2', [certificateId]);
      return true;
    });
  }

  async getDelivery(deliveryId: string): Promise<Delivery | undefined> {
    const row = await queryOne<DeliveryRow>(this.db, `SELECT ${DELIVERY_COLUMNS} FROM reminder_deliveries WHERE id = $1`, [deliveryId]);
    return row && toDelivery(row);
  }

  async deliveryStatus(certificateId: string): Promise<Delivery[]> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM reminder_deliveries WHERE certificate_id = $1 ORDER BY due_at, conversation_id, threshold`,
      [certificateId],
    );
    return rows.map(toDelivery);
  }

  private async lockCertificate(tx: SqlExecutor, id: string): Promise<CertificateRecord | undefined> {
    const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const row = await queryOne<CertificateRow>(tx, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1${lock}`, [id]);
    return row && toCertificate(row);
  }

  private async targetsOf(db: SqlExecutor, certificateIds: readonly string[]): Promise<ReminderTarget[]> {
    const rows = await db.query<TargetRow>(
      `SELECT certificate_id, conversation_id, kind, user_id FROM reminder_targets
       WHERE certificate_id IN (${placeholders(certificateIds.length)}) ORDER BY certificate_id, created_at, conversation_id`,
      certificateIds,
    );
    return rows.map(toTarget);
  }

  private async insertTarget(tx: SqlExecutor, target: ReminderTarget, now: Date): Promise<boolean> {
    const inserted = await tx.execute(
      `INSERT INTO reminder_targets (certificate_id, conversation_id, kind, user_id, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (certificate_id, conversation_id) DO NOTHING`,
      [target.certificateId, target.conversationId, target.kind, target.userId ?? null, now.getTime()],
    );
    return inserted > 0;
  }

  private async hasTarget(tx: SqlExecutor, certificateId: string, conversationId: string): Promise<boolean> {
    const row = await queryOne(tx, 'SELECT 1 AS found FROM reminder_targets WHERE certificate_id = $1 AND conversation_id = $2', [
      certificateId,
      conversationId,
    ]);
    return row !== undefined;
  }

  /** Skips the deliveries still to go that `where` selects (its parameters start at $2). */
  private skip(tx: SqlExecutor, reason: SkipReason, where: string, values: readonly SqlValue[]): Promise<number> {
    return tx.execute(
      `UPDATE reminder_deliveries SET status = 'skipped', last_error = $1, lease_owner = NULL, lease_until = NULL
       WHERE status IN ${TO_GO} AND ${where}`,
      [reason, ...values],
    );
  }

  /**
   * Re-plans a changed certificate: what belongs to another expiry date is skipped as 'renewed', what the new plan
   * no longer holds as 'unplanned' (snoozes stay), and the plan is laid for every target.
   */
  private async replan(tx: SqlExecutor, certificate: CertificateRecord, now: Date): Promise<void> {
    const keys = plannedDeliveries(certificate, now).map((p) => p.threshold);
    await this.skip(tx, 'renewed', 'certificate_id = $2 AND expiry_date <> $3', [certificate.id, certificate.expiryDate]);
    const notPlanned = keys.length > 0 ? ` AND threshold NOT IN (${placeholders(keys.length, 4)})` : '';
    await this.skip(tx, 'unplanned', `certificate_id = $2 AND expiry_date = $3 AND threshold NOT LIKE 's%' AND threshold NOT LIKE 'u%'${notPlanned}`, [
      certificate.id,
      certificate.expiryDate,
      ...keys,
    ]);
    const targets = await this.targetsOf(tx, [certificate.id]);
    await this.plan(tx, certificate, targets.map((t) => t.conversationId), now);
  }

  /**
   * Lays the plan for some conversations of a certificate. A key already there is re-timed if still pending, brought
   * back if it had been skipped only because it was unplanned, and otherwise (sent, failed…) left alone.
   */
  private async plan(tx: SqlExecutor, certificate: CertificateRecord, conversationIds: readonly string[], now: Date): Promise<void> {
    const planned = plannedDeliveries(certificate, now);
    const rows = [...new Set(conversationIds)].flatMap((conversationId) =>
      planned.map((p): SqlValue[] => [randomUUID(), certificate.id, conversationId, certificate.expiryDate, p.threshold, p.dueAt.getTime()]),
    );
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values = chunk.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, 'pending', 0, $${i * 6 + 6})`);
      await tx.execute(
        `INSERT INTO reminder_deliveries (id, certificate_id, conversation_id, expiry_date, threshold, due_at, status, attempts, next_attempt_at)
         VALUES ${values.join(', ')}
         ON CONFLICT (certificate_id, conversation_id, expiry_date, threshold) DO UPDATE SET
           status = 'pending',
           due_at = excluded.due_at,
           next_attempt_at = CASE WHEN reminder_deliveries.status = 'pending' AND reminder_deliveries.due_at = excluded.due_at
                                  THEN reminder_deliveries.next_attempt_at ELSE excluded.next_attempt_at END,
           attempts = CASE WHEN reminder_deliveries.status = 'pending' THEN reminder_deliveries.attempts ELSE 0 END,
           last_error = CASE WHEN reminder_deliveries.status = 'pending' THEN reminder_deliveries.last_error ELSE NULL END
         WHERE reminder_deliveries.status = 'pending'
            OR (reminder_deliveries.status = 'skipped' AND reminder_deliveries.last_error IN ${REPLANNABLE})`,
        chunk.flat(),
      );
    }
  }

  /** The highest number among a conversation's keys of one kind ('w', 's', 'u') in the current cycle; 0 if none. */
  private async lastNumber(tx: SqlExecutor, certificate: Cycle, conversationId: string, prefix: 'w' | 's' | 'u'): Promise<number> {
    const rows = await tx.query<{ threshold: string }>(
      `SELECT threshold FROM reminder_deliveries
       WHERE certificate_id = $1 AND conversation_id = $2 AND expiry_date = $3 AND threshold LIKE $4`,
      [certificate.id, conversationId, certificate.expiryDate, `${prefix}%`],
    );
    return Math.max(0, ...rows.map((row) => parseThresholdKey(row.threshold)?.n ?? 0));
  }

  /** Whether a conversation was already sent a notice about `aboutConversationId` in this cycle. */
  private async toldAbout(tx: SqlExecutor, certificate: Cycle, conversationId: string, aboutConversationId: string): Promise<boolean> {
    const row = await queryOne(
      tx,
      `SELECT 1 AS found FROM reminder_deliveries WHERE certificate_id = $1 AND conversation_id = $2 AND expiry_date = $3
         AND threshold LIKE 'u%' AND about_conversation_id = $4`,
      [certificate.id, conversationId, certificate.expiryDate, aboutConversationId],
    );
    return row !== undefined;
  }

  /**
   * Keeps one weekly reminder ahead for a (certificate, conversation) after expiry: when none is waiting, plans the
   * week after the last one, not before `notBefore`. Nothing if the certificate has no weekly reminders, or the
   * conversation is no longer a target.
   */
  private async continueWeekly(tx: SqlExecutor, certificateId: string, conversationId: string, notBefore: Date): Promise<void> {
    const row = await queryOne<CertificateRow>(tx, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1`, [certificateId]);
    const certificate = row && toCertificate(row);
    if (!certificate || !nextWeekly(certificate, 0) || !(await this.hasTarget(tx, certificateId, conversationId))) return;
    const waiting = await queryOne(
      tx,
      `SELECT 1 AS found FROM reminder_deliveries WHERE certificate_id = $1 AND conversation_id = $2 AND expiry_date = $3
         AND threshold LIKE 'w%' AND status IN ${TO_GO}`,
      [certificateId, conversationId, certificate.expiryDate],
    );
    if (waiting) return;
    const next = nextWeekly(certificate, await this.lastNumber(tx, certificate, conversationId, 'w'), notBefore);
    if (!next) return;
    await tx.execute(
      `INSERT INTO reminder_deliveries (id, certificate_id, conversation_id, expiry_date, threshold, due_at, status, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $6)
       ON CONFLICT (certificate_id, conversation_id, expiry_date, threshold) DO NOTHING`,
      [randomUUID(), certificateId, conversationId, certificate.expiryDate, next.threshold, next.dueAt.getTime()],
    );
  }
}
