import type { TurnSnapshot, TurnSnapshotKeys, TurnSnapshotReader } from '../domain/conversation';

/** A turn's snapshot, and whether the database gave it now. */
export type ReadSnapshot =
  | { readonly fresh: true; readonly snapshot: TurnSnapshot }
  /** The database did not answer: the last snapshot seen for this person and chat (without any dialog), or nothing. */
  | { readonly fresh: false; readonly snapshot: TurnSnapshot; readonly error: unknown };

const NOTHING: TurnSnapshot = { conversation: undefined, person: undefined, dialogDocument: undefined };

/**
 * Reads each turn's snapshot from the store — which caches it only where it can tell that nothing changed since
 * (SQLite; see StampedTurnSnapshots) — and keeps the last few in memory for when the database cannot answer: a
 * question that needs no write is then still answered, in the person's language. A pending dialog is not taken from memory: it may have moved on elsewhere,
 * and its next step would need a write anyway.
 */
export class SnapshotsWithFallback {
  private readonly last = new Map<string, TurnSnapshot>();

  constructor(
    private readonly reader: TurnSnapshotReader,
    private readonly capacity = 2000,
  ) {}

  async read(keys: TurnSnapshotKeys): Promise<ReadSnapshot> {
    const id = `${keys.conversationId}\n${keys.userId}`;
    try {
      const snapshot = await this.reader.read(keys);
      // Most recently read last: the first key is the one to drop.
      this.last.delete(id);
      this.last.set(id, snapshot);
      if (this.last.size > this.capacity) this.last.delete(this.last.keys().next().value as string);
      return { fresh: true, snapshot };
    } catch (error) {
      const known = this.last.get(id);
      return { fresh: false, snapshot: known ? { ...known, dialogDocument: undefined } : NOTHING, error };
    }
  }
}
