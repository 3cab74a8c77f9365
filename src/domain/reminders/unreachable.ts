/** Why a conversation no longer takes reminders, in the terms its owners are told. */
export type UnreachableCause =
  /** Someone blocked the bot there, or the tenant's policy forbids it to write (Teams 403). */
  | 'blocked'
  /** The app was removed from the team or chat, or uninstalled. */
  | 'removed'
  /** The conversation no longer exists (Teams 404). */
  | 'gone'
  /** Any other refusal for good: the connector's code is shown as is. */
  | 'refused';

/** The reason a bot removal is recorded with (the conversation record is kept so that reminders can resume). */
export const BOT_REMOVED = 'BotRemoved';

const BLOCKED = new Set(['ConversationBlockedByUser', 'MessageWritesBlocked', 'BotDisabledByAdmin', 'HTTP 403', 'Forbidden']);
const REMOVED = new Set([BOT_REMOVED, 'ConversationUnknown', 'BotNotInConversationRoster']);
const GONE = new Set(['ConversationNotFound', 'NotFound', 'HTTP 404']);

/** The connector's error code (or certibot's own reason) as a cause the owners can act on. */
export function unreachableCause(reason: string | undefined): UnreachableCause {
  if (reason === undefined) return 'refused';
  if (BLOCKED.has(reason)) return 'blocked';
  if (REMOVED.has(reason)) return 'removed';
  if (GONE.has(reason)) return 'gone';
  return 'refused';
}
