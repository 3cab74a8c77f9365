import type { SqlDatabase } from './sql';

/** One schema step. Applied once, in version order; never edited after it has shipped — add a new one instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Portable SQL, or one script per engine where they differ. */
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, conversations, bot state',
    sql: `
      CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        locale TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE conversations (
        conversation_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        tenant_id TEXT,
        team_id TEXT,
        channel_id TEXT,
        user_id TEXT,
        service_url TEXT NOT NULL,
        reference TEXT NOT NULL,
        unreachable_reason TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX conversations_user ON conversations (user_id);
      CREATE TABLE bot_state (
        state_key TEXT PRIMARY KEY,
        owner_id TEXT,
        value TEXT NOT NULL,
        etag BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX bot_state_owner ON bot_state (owner_id);
    `,
  },
  {
    version: 2,
    name: 'answer feedback, unanswered questions',
    sql: `
      CREATE TABLE answer_feedback (
        answer_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        locale TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      );
      CREATE INDEX answer_feedback_user ON answer_feedback (user_id);
      CREATE TABLE unanswered_questions (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        text_key TEXT NOT NULL,
        locale TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX unanswered_questions_created ON unanswered_questions (created_at);
    `,
  },
  {
    version: 3,
    name: 'calendar links',
    sql: `
      CREATE TABLE calendar_links (
        token_hash TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX calendar_links_owner ON calendar_links (owner_id);
      CREATE INDEX calendar_links_expires ON calendar_links (expires_at);
    `,
  },
];

/** An arbitrary constant naming certibot's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_ID = 7_413_020_261;

/**
 * Applies the migrations not yet applied, in one transaction. Two instances starting at once are serialised by a
 * PostgreSQL advisory lock (SQLite: BEGIN IMMEDIATE), so each step runs exactly once. Answers the versions applied.
 */
export async function migrate(db: SqlDatabase, nowMs: number, migrations = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await tx.script(typeof migration.sql === 'string' ? migration.sql : migration.sql[tx.dialect]);
      await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        nowMs,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
