import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationKind, ConversationRecord } from '../domain/conversation';

/** The conversation kind Teams gives (personal / groupChat / channel); other channels count as personal. */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/** A channel thread id ("19:…@thread.tacv2;messageid=123") names its channel; reminders start new posts there. */
export function baseConversationId(id: string): string {
  const cut = id.indexOf(';messageid=');
  return cut >= 0 ? id.slice(0, cut) : id;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

/**
 * What to keep to speak first in the activity's conversation: the reference without display names or activity id,
 * and without any user outside personal chats.
 */
export function conversationRecordOf(activity: Activity, at: Date): Omit<ConversationRecord, 'unreachableReason'> {
  const kind = conversationKind(activity);
  const full = TurnContext.getConversationReference(activity);
  const conversationId = baseConversationId(full.conversation?.id ?? '');
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const userId = kind === 'personal' ? activity.from?.id : undefined;
  const reference: Partial<ConversationReference> = {
    channelId: full.channelId,
    serviceUrl: full.serviceUrl,
    locale: full.locale,
    bot: full.bot ? { id: full.bot.id, name: full.bot.name } : undefined,
    conversation: {
      id: conversationId,
      conversationType: full.conversation?.conversationType ?? kind,
      tenantId: full.conversation?.tenantId ?? channelData.tenant?.id,
      isGroup: full.conversation?.isGroup ?? kind !== 'personal',
      name: '',
    },
    ...(userId ? { user: { id: userId, name: '', ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}) } } : {}),
  };
  return {
    conversationId,
    kind,
    tenantId: tenantOf(activity),
    teamId: teamOf(activity),
    channelId: channelData.channel?.id ?? undefined,
    userId,
    ...(userId && activity.from?.aadObjectId ? { userAadId: activity.from.aadObjectId.toLowerCase() } : {}),
    serviceUrl: activity.serviceUrl ?? '',
    reference: withoutUndefined(reference),
    updatedAt: at,
  };
}

/** The object as JSON would keep it: fields that are undefined dropped, at every depth (it is stored as JSON). */
function withoutUndefined(value: object): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    kept[key] = field !== null && typeof field === 'object' && !Array.isArray(field) ? withoutUndefined(field as object) : field;
  }
  return kept;
}

/** The team a channel activity comes from, as Teams gives it; undefined outside teams. */
export function teamOf(activity: Partial<Activity>): string | undefined {
  return ((activity.channelData ?? {}) as TeamsChannelData).team?.id ?? undefined;
}

/** The Entra tenant an activity comes from, as Teams gives it (channel data, else the conversation). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return channelData.tenant?.id ?? activity.conversation?.tenantId ?? undefined;
}
