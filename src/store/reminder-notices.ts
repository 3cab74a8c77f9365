import type { Delivery } from '../domain/reminders/delivery';
import { noticeRecipients, type OtherTarget } from '../domain/reminders/notice-recipients';
import type { ReminderNotices } from '../domain/reminders/reminder-repository';
import { noticeKey } from '../domain/reminders/threshold-key';
import { BOT_REMOVED } from '../domain/reminders/unreachable';
import { enqueueIn } from './outbox-store';
import { DELIVERY_COLUMNS, DELIVERY_FROM, toDelivery, type DeliveryRow } from './outbox-rows';
import { lastNumber, type Cycle } from './reminder-plan';
import { queryOne, type SqlDatabase, type SqlExecutor } from './sql';

/**
 * The one owner of `conversations.unreachable_reason` being set: a conversation that refused for good is marked, and
 * the owners of what was reminded there are told (owner-notice items in the outbox), in one transaction. Who is told is
 * the domain's noticeRecipients rule. A conversation that speaks again is unmarked by the conversation store.
 */
export class SqlReminderNotices implements ReminderNotices {
  constructor(private readonly db: SqlDatabase) {}

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
      const others: OtherTarget[] = rows.map((row) => ({
        certificateId: row.certificate_id,
        expiryDate: row.expiry_date,
        conversationId: row.conversation_id,
        kind: row.kind as OtherTarget['kind'],
        reachable: Number(row.reachable) === 1,
      }));
      const notices: Delivery[] = [];
      for (const recipient of noticeRecipients(others)) {
        const cycle = { id: recipient.certificateId, expiryDate: recipient.expiryDate };
        // A conversation with no record (the bot was removed from it before this version kept the record) cannot be
        // marked: its owners are told once per expiry cycle.
        if (!known && (await this.toldAbout(tx, cycle, recipient.conversationId, conversationId))) continue;
        const key = noticeKey((await lastNumber(tx, cycle, recipient.conversationId, 'u')) + 1);
        const item = { topic: cycle.id, cycle: cycle.expiryDate, key, target: recipient.conversationId };
        await enqueueIn(tx, [{ ...item, kind: 'owner-notice', payload: { about: conversationId }, dueAt: now }], now);
        const [row] = await tx.query<DeliveryRow>(
          `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM}
           WHERE o.topic = $1 AND o.cycle = $2 AND o.item_key = $3 AND o.target = $4 AND o.kind = 'owner-notice'`,
          [item.topic, item.cycle, item.key, item.target],
        );
        if (row) notices.push(toDelivery(row));
      }
      return notices;
    });
  }

  async conversationRemoved(conversationId: string, now: Date, teamId?: string): Promise<Delivery[]> {
    // The channels of the team that certibot has met (it keeps a record of each): a removal from the team is one from
    // each of them, told now rather than found one refused reminder at a time.
    const channels = teamId
      ? (await this.db.query<{ conversation_id: string }>('SELECT conversation_id FROM conversations WHERE team_id = $1 ORDER BY conversation_id', [teamId])).map(
          (row) => row.conversation_id,
        )
      : [];
    const notices: Delivery[] = [];
    for (const removed of new Set([conversationId, ...channels])) notices.push(...(await this.removedFrom(removed, now)));
    return notices;
  }

  /** One conversation the bot left: marked (and its owners told) while certificates are reminded there, else forgotten. */
  private async removedFrom(conversationId: string, now: Date): Promise<Delivery[]> {
    const reminded = await queryOne(this.db, 'SELECT 1 AS found FROM reminder_targets WHERE conversation_id = $1', [conversationId]);
    if (reminded) return this.markUnreachable(conversationId, BOT_REMOVED, now);
    await this.db.execute('DELETE FROM conversations WHERE conversation_id = $1', [conversationId]);
    return [];
  }

  /** Whether a conversation was already sent a notice about `aboutConversationId` in this cycle. */
  private async toldAbout(tx: SqlExecutor, cycle: Cycle, conversationId: string, aboutConversationId: string): Promise<boolean> {
    const notices = await tx.query<{ payload: string }>(
      "SELECT payload FROM outbox WHERE topic = $1 AND target = $2 AND cycle = $3 AND kind = 'owner-notice'",
      [cycle.id, conversationId, cycle.expiryDate],
    );
    return notices.some((notice) => (JSON.parse(notice.payload) as { about?: unknown }).about === aboutConversationId);
  }
}
