import type { ConversationKind, ConversationRecord, ConversationRepository } from '../domain/conversation';
import { BOT_REMOVED } from '../domain/reminders/unreachable';
import { queryOne, type SqlExecutor } from './sql';

/** A row of `conversations`, as both engines read it. */
export interface ConversationRow {
  conversation_id: string;
  kind: string;
  tenant_id: string | null;
  team_id: string | null;
  channel_id: string | null;
  user_id: string | null;
  service_url: string;
  reference: string;
  unreachable_reason: string | null;
  updated_at: number;
  user_aad_id: string | null;
}

/** The columns of a ConversationRow, in order. */
export const CONVERSATION_COLUMNS =
  'conversation_id, kind, tenant_id, team_id, channel_id, user_id, service_url, reference, unreachable_reason, updated_at, user_aad_id';

/** A stored conversation as the domain sees it. */
export function toConversationRecord(row: ConversationRow): ConversationRecord {
  return {
    conversationId: row.conversation_id,
    kind: row.kind as ConversationKind,
    tenantId: row.tenant_id ?? undefined,
    teamId: row.team_id ?? undefined,
    channelId: row.channel_id ?? undefined,
    userId: row.user_id ?? undefined,
    userAadId: row.user_aad_id ?? undefined,
    serviceUrl: row.service_url,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    unreachableReason: row.unreachable_reason ?? undefined,
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Conversation references in the `conversations` table, for both engines. */
export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: SqlExecutor) {}

  async register(record: Omit<ConversationRecord, 'unreachableReason'>): Promise<boolean> {
    const at = record.updatedAt.getTime();
    // Kept after the bot was removed (it was a reminder target): added back, it is new to the people there.
    const removed = await queryOne(this.db, 'SELECT 1 AS found FROM conversations WHERE conversation_id = $1 AND unreachable_reason = $2', [
      record.conversationId,
      BOT_REMOVED,
    ]);
    const created = await this.db.execute(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $9)
       ON CONFLICT (conversation_id) DO NOTHING`,
      this.values(record, at),
    );
    if (created === 0) await this.save(record);
    return created > 0 || removed !== undefined;
  }

  private values(record: Omit<ConversationRecord, 'unreachableReason'>, at: number) {
    return [
      record.conversationId,
      record.kind,
      record.tenantId ?? null,
      record.teamId ?? null,
      record.channelId ?? null,
      record.userId ?? null,
      record.serviceUrl,
      JSON.stringify(record.reference),
      at,
      record.kind === 'personal' ? (record.userAadId ?? null) : null,
    ];
  }

  async save(record: Omit<ConversationRecord, 'unreachableReason'>): Promise<void> {
    const at = record.updatedAt.getTime();
    // The WHERE clause keeps a busy conversation from rewriting an unchanged row on every message.
    await this.db.execute(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $9)
       ON CONFLICT (conversation_id) DO UPDATE SET
         kind = excluded.kind, tenant_id = excluded.tenant_id, team_id = excluded.team_id,
         channel_id = excluded.channel_id, user_id = excluded.user_id, service_url = excluded.service_url,
         reference = excluded.reference, unreachable_reason = NULL, updated_at = excluded.updated_at,
         user_aad_id = excluded.user_aad_id
       WHERE conversations.reference <> excluded.reference
          OR conversations.service_url <> excluded.service_url
          OR conversations.unreachable_reason IS NOT NULL`,
      this.values(record, at),
    );
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = await queryOne<ConversationRow>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE conversation_id = $1`,
      [conversationId],
    );
    return row && toConversationRecord(row);
  }

  async findPersonal(userId: string): Promise<ConversationRecord | undefined> {
    const row = await queryOne<ConversationRow>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE user_id = $1 AND kind = 'personal' ORDER BY updated_at DESC LIMIT 1`,
      [userId],
    );
    return row && toConversationRecord(row);
  }

  async findPersonalByAadId(aadId: string, tenantId: string | undefined): Promise<ConversationRecord | undefined> {
    const row = await queryOne<ConversationRow>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE user_aad_id = $1 AND kind = 'personal' AND tenant_id IS NOT DISTINCT FROM $2
       ORDER BY updated_at DESC LIMIT 1`,
      [aadId, tenantId ?? null],
    );
    return row && toConversationRecord(row);
  }

  async listForTeam(teamId: string, tenantId: string | undefined): Promise<ConversationRecord[]> {
    const rows = await this.db.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE team_id = $1 AND kind = 'channel' AND tenant_id IS NOT DISTINCT FROM $2
       ORDER BY conversation_id`,
      [teamId, tenantId ?? null],
    );
    return rows.map(toConversationRecord);
  }

  async latest(kind: ConversationKind): Promise<ConversationRecord | undefined> {
    const row = await queryOne<ConversationRow>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE kind = $1 ORDER BY updated_at DESC, conversation_id LIMIT 1`,
      [kind],
    );
    return row && toConversationRecord(row);
  }

  async remove(conversationId: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM conversations WHERE conversation_id = $1', [conversationId])) > 0;
  }

  async removeForUser(userId: string): Promise<number> {
    return this.db.execute("DELETE FROM conversations WHERE user_id = $1 AND kind = 'personal'", [userId]);
  }

  async countForUser(userId: string): Promise<number> {
    const row = await queryOne<{ n: number }>(
      this.db,
      "SELECT COUNT(*) AS n FROM conversations WHERE user_id = $1 AND kind = 'personal'",
      [userId],
    );
    return Number(row?.n ?? 0);
  }
}
