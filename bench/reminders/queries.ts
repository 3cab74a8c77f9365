/** The SQL the phases run on the bench's rows directly: counts, statuses, and making deliveries due. */
import type { Store } from '../../src/store';
import type { SqlValue } from '../../src/store/sql';

/** `$first, $first+1, …`: `count` numbered placeholders. */
export const placeholders = (count: number, first = 1): string => Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');

/** The number a `SELECT COUNT(*) AS n …` (or MAX) answers. */
export async function count(store: Store, sql: string, params: SqlValue[] = []): Promise<number> {
  const rows = await store.db.query<{ n: number | string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** The status of each of `ids`. */
export async function statusOf(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    const rows = await store.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM outbox WHERE id IN (${placeholders(part.length)})`,
      part,
    );
    for (const row of rows) statuses.set(row.id, row.status);
  }
  return statuses;
}

/** How many of `ids` are sent. */
export async function countSent(store: Store, ids: readonly string[]): Promise<number> {
  let sent = 0;
  for (const status of (await statusOf(store, ids)).values()) if (status === 'sent') sent += 1;
  return sent;
}

/**
 * Makes pending deliveries due at `at` (they came due): due_at and next_attempt_at both. With `serviceUrl`, their
 * conversations are reached there (the loopback connector), as the real sender reads it from the conversation.
 */
export async function makeDue(store: Store, ids: readonly string[], at: number, serviceUrl?: string): Promise<void> {
  const changed = await store.db.transaction(async (tx) => {
    let n = 0;
    for (let start = 0; start < ids.length; start += 500) {
      const part = ids.slice(start, start + 500);
      n += await tx.execute(
        `UPDATE outbox SET due_at = $1, next_attempt_at = $1 WHERE status = 'pending' AND id IN (${placeholders(part.length, 2)})`,
        [at, ...part],
      );
      if (serviceUrl) {
        await tx.execute(
          `UPDATE conversations SET service_url = $1 WHERE conversation_id IN (SELECT target FROM outbox WHERE id IN (${placeholders(part.length, 2)}))`,
          [serviceUrl, ...part],
        );
      }
    }
    return n;
  });
  if (changed !== ids.length) throw new Error(`made ${changed} of ${ids.length} deliveries due`);
}

/** Puts back what a measured claim changed: claimed rows pending again at their due time, superseded ones unskipped. */
export async function undoClaims(store: Store): Promise<void> {
  await store.db.transaction(async (tx) => {
    await tx.execute(
      "UPDATE outbox SET status = 'pending', next_attempt_at = due_at, lease_owner = NULL, lease_until = NULL WHERE status = 'claimed'",
    );
    await tx.execute("UPDATE outbox SET status = 'pending', last_error = NULL WHERE status = 'skipped' AND last_error = 'superseded'");
  });
}
