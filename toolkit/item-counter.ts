import { isWireActivity, type WireActivity } from './connector-calls';

/** Which item a posted activity is about (a reminder's delivery, a certificate…); undefined when none: not counted. */
export type ItemKey = (activity: WireActivity) => string | undefined;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const CARD_ACTIONS: ReadonlySet<unknown> = new Set(['Action.Execute', 'Action.Submit']);
/** Card action data fields that carry an item id, the most specific first: a reminder's delivery, then a certificate. */
const ID_FIELDS = ['delivery', 'deliveryId', 'certificate', 'certificateId'] as const;

/** Every Action.Execute / Action.Submit `data` in a card, wherever it sits (actions, action sets, show-card, fallback). */
function* actionData(node: unknown): Generator<Readonly<Record<string, unknown>>> {
  if (Array.isArray(node)) {
    for (const item of node) yield* actionData(item);
    return;
  }
  if (!isWireActivity(node)) return;
  if (CARD_ACTIONS.has(node.type) && isWireActivity(node.data)) yield node.data;
  for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) yield* actionData(value);
}

/**
 * The default item key: the id the activity's Adaptive Card actions carry in their data (`delivery` on a reminder
 * card, `certificate` on a notice), so that what the real sender posts is counted without a field added for tests.
 */
export function cardActionItemKey(activity: WireActivity): string | undefined {
  const found = new Map<string, string>();
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  for (const attachment of attachments) {
    if (!isWireActivity(attachment) || attachment.contentType !== ADAPTIVE_CARD) continue;
    for (const data of actionData(attachment.content)) {
      for (const field of ID_FIELDS) {
        const value = data[field];
        if (typeof value === 'string' && value !== '' && !found.has(field)) found.set(field, value);
      }
    }
  }
  return ID_FIELDS.map((field) => found.get(field)).find((id) => id !== undefined);
}

/** The posts of one item. */
export interface ItemRecord {
  /** Posts of the item, accepted or refused. */
  readonly posts: number;
  /** Posts the connector accepted (2xx): how many times the item reached its conversation. */
  readonly delivered: number;
  /** When each post arrived (ms since the epoch), in order. */
  readonly arrivals: readonly number[];
}

/** Expected items against what arrived. */
export interface ItemTally {
  /** Expected items delivered at least once. */
  readonly delivered: number;
  /** Items delivered more than once, expected or not. */
  readonly duplicates: number;
  readonly duplicateKeys: readonly string[];
  /** Expected items never delivered. */
  readonly lost: number;
  readonly lostKeys: readonly string[];
}

interface MutableItem {
  posts: number;
  delivered: number;
  readonly arrivals: number[];
}

/**
 * Deliveries per item. An item counts as delivered when the connector accepts its post, whether or not the caller
 * lives to read the answer: the real service posts the message all the same.
 */
export class ItemCounter {
  private readonly items = new Map<string, MutableItem>();
  private deliveredOnce = 0;

  /** Counts one post of `key` that arrived at `arrivedAt`; `accepted` when answered 2xx. */
  count(key: string, arrivedAt: number, accepted: boolean): void {
    let item = this.items.get(key);
    if (!item) {
      item = { posts: 0, delivered: 0, arrivals: [] };
      this.items.set(key, item);
    }
    item.posts += 1;
    item.arrivals.push(arrivedAt);
    if (!accepted) return;
    item.delivered += 1;
    if (item.delivered === 1) this.deliveredOnce += 1;
  }

  /** The posts of one item, if any arrived. */
  get(key: string): ItemRecord | undefined {
    return this.items.get(key);
  }

  /** How many times `key` was delivered (0 when never). */
  deliveries(key: string): number {
    return this.items.get(key)?.delivered ?? 0;
  }

  /** How many distinct items were delivered at least once. */
  get deliveredItems(): number {
    return this.deliveredOnce;
  }

  /** What became of the `expected` items: delivered, lost; and every item delivered more than once. */
  tally(expected: readonly string[]): ItemTally {
    const lostKeys = expected.filter((key) => this.deliveries(key) === 0);
    const duplicateKeys = [...this.items].filter(([, item]) => item.delivered > 1).map(([key]) => key);
    return {
      delivered: expected.length - lostKeys.length,
      duplicates: duplicateKeys.length,
      duplicateKeys,
      lost: lostKeys.length,
      lostKeys,
    };
  }

  /** Forgets every count. */
  clear(): void {
    this.items.clear();
    this.deliveredOnce = 0;
  }
}
