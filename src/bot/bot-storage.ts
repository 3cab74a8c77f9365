import type { Storage, StoreItems } from 'botbuilder';
import type { Clock } from '../domain/clock';
import type { SqlStateRepository } from '../store/state-store';

/** The user a bot state key belongs to: `…/users/{userId}` (user and private conversation state). */
export function ownerOfStateKey(key: string): string | undefined {
  const marker = key.lastIndexOf('/users/');
  // botbuilder appends `/{namespace}` (empty by default) after the user id, so the owner is one segment only.
  return marker >= 0 ? key.slice(marker + '/users/'.length).split('/')[0] || undefined : undefined;
}

/** Thrown when a document changed since it was read: botbuilder's optimistic concurrency. */
export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`State "${key}" was changed by another turn.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder's Storage over certibot's own database, so conversation and user state survive restarts and are shared
 * by every instance. Documents are JSON; eTags are the row's version.
 */
export class SqlBotStorage implements Storage {
  constructor(
    private readonly state: SqlStateRepository,
    private readonly clock: Clock,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.state.read(keys);
    const items: StoreItems = {};
    for (const [key, stored] of found) {
      items[key] = { ...(JSON.parse(stored.value) as Record<string, unknown>), eTag: String(stored.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...document } = (item ?? {}) as Record<string, unknown>;
      const expected = typeof eTag === 'string' && eTag !== '*' && /^\d+$/.test(eTag) ? Number(eTag) : undefined;
      const result = await this.state.write(key, ownerOfStateKey(key), JSON.stringify(document), expected, this.clock.now());
      if (result === 'conflict') throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.state.delete(keys);
  }
}
