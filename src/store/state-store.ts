import type { SqlExecutor, SqlDatabase } from './sql';

export interface StoredState {
  readonly value: string;
  readonly etag: number;
}

/**
 * Opaque key/value documents with optimistic concurrency (an increasing etag) and an optional owner, so that a
 * user's documents can be found and erased. The bot framework's state storage sits on top of it.
 */
export class SqlStateRepository {
  constructor(private readonly db: SqlDatabase) {}

  async read(keys: readonly string[]): Promise<Map<string, StoredState>> {
    const found = new Map<string, StoredState>();
    if (keys.length === 0) return found;
    const placeholders = keys.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await this.db.query<{ state_key: string; value: string; etag: number }>(
      `SELECT state_key, value, etag FROM bot_state WHERE state_key IN (${placeholders})`,
      keys,
    );
    for (const row of rows) found.set(row.state_key, { value: row.value, etag: Number(row.etag) });
    return found;
  }

  /**
   * Writes a document. With `expectedEtag`, only over that exact version (answers 'conflict' otherwise); without,
   * unconditionally. Answers the new etag.
   */
  async write(
    key: string,
    owner: string | undefined,
    value: string,
    expectedEtag: number | undefined,
    at: Date,
    tx: SqlExecutor = this.db,
  ): Promise<number | 'conflict'> {
    if (expectedEtag === undefined) {
      const rows = await tx.query<{ etag: number }>(
        `INSERT INTO bot_state (state_key, owner_id, value, etag, updated_at) VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (state_key) DO UPDATE SET value = excluded.value, owner_id = excluded.owner_id,
           etag = bot_state.etag + 1, updated_at = excluded.updated_at
         RETURNING etag`,
        [key, owner ?? null, value, at.getTime()],
      );
      return Number(rows[0]?.etag);
    }
    const rows = await tx.query<{ etag: number }>(
      `UPDATE bot_state SET value = $3, owner_id = $2, etag = etag + 1, updated_at = $5
       WHERE state_key = $1 AND etag = $4 RETURNING etag`,
      [key, owner ?? null, value, expectedEtag, at.getTime()],
    );
    if (rows[0]) return Number(rows[0].etag);
    // Like botbuilder's own storages: a document deleted since it was read (e.g. "delete my data") is written anew.
    const created = await tx.query<{ etag: number }>(
      `INSERT INTO bot_state (state_key, owner_id, value, etag, updated_at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (state_key) DO NOTHING RETURNING etag`,
      [key, owner ?? null, value, at.getTime()],
    );
    return created[0] ? Number(created[0].etag) : 'conflict';
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const placeholders = keys.map((_, i) => `$${i + 1}`).join(', ');
    await this.db.execute(`DELETE FROM bot_state WHERE state_key IN (${placeholders})`, keys);
  }

  async countForOwner(owner: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM bot_state WHERE owner_id = $1', [owner]);
    return Number(rows[0]?.n ?? 0);
  }

  async deleteForOwner(owner: string): Promise<number> {
    return this.db.execute('DELETE FROM bot_state WHERE owner_id = $1', [owner]);
  }
}
