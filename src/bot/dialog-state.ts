import type { Activity } from 'botbuilder';
import type { ActiveDialog } from '../conversation/turn';

/**
 * Where a person's pending dialog in a conversation is kept: the key botbuilder's PrivateConversationState used
 * (`{channel}/conversations/{conversation}/users/{user}/`), so that dialogs stored before are still found. Undefined
 * when the activity does not say who speaks where.
 */
export function dialogStateKey(activity: Partial<Activity>): string | undefined {
  const channelId = activity.channelId;
  const conversationId = activity.conversation?.id;
  const userId = activity.from?.id;
  return channelId && conversationId && userId ? `${channelId}/conversations/${conversationId}/users/${userId}/` : undefined;
}

/** The document stored for a pending dialog: `{ "dialog": … }`, as PrivateConversationState's property wrote it. */
export function dialogDocument(dialog: ActiveDialog): string {
  return JSON.stringify({ dialog });
}

/** The pending dialog in a stored document, if it holds one that can be read. */
export function pendingDialogOf(document: string | undefined): ActiveDialog | undefined {
  if (document === undefined) return undefined;
  try {
    const { dialog } = JSON.parse(document) as { dialog?: Partial<ActiveDialog> };
    return typeof dialog?.id === 'string' && typeof dialog.startedAt === 'string' ? (dialog as ActiveDialog) : undefined;
  } catch {
    return undefined;
  }
}
