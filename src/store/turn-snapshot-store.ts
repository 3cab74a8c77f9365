import type { TurnSnapshot, TurnSnapshotKeys, TurnSnapshotReader } from '../domain/conversation';
import { CONVERSATION_COLUMNS, toConversationRecord, type ConversationRow } from './conversation-store';
import type { SqlExecutor } from './sql';
import { toPerson, type PersonRow } from './user-preferences-store';

const CONVERSATION_NAMES = CONVERSATION_COLUMNS.split(', ') as Array<keyof ConversationRow>;
const PERSON_NAMES: ReadonlyArray<keyof PersonRow> = ['user_id', 'locale', 'aad_object_id', 'tenant_id'];

/**
 * The three lookups of a turn (conversation, person, pending dialog) as one statement: the tables share column names,
 * so each side is read under a prefix. One row always comes back (the left joins hang off a constant).
 */
const SNAPSHOT_SQL = `SELECT ${[
  ...CONVERSATION_NAMES.map((name) => `c.${name} AS c_${name}`),
  ...PERSON_NAMES.map((name) => `u.${name} AS u_${name}`),
  's.value AS s_value',
].join(', ')}
  FROM (SELECT 1 AS one) AS turn
  LEFT JOIN conversations c ON c.conversation_id = $1
  LEFT JOIN users u ON u.user_id = $2
  LEFT JOIN bot_state s ON s.state_key = $3`;

type SnapshotRow = Record<string, string | number | null>;

function prefixed<Row>(row: SnapshotRow, prefix: string, names: ReadonlyArray<keyof Row>): Row {
  return Object.fromEntries(names.map((name) => [name, row[`${prefix}${String(name)}`] ?? null])) as Row;
}

/** Everything a turn reads before it is routed, in one round trip (it used to take three, and a write). */
export class SqlTurnSnapshots implements TurnSnapshotReader {
  constructor(private readonly db: SqlExecutor) {}

  async read(keys: TurnSnapshotKeys): Promise<TurnSnapshot> {
    const [row] = await this.db.query<SnapshotRow>(SNAPSHOT_SQL, [keys.conversationId, keys.userId, keys.dialogKey ?? null]);
    if (!row) return { conversation: undefined, person: undefined, dialogDocument: undefined };
    return {
      conversation: row.c_conversation_id === null ? undefined : toConversationRecord(prefixed<ConversationRow>(row, 'c_', CONVERSATION_NAMES)),
      person: row.u_user_id === null ? undefined : toPerson(prefixed<PersonRow>(row, 'u_', PERSON_NAMES)),
      dialogDocument: typeof row.s_value === 'string' ? row.s_value : undefined,
    };
  }
}

/**
 * Turn snapshots kept while the database has not changed: a question that changes nothing (most turns) is then
 * answered without reading. Every entry is dropped as soon as the database's change stamp moves — any write of this
 * process, any other connection's commit — so a cached snapshot is always what a read would give now.
 */
export class StampedTurnSnapshots implements TurnSnapshotReader {
  private readonly cache = new Map<string, TurnSnapshot>();
  private stamp: string | undefined;

  constructor(
    private readonly reader: TurnSnapshotReader,
    private readonly changeStamp: () => string | undefined,
    private readonly capacity = 2000,
  ) {}

  async read(keys: TurnSnapshotKeys): Promise<TurnSnapshot> {
    const before = this.changeStamp();
    if (before === undefined || before !== this.stamp) {
      this.cache.clear();
      this.stamp = before;
    }
    const key = `${keys.conversationId}\n${keys.userId}\n${keys.dialogKey ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const snapshot = await this.reader.read(keys);
    // Kept only when nothing was written while it was read: it is then what the database held at that stamp.
    if (before !== undefined && this.changeStamp() === before) {
      if (this.cache.size >= this.capacity) this.cache.clear();
      this.cache.set(key, snapshot);
    }
    return snapshot;
  }
}
