import type { SendSlots } from '../domain/outbox/outbox';
import type { SqlExecutor } from './sql';

/**
 * The shared send slots in one row per conversation: its next free instant, moved on by every reservation in one
 * atomic statement (an upsert that reads the row it writes), so that instances never reserve the same instant.
 */
export class SqlSendSlots implements SendSlots {
  constructor(private readonly db: SqlExecutor) {}

  async reserve(conversationId: string, notBeforeMs: number, intervalMs: number): Promise<number> {
    const later = this.db.dialect === 'postgres' ? 'GREATEST' : 'MAX';
    const [row] = await this.db.query<{ at: number }>(
      `INSERT INTO send_slots (conversation_id, next_at) VALUES ($1, CAST($2 AS BIGINT) + CAST($3 AS BIGINT))
       ON CONFLICT (conversation_id) DO UPDATE SET next_at = ${later}(send_slots.next_at, excluded.next_at - CAST($3 AS BIGINT)) + CAST($3 AS BIGINT)
       RETURNING next_at - CAST($3 AS BIGINT) AS at`,
      [conversationId, Math.floor(notBeforeMs), Math.ceil(intervalMs)],
    );
    return Number(row?.at ?? notBeforeMs);
  }

  purge(beforeMs: number): Promise<number> {
    return this.db.execute('DELETE FROM send_slots WHERE next_at < $1', [beforeMs]);
  }
}
