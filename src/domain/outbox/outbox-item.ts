/**
 * The outbox: everything certibot sends on its own — reminders, owner notices, card updates, courtesy messages, and
 * next the escalation's ticket cards, relayed messages and e-mails — is stored first as one item, then claimed under
 * a lease by a dispatcher, sent once, and retried by the Teams rules. An item says what it is (`kind`), what it is
 * about (`topic`, `cycle`, `key`: unique together with the target, so planning it twice stores it once), where it goes
 * (`target`), and carries what its kind needs to be rendered at send time (`payload`).
 */
export type OutboxKind = 'reminder' | 'owner-notice' | 'card-update' | 'message';

export type OutboxStatus =
  /** Waiting for its time (or for its next attempt). */
  | 'pending'
  /** Claimed by a dispatcher that holds a lease; a lease that runs out makes it claimable again. */
  | 'claimed'
  | 'sent'
  /** Not to be sent any more (superseded, re-planned, stopped…): `lastError` says why. */
  | 'skipped'
  /** The target blocked or removed the bot (403/404). */
  | 'unreachable'
  /** Gave up after the last retry, or refused by the connector for good. */
  | 'failed';

/** What a reminder card shows of what became of the reminder, as its copies are to be updated. */
export type CardState =
  | { readonly kind: 'acknowledged'; readonly by: string; /** ISO instant */ readonly at: string }
  | { readonly kind: 'stopped'; readonly by: string }
  /** `newExpiry`: YYYY-MM-DD. */
  | { readonly kind: 'renewed'; readonly by: string; readonly newExpiry: string }
  /** `until`: YYYY-MM-DD, the day the reminder comes back. */
  | { readonly kind: 'snoozed'; readonly by: string; readonly until: string };

/**
 * A sentence of the message catalogs, with its parameters: rendered at send time in the recipient's language.
 * `dates` are YYYY-MM-DD civil dates, written in that language too.
 */
export interface MessageSpec {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly dates?: Readonly<Record<string, string>>;
}

/** What each kind carries besides its addressing. */
export interface OutboxPayloads {
  /** The certificate (topic), its expiry cycle (cycle) and threshold (key) say it all. */
  readonly reminder: Readonly<Record<string, never>>;
  /** `about`: the conversation that could not be reached. */
  readonly 'owner-notice': { readonly about: string };
  /** Replaces the posted card `activityId` of reminder item `itemId` with its state. */
  readonly 'card-update': { readonly itemId: string; readonly activityId: string; readonly state: CardState };
  /** A short text message. */
  readonly message: { readonly text: MessageSpec };
}

interface OutboxItemOf<K extends OutboxKind> {
  readonly id: string;
  readonly kind: K;
  /** What the item is about: a certificate id, a ticket id. */
  readonly topic: string;
  /** The topic's cycle (a certificate's expiry date, YYYY-MM-DD), '' where it has none. */
  readonly cycle: string;
  /** The item's key within (kind, topic, target, cycle): a reminder threshold ("d30"), a notice number ("u1")… */
  readonly key: string;
  /** The conversation it goes to. */
  readonly target: string;
  readonly payload: OutboxPayloads[K];
  readonly dueAt: Date;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** Until when the claiming dispatcher holds it (status 'claimed'). */
  readonly leaseUntil: Date | undefined;
  readonly sentAt: Date | undefined;
  /** The Teams activity id of what was posted, to update it in place. */
  readonly activityId: string | undefined;
  /** The last failure, or for a skipped item why it was skipped. */
  readonly lastError: string | undefined;
}

/** One outbox item, narrowed by its kind. */
export type OutboxItem = { [K in OutboxKind]: OutboxItemOf<K> }[OutboxKind];

/** An item as given to the outbox: it starts pending, due at `dueAt`. */
export type NewOutboxItem = {
  [K in OutboxKind]: Pick<OutboxItemOf<K>, 'kind' | 'topic' | 'cycle' | 'key' | 'target' | 'payload' | 'dueAt'>;
}[OutboxKind];

/** What a send attempt came to, as the dispatcher acts on it. */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly activityId: string | undefined }
  /** 429 (with Retry-After) or 412/502/503/504: try again later. */
  | { readonly kind: 'retry'; readonly afterMs: number | undefined; readonly status: number }
  /** 403 blocked/uninstalled, 404 conversation gone: stop sending there until it speaks again. */
  | { readonly kind: 'unreachable'; readonly reason: string }
  /** Anything else: not retried. */
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * What the dispatcher decided after an attempt, as the outbox records it. The retry policy (backoff, the last
 * attempt) is the dispatcher's; the outbox only applies the decision.
 */
export type Completion =
  | { readonly kind: 'sent'; readonly activityId: string | undefined }
  /** Attempted and refused for now: try again at `at`. */
  | { readonly kind: 'retry'; readonly at: Date; readonly error: string }
  /** Not attempted (rate limit pause, lease running out): back to pending at `at`, no attempt counted. */
  | { readonly kind: 'deferred'; readonly at: Date; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** Kinds that a click or a turn asks for and that go at once: the dispatcher is woken for them. */
export const IMMEDIATE_KINDS: readonly OutboxKind[] = ['card-update', 'message'];
