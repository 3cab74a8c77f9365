import type { CardState, Completion, NewOutboxItem, OutboxItem, OutboxKind, SendOutcome } from './outbox-item';

export interface ClaimedBatch {
  /** Claimed by the caller until each item's `leaseUntil`, in next-attempt order. */
  readonly claimed: readonly OutboxItem[];
  /** Due items skipped at the claim because a later one made them stale (catch-up). */
  readonly superseded: number;
}

/** The queue side of the outbox: all a dispatcher needs (a port: SQLite and PostgreSQL implement it). */
export interface OutboxQueue {
  /**
   * Claims up to `limit` items due at `now` (pending and due, or claimed by a dispatcher whose lease ran out),
   * leased to `owner` for `leaseMs`; only `kinds` if given. Items to a conversation marked unreachable stay where
   * they are until it speaks again. Stale items (each kind's catch-up rule) are skipped as 'superseded' instead of
   * claimed. Safe to call from several processes at once: each item goes to one claimer.
   */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number, kinds?: readonly OutboxKind[]): Promise<ClaimedBatch>;
  /**
   * Records what became of a claimed item, only if `owner` still holds it: answers false (and changes nothing)
   * when the lease was taken over, or the item was skipped or deleted meanwhile.
   */
  complete(itemId: string, owner: string, completion: Completion, now: Date): Promise<boolean>;
}

/** The writing side: store first, send later. */
export interface OutboxWriter {
  /**
   * Stores items to send, pending from their `dueAt`. An item whose (kind, topic, target, cycle, key) is already
   * stored is not stored again. A card update replaces the card updates of the same card still waiting.
   */
  enqueue(items: readonly NewOutboxItem[], now: Date): Promise<void>;
}

/** What the card updates of the outbox say about a posted card. */
export interface CardStates {
  /**
   * The state the latest card update of reminder item `itemId` (about `topic`, posted in `target`) set, whatever became
   * of that update; undefined when there was none (or it was purged). Two updates within one millisecond are not ordered.
   */
  lastCardState(topic: string, target: string, itemId: string): Promise<CardState | undefined>;
}

/**
 * Sends one outbox item (the Teams edge implements it per kind). It maps the connector's answer onto a SendOutcome
 * and should not throw; a throw is taken as a transport failure and retried with backoff.
 */
export interface OutboxSender {
  send(item: OutboxItem): Promise<SendOutcome>;
}

/**
 * Send slots shared by every instance (a port: the database implements it). Teams counts a conversation's messages
 * per bot, not per process: two instances each keeping 7 a second to one channel would send 14. Each send first
 * reserves the next free instant of its conversation, at least `intervalMs` after the one reserved before it.
 */
export interface SendSlots {
  /** The instant reserved for one more send to the conversation: `notBeforeMs` or later, `intervalMs` after the last one. */
  reserve(conversationId: string, notBeforeMs: number, intervalMs: number): Promise<number>;
  /** Forgets conversations whose last slot is older than `beforeMs`. */
  purge(beforeMs: number): Promise<number>;
}
