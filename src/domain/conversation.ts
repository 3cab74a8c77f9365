import type { Person } from './user-preferences';

/** Where the bot can speak: a personal chat, a group chat or a team channel. */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * What the bot keeps to speak first in a conversation (reminders, escalations). The reference is opaque here: only
 * the Teams edge reads it. It holds no display names and, for group chats and channels, no user.
 */
export interface ConversationRecord {
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly tenantId: string | undefined;
  readonly teamId: string | undefined;
  readonly channelId: string | undefined;
  /** The user of a personal chat; undefined elsewhere. */
  readonly userId: string | undefined;
  /** That user's Entra (Azure AD) object id, when Teams gives it: how a co-owner picked in a card is found. */
  readonly userAadId?: string | undefined;
  readonly serviceUrl: string;
  readonly reference: Readonly<Record<string, unknown>>;
  /** Why the last proactive send failed for good (blocked, uninstalled); cleared when the conversation speaks again. */
  readonly unreachableReason: string | undefined;
  readonly updatedAt: Date;
}

export interface ConversationRepository {
  /** Creates or refreshes the record; a refresh clears any unreachable mark. Writes only when something changed. */
  save(record: Omit<ConversationRecord, 'unreachableReason'>): Promise<void>;
  /** Saves the record and answers whether the conversation was unknown until now (the bot was just added). */
  register(record: Omit<ConversationRecord, 'unreachableReason'>): Promise<boolean>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  findPersonal(userId: string): Promise<ConversationRecord | undefined>;
  /** The personal chat of a user known by their Entra object id, in a tenant. */
  findPersonalByAadId(aadId: string, tenantId: string | undefined): Promise<ConversationRecord | undefined>;
  /** The channels of a team (its Teams id, "19:…@thread.tacv2") the bot was added to, in a tenant. */
  listForTeam(teamId: string, tenantId: string | undefined): Promise<ConversationRecord[]>;
  /** The conversation of this kind that spoke last: local mode's stand-in for a signed-in person or a tab's team. */
  latest(kind: ConversationKind): Promise<ConversationRecord | undefined>;
  /** Forgets a conversation (the bot was uninstalled or removed). */
  remove(conversationId: string): Promise<boolean>;
  /** Forgets the personal chats of a user; answers how many. */
  removeForUser(userId: string): Promise<number>;
  countForUser(userId: string): Promise<number>;
}

/**
 * Whether saving `seen` would change the stored record: its reference or connector address changed, or it was marked
 * unreachable (speaking again clears the mark). The same test as the store's, made before it is asked to write.
 */
export function conversationChanged(stored: ConversationRecord | undefined, seen: Omit<ConversationRecord, 'unreachableReason'>): boolean {
  return (
    stored === undefined ||
    stored.unreachableReason !== undefined ||
    stored.serviceUrl !== seen.serviceUrl ||
    JSON.stringify(stored.reference) !== JSON.stringify(seen.reference)
  );
}

/** What a turn reads before it is routed, in one look: the conversation, the person, their pending dialog. */
export interface TurnSnapshot {
  readonly conversation: ConversationRecord | undefined;
  readonly person: Person | undefined;
  /** The stored document of the person's pending dialog in this conversation (JSON), if any. */
  readonly dialogDocument: string | undefined;
}

/** The keys of a turn's snapshot. */
export interface TurnSnapshotKeys {
  readonly conversationId: string;
  readonly userId: string;
  /** Where the pending dialog is kept; undefined when the activity names no user. */
  readonly dialogKey: string | undefined;
}

export interface TurnSnapshotReader {
  /** One read (one round trip on PostgreSQL) for everything a turn needs to know before it is routed. */
  read(keys: TurnSnapshotKeys): Promise<TurnSnapshot>;
}
