import { randomUUID } from 'node:crypto';
import type { CardStates, ClaimedBatch, OutboxQueue, OutboxWriter } from '../domain/outbox/outbox';
import type { CardState, Completion, NewOutboxItem, OutboxItem, OutboxKind } from '../domain/outbox/outbox-item';
import {
  cardState,
  INSERT_CHUNK,
  MalformedOutboxItem,
  NEW_ITEM_COLUMNS,
  newItemParams,
  newItemValues,
  OUTBOX_COLUMNS,
  placeholders,
  TO_GO,
  toOutboxItem,
  type OutboxRow,
} from './outbox-rows';
import { queryOne, type SqlDatabase, type SqlDialect, type SqlExecutor, type SqlValue } from './sql';

/** What a kind's own rules need to know of an item, in the claim's or the completion's transaction. */
export type QueuedRef = Pick<OutboxRow, 'id' | 'kind' | 'topic' | 'cycle' | 'item_key' | 'target' | 'due_at'>;

/**
 * A kind's queue rules, kept with the feature that owns the kind (reminders: catch-up and the weekly chain) so that
 * the outbox itself knows none of them.
 */
export interface KindPolicy {
  /** Among due items of this kind, the ids a later item makes stale: skipped as 'superseded' instead of claimed. */
  stale?(tx: SqlExecutor, due: readonly QueuedRef[], now: Date): Promise<Set<string>>;
  /** An item of this kind is done for good (sent, failed, unreachable, superseded): what follows it. */
  afterDone?(tx: SqlExecutor, item: QueuedRef, now: Date): Promise<void>;
}

export type KindPolicies = Partial<Record<OutboxKind, KindPolicy>>;

const REF_COLUMNS = 'id, kind, topic, cycle, item_key, target, due_at';

/**
 * The claim's candidate query ($1 now, $2 limit, then the kinds): a range scan of outbox_due. PostgreSQL locks what it
 * picks and skips rows another dispatcher is claiming at that moment; SQLite claims inside BEGIN IMMEDIATE, serially.
 * Exported for the test that checks the plan uses the index.
 */
export function claimCandidatesSql(dialect: SqlDialect, kinds = 0): string {
  const ofKinds = kinds > 0 ? ` AND o.kind IN (${placeholders(kinds, 3)})` : '';
  return `SELECT ${REF_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')} FROM outbox o
    WHERE o.status IN ${TO_GO} AND o.next_attempt_at <= $1${ofKinds}
      AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.conversation_id = o.target AND c.unreachable_reason IS NOT NULL)
    ORDER BY o.next_attempt_at LIMIT $2${dialect === 'postgres' ? ' FOR UPDATE OF o SKIP LOCKED' : ''}`;
}

/** The SET clause and values ($3…) that record a completion. */
function completionUpdate(completion: Completion, now: Date): { set: string; values: SqlValue[] } {
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
 * The one durable outbox over either engine: items are stored first, claimed under a lease, completed only by the
 * lease holder. Each kind's own rules (catch-up, chains) come in as policies.
 */
export class SqlOutbox implements OutboxQueue, OutboxWriter, CardStates {
  constructor(
    private readonly db: SqlDatabase,
    private readonly policies: KindPolicies = {},
  ) {}

  async enqueue(items: readonly NewOutboxItem[], now: Date): Promise<void> {
    if (items.length === 0) return;
    await this.db.transaction((tx) => enqueueIn(tx, items, now));
  }

  async claimDue(now: Date, limit: number, owner: string, leaseMs: number, kinds: readonly OutboxKind[] = []): Promise<ClaimedBatch> {
    return this.db.transaction(async (tx) => {
      let superseded = 0;
      // Each round skips what it found stale, so the due set shrinks; a batch that was all stale looks again.
      for (;;) {
        const due = await tx.query<QueuedRef>(claimCandidatesSql(tx.dialect, kinds.length), [now.getTime(), limit, ...kinds]);
        if (due.length === 0) return { claimed: [], superseded };
        const stale = await this.stale(tx, due, now);
        superseded += stale.size;
        const claimable = due.filter((item) => !stale.has(item.id)).map((item) => item.id);
        if (claimable.length > 0) return { claimed: await this.lease(tx, claimable, owner, now, leaseMs), superseded };
      }
    });
  }

  async complete(itemId: string, owner: string, completion: Completion, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { set, values } = completionUpdate(completion, now);
      const [row] = await tx.query<QueuedRef>(
        `UPDATE outbox SET ${set} WHERE id = $1 AND status = 'claimed' AND lease_owner = $2 RETURNING ${REF_COLUMNS}`,
        [itemId, owner, ...values],
      );
      if (!row) return false;
      if (completion.kind !== 'retry' && completion.kind !== 'deferred') await this.policies[row.kind as OutboxKind]?.afterDone?.(tx, row, now);
      return true;
    });
  }

  async lastCardState(topic: string, target: string, itemId: string): Promise<CardState | undefined> {
    // (topic, target, kind, cycle) is the prefix of the outbox_once index: a card update's cycle is its reminder's id.
    const row = await queryOne<{ payload: string }>(
      this.db,
      `SELECT payload FROM outbox WHERE topic = $1 AND target = $2 AND kind = 'card-update' AND cycle = $3
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [topic, target, itemId],
    );
    if (!row) return undefined;
    try {
      return cardState((JSON.parse(row.payload) as { state?: unknown }).state);
    } catch {
      return undefined;
    }
  }

  /**
   * What waits to be sent now, by kind: how many items, and since when the oldest has been due (a growing age means
   * the dispatchers do not keep up, or cannot send). Items claimed by a dispatcher are not counted.
   */
  async dueSummary(now: Date): Promise<ReadonlyArray<{ kind: OutboxKind; due: number; oldestDueAt: Date }>> {
    const rows = await this.db.query<{ kind: string; n: number; oldest: number }>(
      "SELECT kind, COUNT(*) AS n, MIN(due_at) AS oldest FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 GROUP BY kind",
      [now.getTime()],
    );
    return rows.map((row) => ({ kind: row.kind as OutboxKind, due: Number(row.n), oldestDueAt: new Date(Number(row.oldest)) }));
  }

  /** Forgets what was done with long ago: transient kinds (card updates, messages) keep names only while they matter. */
  async purgeDone(kinds: readonly OutboxKind[], before: Date): Promise<number> {
    if (kinds.length === 0) return 0;
    return this.db.execute(
      `DELETE FROM outbox WHERE status NOT IN ${TO_GO} AND next_attempt_at < $1 AND kind IN (${placeholders(kinds.length, 2)})`,
      [before.getTime(), ...kinds],
    );
  }

  /** Asks each kind's policy which of its due items are stale, skips them, and lets the policy follow up. */
  private async stale(tx: SqlExecutor, due: readonly QueuedRef[], now: Date): Promise<Set<string>> {
    const stale = new Set<string>();
    for (const kind of new Set(due.map((item) => item.kind))) {
      const policy = this.policies[kind as OutboxKind];
      if (!policy?.stale) continue;
      const mine = due.filter((item) => item.kind === kind);
      const found = await policy.stale(tx, mine, now);
      if (found.size === 0) continue;
      await tx.execute(
        `UPDATE outbox SET status = 'skipped', last_error = 'superseded', lease_owner = NULL, lease_until = NULL
         WHERE id IN (${placeholders(found.size)})`,
        [...found],
      );
      for (const item of mine.filter((candidate) => found.has(candidate.id))) {
        stale.add(item.id);
        await policy.afterDone?.(tx, item, now);
      }
    }
    return stale;
  }

  private async lease(tx: SqlExecutor, ids: readonly string[], owner: string, now: Date, leaseMs: number): Promise<OutboxItem[]> {
    const leaseUntil = now.getTime() + leaseMs;
    const rows = await tx.query<OutboxRow>(
      `UPDATE outbox SET status = 'claimed', lease_owner = $1, lease_until = $2, next_attempt_at = $2
       WHERE id IN (${placeholders(ids.length, 3)}) RETURNING ${OUTBOX_COLUMNS}`,
      [owner, leaseUntil, ...ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const claimed: OutboxItem[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      try {
        claimed.push(toOutboxItem(row));
      } catch (error) {
        if (!(error instanceof MalformedOutboxItem)) throw error;
        // Never sent, never retried: a bug to see in the history, not a poison item that blocks the queue.
        await tx.execute("UPDATE outbox SET status = 'failed', last_error = 'malformed', lease_owner = NULL, lease_until = NULL WHERE id = $1", [id]);
      }
    }
    return claimed;
  }
}

/**
 * Stores items in an open transaction (the register plans reminders and notices in its own). Existing keys are kept
 * as they are; a card update first skips the updates of the same card still waiting, which it replaces.
 */
export async function enqueueIn(tx: SqlExecutor, items: readonly NewOutboxItem[], now: Date): Promise<void> {
  for (const item of items.filter((i) => i.kind === 'card-update')) {
    await tx.execute(
      `UPDATE outbox SET status = 'skipped', last_error = 'superseded'
       WHERE kind = 'card-update' AND topic = $1 AND target = $2 AND cycle = $3 AND status = 'pending'`,
      [item.topic, item.target, item.cycle],
    );
  }
  for (let start = 0; start < items.length; start += INSERT_CHUNK) {
    const chunk = items.slice(start, start + INSERT_CHUNK);
    await tx.execute(
      `INSERT INTO outbox (${NEW_ITEM_COLUMNS}) VALUES ${chunk.map((_, i) => newItemValues(i)).join(', ')}
       ON CONFLICT (topic, target, kind, cycle, item_key) DO NOTHING`,
      chunk.flatMap((item) => newItemParams(randomUUID(), item.kind, item.topic, item.cycle, item.key, item.target, item.payload, item.dueAt, now)),
    );
  }
}
