import type { CertificateRecord, ReminderTarget } from '../domain/reminders/certificate';
import type { Delivery } from '../domain/reminders/delivery';
import type {
  Acknowledger,
  CertificateRegister,
  CertificateSummary,
  NewReminderTarget,
  RegisteredCertificate,
  RemindedHere,
} from '../domain/reminders/reminder-repository';
import { snoozeKey } from '../domain/reminders/threshold-key';
import { CERTIFICATE_COLUMNS, certificateValues, toCertificate, type CertificateRow } from './certificate-rows';
import { enqueueIn } from './outbox-store';
import { DELIVERY_COLUMNS, DELIVERY_FROM, placeholders, REMINDER_KINDS, TO_GO, toDelivery, type DeliveryRow } from './outbox-rows';
import { hasTarget, lastNumber, lockCertificate, plan, replan, skipReminders, targetsOf, continueWeekly } from './reminder-plan';
import { queryOne, type SqlDatabase, type SqlExecutor } from './sql';

/** The kinds that belong to a certificate and go with it: its reminders, notices, card updates and messages. */
const CERTIFICATE_KINDS = "('reminder', 'owner-notice', 'card-update', 'message')";

/**
 * The certificate register over either engine: certificates, their targets, and the planning of their reminders in
 * the outbox. Every change to a certificate's plan runs in one transaction that first locks the certificate row
 * (PostgreSQL; SQLite transactions are serial anyway).
 */
export class SqlCertificateRegister implements CertificateRegister {
  constructor(private readonly db: SqlDatabase) {}

  async create(certificate: CertificateRecord, targets: readonly NewReminderTarget[], now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO certificates (${CERTIFICATE_COLUMNS}) VALUES (${placeholders(CERTIFICATE_COLUMNS.split(', ').length)})`, certificateValues(certificate));
      for (const target of targets) await this.insertTarget(tx, { ...target, certificateId: certificate.id }, now);
      await plan(tx, certificate, targets.map((target) => target.conversationId), now);
    });
  }

  async update(certificate: CertificateRecord, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await lockCertificate(tx, certificate.id))) return false;
      const [id, ...rest] = certificateValues(certificate);
      const columns = CERTIFICATE_COLUMNS.split(', ').slice(1);
      await tx.execute(`UPDATE certificates SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        id ?? null,
        ...rest,
      ]);
      await replan(tx, certificate, now);
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
            + (SELECT COUNT(*) FROM reminder_acknowledgements WHERE user_id = $1) AS n`,
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * "Delete my data": the user's personal-chat reminders go; a certificate they created is deleted when no other
   * target is left, and otherwise kept for the team with its creator forgotten, so that a channel keeps being reminded
   * after a person leaves. Acknowledgements lose the user's id and name.
   */
  async eraseForUser(userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        `DELETE FROM outbox WHERE kind IN ${CERTIFICATE_KINDS} AND EXISTS (
           SELECT 1 FROM reminder_targets t WHERE t.user_id = $1 AND t.certificate_id = outbox.topic AND t.conversation_id = outbox.target)`,
        [userId],
      );
      const targets = await tx.execute('DELETE FROM reminder_targets WHERE user_id = $1', [userId]);
      const orphaned = `SELECT id FROM certificates WHERE created_by = $1
           AND NOT EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = certificates.id)`;
      await tx.execute(`DELETE FROM outbox WHERE kind IN ${CERTIFICATE_KINDS} AND topic IN (${orphaned})`, [userId]);
      const orphans = await tx.execute(`DELETE FROM certificates WHERE id IN (${orphaned})`, [userId]);
      const kept = await tx.execute("UPDATE certificates SET created_by = '' WHERE created_by = $1", [userId]);
      await tx.execute('UPDATE reminder_acknowledgements SET user_id = NULL, user_name = NULL WHERE user_id = $1', [userId]);
      return targets + orphans + kept;
    });
  }

  async delete(certificateId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(`DELETE FROM outbox WHERE topic = $1 AND kind IN ${CERTIFICATE_KINDS}`, [certificateId]);
      return (await tx.execute('DELETE FROM certificates WHERE id = $1', [certificateId])) > 0;
    });
  }

  async get(certificateId: string): Promise<RegisteredCertificate | undefined> {
    const row = await queryOne<CertificateRow>(this.db, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1`, [certificateId]);
    if (!row) return undefined;
    return { certificate: toCertificate(row), targets: await targetsOf(this.db, [certificateId]) };
  }

  async listForUser(userId: string, now: Date): Promise<CertificateSummary[]> {
    const rows = await this.db.query<CertificateRow>(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates c
       WHERE c.created_by = $1
          OR EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = c.id AND t.kind = 'personal' AND t.user_id = $1)
       ORDER BY c.expiry_date, c.id`,
      [userId],
    );
    return this.summaries(rows, now);
  }

  async listForConversations(conversationIds: readonly string[], now: Date): Promise<CertificateSummary[]> {
    if (conversationIds.length === 0) return [];
    const rows = await this.db.query<CertificateRow>(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates c
       WHERE EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = c.id AND t.conversation_id IN (${placeholders(conversationIds.length)}))
       ORDER BY c.expiry_date, c.id`,
      conversationIds,
    );
    return this.summaries(rows, now, new Set(conversationIds));
  }

  /**
   * Certificates as a list shows them: with their targets, and their next and last reminders of the current cycle —
   * only those of `within` when given (a team sees its channels, not its members' personal chats).
   */
  private async summaries(rows: readonly CertificateRow[], now: Date, within?: ReadonlySet<string>): Promise<CertificateSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const targets = await targetsOf(this.db, ids);
    // Only the current cycle's reminders: those of an expiry date since renewed say nothing about the certificate now,
    // and owner notices are not reminders.
    const deliveries = (
      await this.db.query<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} JOIN certificates c ON c.id = o.topic AND c.expiry_date = o.cycle
         WHERE o.topic IN (${placeholders(ids.length)}) AND o.kind = 'reminder' ORDER BY o.due_at, o.target`,
        ids,
      )
    ).map(toDelivery);
    const shown = (conversationId: string) => within === undefined || within.has(conversationId);
    return rows.map((row) => {
      const mine = deliveries.filter((d) => d.certificateId === row.id && shown(d.conversationId));
      return {
        certificate: toCertificate(row),
        targets: targets.filter((t) => t.certificateId === row.id && shown(t.conversationId)),
        nextDelivery: mine.find((d) => d.status === 'pending' || d.status === 'claimed'),
        lastDelivery: mine.filter((d) => d.dueAt <= now).pop(),
      };
    });
  }

  async listForConversation(conversationId: string): Promise<RemindedHere[]> {
    const rows = await this.db.query<CertificateRow & { next_due: number | null }>(
      `SELECT ${CERTIFICATE_COLUMNS},
              (SELECT MIN(o.due_at) FROM outbox o
               WHERE o.topic = c.id AND o.target = $1 AND o.kind = 'reminder' AND o.cycle = c.expiry_date AND o.status IN ${TO_GO}) AS next_due
       FROM certificates c
       WHERE EXISTS (SELECT 1 FROM reminder_targets t WHERE t.certificate_id = c.id AND t.conversation_id = $1)
       ORDER BY c.expiry_date, c.id`,
      [conversationId],
    );
    return rows.map((row) => ({ certificate: toCertificate(row), nextReminderAt: row.next_due === null ? undefined : new Date(Number(row.next_due)) }));
  }

  async addTarget(target: ReminderTarget, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const certificate = await lockCertificate(tx, target.certificateId);
      if (!certificate || !(await this.insertTarget(tx, target, now))) return false;
      await plan(tx, certificate, [target.conversationId], now);
      return true;
    });
  }

  async removeTarget(certificateId: string, conversationId: string, _now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const removed = await tx.execute('DELETE FROM reminder_targets WHERE certificate_id = $1 AND conversation_id = $2', [
        certificateId,
        conversationId,
      ]);
      await skipReminders(tx, 'target-removed', 'topic = $2 AND target = $3', [certificateId, conversationId]);
      return removed > 0;
    });
  }

  async acknowledge(deliveryId: string, by: Acknowledger, now: Date): Promise<Delivery[]> {
    return this.db.transaction(async (tx) => {
      const clicked = await queryOne<{ topic: string; cycle: string; item_key: string }>(
        tx,
        `SELECT o.topic, o.cycle, o.item_key FROM ${DELIVERY_FROM}
         WHERE o.id = $1 AND o.kind = 'reminder' AND o.status = 'sent' AND a.item_id IS NULL`,
        [deliveryId],
      );
      if (!clicked) return [];
      // The same reminder as posted to the other targets: one acknowledgement answers for all of them.
      const copies = await tx.query<{ id: string }>(
        `SELECT o.id FROM ${DELIVERY_FROM}
         WHERE o.topic = $1 AND o.cycle = $2 AND o.item_key = $3 AND o.kind = 'reminder' AND o.status = 'sent' AND a.item_id IS NULL`,
        [clicked.topic, clicked.cycle, clicked.item_key],
      );
      const ids = copies.map((copy) => copy.id);
      for (const id of ids) {
        await tx.execute(
          `INSERT INTO reminder_acknowledgements (item_id, user_id, user_name, acknowledged_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (item_id) DO NOTHING`,
          [id, by.userId, by.name?.slice(0, 200) ?? null, now.getTime()],
        );
      }
      const acknowledged = await this.deliveries(tx, ids);
      return [...acknowledged.filter((d) => d.id === deliveryId), ...acknowledged.filter((d) => d.id !== deliveryId)];
    });
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
      const certificate = await lockCertificate(tx, certificateId);
      if (!certificate || !(await hasTarget(tx, certificateId, conversationId))) return undefined;
      // The last two thresholds still to come — the day before and the expiry day — are kept: a snooze never moves the
      // person's reminders past them (only one already due, the reminder being snoozed itself, is skipped).
      await tx.execute(
        `UPDATE outbox SET status = 'skipped', last_error = 'snoozed'
         WHERE topic = $1 AND target = $2 AND kind = 'reminder' AND status = 'pending' AND due_at < $3
           AND NOT (item_key IN ('d1', 'd0') AND due_at > $4)`,
        [certificateId, conversationId, at, now.getTime()],
      );
      const key = snoozeKey((await lastNumber(tx, certificate, conversationId, 's')) + 1);
      await enqueueIn(tx, [{ kind: 'reminder', topic: certificateId, cycle: certificate.expiryDate, key, target: conversationId, payload: {}, dueAt: new Date(at) }], now);
      // The snooze may have skipped this week's reminder: the weekly chain goes on after it.
      await continueWeekly(tx, certificateId, conversationId, new Date(at));
      const [row] = await tx.query<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM}
         WHERE o.topic = $1 AND o.target = $2 AND o.cycle = $3 AND o.kind = 'reminder' AND o.item_key = $4`,
        [certificateId, conversationId, certificate.expiryDate, key],
      );
      return row && toDelivery(row);
    });
  }

  async stop(certificateId: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await lockCertificate(tx, certificateId))) return false;
      await tx.execute("UPDATE certificates SET thresholds = '[]', updated_at = $2 WHERE id = $1", [certificateId, now.getTime()]);
      await skipReminders(tx, 'stopped', 'topic = $2', [certificateId]);
      return true;
    });
  }

  async getDelivery(deliveryId: string): Promise<Delivery | undefined> {
    const [delivery] = await this.deliveries(this.db, [deliveryId]);
    return delivery;
  }

  async deliveryStatus(certificateId: string): Promise<Delivery[]> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE o.topic = $1 AND o.kind IN ${REMINDER_KINDS}
       ORDER BY o.due_at, o.target, o.item_key`,
      [certificateId],
    );
    return rows.map(toDelivery);
  }

  /** Reminders and notices by id, in no particular order. */
  private async deliveries(db: SqlExecutor, ids: readonly string[]): Promise<Delivery[]> {
    if (ids.length === 0) return [];
    const rows = await db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE o.id IN (${placeholders(ids.length)}) AND o.kind IN ${REMINDER_KINDS}`,
      ids,
    );
    return rows.map(toDelivery);
  }

  private async insertTarget(tx: SqlExecutor, target: ReminderTarget, now: Date): Promise<boolean> {
    const inserted = await tx.execute(
      `INSERT INTO reminder_targets (certificate_id, conversation_id, kind, user_id, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (certificate_id, conversation_id) DO NOTHING`,
      [target.certificateId, target.conversationId, target.kind, target.userId ?? null, now.getTime()],
    );
    return inserted > 0;
  }
}
