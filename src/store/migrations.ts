import type { SqlDatabase } from './sql';

/** One schema step. Applied once, in version order; never edited after it has shipped — add a new one instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Portable SQL, or one script per engine where they differ. */
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

/**
 * The outbox (migration 8). Claimed items keep their lease's end in next_attempt_at too, so that one range scan of
 * outbox_due finds both due items and items whose dispatcher died.
 */
const OUTBOX_TABLES = `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    cycle TEXT NOT NULL,
    item_key TEXT NOT NULL,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'skipped', 'unreachable', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    sent_at BIGINT,
    activity_id TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    CONSTRAINT outbox_once UNIQUE (topic, target, kind, cycle, item_key)
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE TABLE reminder_acknowledgements (
    item_id TEXT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    user_id TEXT,
    user_name TEXT,
    acknowledged_at BIGINT NOT NULL
  );
  CREATE INDEX reminder_acknowledgements_user ON reminder_acknowledgements (user_id);`;
const OUTBOX_COPY_COLUMNS =
  'id, kind, topic, cycle, item_key, target, payload, due_at, status, attempts, next_attempt_at, lease_owner, lease_until, ' +
  'sent_at, activity_id, last_error, created_at';
const DELIVERY_COPY_COLUMNS =
  'due_at, status, attempts, next_attempt_at, lease_owner, lease_until, sent_at, activity_id, last_error, due_at';
const ACKNOWLEDGEMENTS_COPY = `INSERT INTO reminder_acknowledgements (item_id, user_id, user_name, acknowledged_at)
  SELECT id, acknowledged_by, acknowledged_by_name, acknowledged_at FROM reminder_deliveries WHERE acknowledged_at IS NOT NULL;`;

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
  {
    version: 4,
    name: 'certificate register, reminder targets and deliveries',
    // A delivery is unique per (certificate, conversation, expiry date, threshold): a renewal starts a new cycle with
    // the same keys. Claimed rows keep their lease expiry in next_attempt_at too, so that one range scan of
    // reminder_deliveries_due finds both due rows and rows whose dispatcher died.
    sql: `
      CREATE TABLE certificates (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        finess TEXT,
        corridor TEXT,
        structure TEXT,
        scope TEXT,
        usage TEXT,
        expiry_date TEXT NOT NULL,
        thresholds TEXT NOT NULL,
        weekly_after_expiry INTEGER NOT NULL,
        delivery_hour INTEGER NOT NULL,
        working_days_only INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX certificates_created_by ON certificates (created_by);
      CREATE TABLE reminder_targets (
        certificate_id TEXT NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        user_id TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (certificate_id, conversation_id)
      );
      CREATE INDEX reminder_targets_user ON reminder_targets (user_id);
      CREATE TABLE reminder_deliveries (
        id TEXT PRIMARY KEY,
        certificate_id TEXT NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
        conversation_id TEXT NOT NULL,
        expiry_date TEXT NOT NULL,
        threshold TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'skipped', 'unreachable', 'failed')),
        attempts INTEGER NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        sent_at BIGINT,
        activity_id TEXT,
        last_error TEXT,
        acknowledged_by TEXT,
        acknowledged_at BIGINT,
        CONSTRAINT reminder_deliveries_once UNIQUE (certificate_id, conversation_id, expiry_date, threshold)
      );
      CREATE INDEX reminder_deliveries_due ON reminder_deliveries (status, next_attempt_at);
    `,
  },
  {
    version: 5,
    name: 'unreachable conversations index',
    // The claim skips conversations marked unreachable; without this (small, partial) index PostgreSQL reads the
    // whole conversations table on every claim once it misjudges how many deliveries are due.
    sql: 'CREATE INDEX conversations_unreachable ON conversations (conversation_id) WHERE unreachable_reason IS NOT NULL;',
  },
  {
    version: 6,
    name: 'who acknowledged a reminder, owner notices',
    // acknowledged_by_name: shown to the owners ("acknowledged by …"), erased with the person's data.
    // about_conversation_id: for a notice ("u" key), the target that could not be reached.
    sql: `
      ALTER TABLE reminder_deliveries ADD COLUMN acknowledged_by_name TEXT;
      ALTER TABLE reminder_deliveries ADD COLUMN about_conversation_id TEXT;
      CREATE INDEX reminder_targets_conversation ON reminder_targets (conversation_id);
    `,
  },
  {
    version: 7,
    name: 'personal chats found by Entra id',
    // An owner adds a co-owner with the Teams people picker, which gives an Entra (Azure AD) object id: the co-owner's
    // personal chat is found by it. The id was in the stored reference already; the column only indexes it.
    sql: `
      ALTER TABLE conversations ADD COLUMN user_aad_id TEXT;
      CREATE INDEX conversations_user_aad ON conversations (user_aad_id);
    `,
  },
  {
    version: 8,
    name: 'one outbox for every proactive message',
    // reminder_deliveries becomes the outbox: every item keeps its id (posted cards carry it), state, attempts and
    // lease, so nothing pending is lost or sent twice across the migration. Owner notices ("u" keys) become their own
    // kind; acknowledgements, which only reminders have, move to a table of their own. The outbox has no foreign key:
    // its topic may be a certificate or a ticket, and the register deletes a certificate's items itself.
    sql: {
      sqlite: `${OUTBOX_TABLES}
        INSERT INTO outbox (${OUTBOX_COPY_COLUMNS})
          SELECT id, CASE WHEN threshold LIKE 'u%' THEN 'owner-notice' ELSE 'reminder' END, certificate_id, expiry_date,
                 threshold, conversation_id,
                 CASE WHEN threshold LIKE 'u%' THEN json_object('about', COALESCE(about_conversation_id, '')) ELSE '{}' END,
                 ${DELIVERY_COPY_COLUMNS}
          FROM reminder_deliveries;
        ${ACKNOWLEDGEMENTS_COPY}
        DROP TABLE reminder_deliveries;`,
      postgres: `${OUTBOX_TABLES}
        INSERT INTO outbox (${OUTBOX_COPY_COLUMNS})
          SELECT id, CASE WHEN threshold LIKE 'u%' THEN 'owner-notice' ELSE 'reminder' END, certificate_id, expiry_date,
                 threshold, conversation_id,
                 CASE WHEN threshold LIKE 'u%' THEN json_build_object('about', COALESCE(about_conversation_id, ''))::text ELSE '{}' END,
                 ${DELIVERY_COPY_COLUMNS}
          FROM reminder_deliveries;
        ${ACKNOWLEDGEMENTS_COPY}
        DROP TABLE reminder_deliveries;`,
    },
  },
  {
    version: 9,
    name: 'people known by Teams id and by Entra object id and tenant',
    // A tab authenticated by Teams SSO knows a person by Entra object id and tenant, a chat by Teams (29:) id: every
    // person record holds both, backfilled from their personal chats, so that the same person is recognised on both
    // sides. Certificates record their tenant, compared whenever ownership is checked.
    sql: `
      ALTER TABLE users ADD COLUMN aad_object_id TEXT;
      ALTER TABLE users ADD COLUMN tenant_id TEXT;
      INSERT INTO users (user_id, locale, created_at, updated_at)
        SELECT c.user_id, NULL, MIN(c.created_at), MAX(c.updated_at) FROM conversations c
        WHERE c.kind = 'personal' AND c.user_id IS NOT NULL AND c.user_aad_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = c.user_id)
        GROUP BY c.user_id;
      UPDATE users SET
        aad_object_id = (SELECT c.user_aad_id FROM conversations c WHERE c.kind = 'personal' AND c.user_id = users.user_id
                           AND c.user_aad_id IS NOT NULL ORDER BY c.updated_at DESC LIMIT 1),
        tenant_id = (SELECT c.tenant_id FROM conversations c WHERE c.kind = 'personal' AND c.user_id = users.user_id
                       AND c.user_aad_id IS NOT NULL ORDER BY c.updated_at DESC LIMIT 1);
      CREATE INDEX users_aad ON users (aad_object_id, tenant_id);
      ALTER TABLE certificates ADD COLUMN tenant_id TEXT;
      UPDATE certificates SET tenant_id = (
        SELECT c.tenant_id FROM reminder_targets t JOIN conversations c ON c.conversation_id = t.conversation_id
        WHERE t.certificate_id = certificates.id AND c.tenant_id IS NOT NULL ORDER BY t.created_at LIMIT 1);
    `,
  },
  {
    version: 16,
    name: 'support tickets, their history, numbering and support channels',
    // A ticket number (CERT-2026-0042) is taken from ticket_counters in the ticket's own transaction: no gap (a
    // failed open rolls its number back) and no duplicate (the counter row is locked while it is taken). version
    // makes every change conditional on the ticket an action was decided on. requester_* are emptied (and
    // requester_erased set) when the requester erases their data; the ticket stays for the support team.
    sql: `
      CREATE TABLE ticket_counters (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      );
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        queue_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        urgency TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),
        structure TEXT NOT NULL,
        finess TEXT,
        description TEXT NOT NULL,
        contact_email TEXT NOT NULL,
        certificate TEXT,
        requester_id TEXT,
        requester_name TEXT,
        requester_tenant_id TEXT,
        requester_conversation_id TEXT,
        requester_erased INTEGER NOT NULL DEFAULT 0,
        assignee_id TEXT,
        assignee_name TEXT,
        resolution TEXT,
        thread_conversation_id TEXT,
        thread_activity_id TEXT,
        version INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        closed_at BIGINT
      );
      CREATE INDEX tickets_requester ON tickets (requester_id);
      CREATE INDEX tickets_queue_status ON tickets (queue_id, status);
      CREATE TABLE ticket_events (
        ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        text TEXT,
        at BIGINT NOT NULL,
        PRIMARY KEY (ticket_id, seq)
      );
      CREATE INDEX ticket_events_actor ON ticket_events (actor_id);
      CREATE TABLE support_channels (
        queue_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        team_id TEXT,
        tenant_id TEXT,
        service_url TEXT NOT NULL,
        set_by TEXT NOT NULL,
        set_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 17,
    name: 'support requests answered by a suggestion before they were sent (deflections)',
    // Counted for « statistiques »: which queue the form proposed, its topic and the answer chosen; nobody's identity.
    sql: `
      CREATE TABLE support_deflections (
        id TEXT PRIMARY KEY,
        queue_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        intent TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX support_deflections_queue ON support_deflections (queue_id, at);
    `,
  },
  {
    version: 18,
    name: 'the form a ticket was sent from, sent once',
    // A form card clicked twice (a double click, a retried invoke, two devices) opens one ticket: the form's id is
    // unique (NULL for tickets from before, which repeat nothing).
    sql: `
      ALTER TABLE tickets ADD COLUMN form_id TEXT;
      CREATE UNIQUE INDEX tickets_form ON tickets (form_id);
    `,
  },
  {
    version: 19,
    name: 'send slots shared by the instances, per conversation',
    // One row per conversation recently posted to: the next instant a message may go there, whichever instance sends.
    sql: `
      CREATE TABLE send_slots (
        conversation_id TEXT PRIMARY KEY,
        next_at BIGINT NOT NULL
      );
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
    if (tx.dialect === 'postgres') {
      // A migration may rewrite a large table, and waits for another instance's migrations: no statement timeout here.
      await tx.script('SET LOCAL statement_timeout = 0');
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    }
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
