import type { AdaptiveCard } from '../../cards/adaptive';
import type { AttachmentRef } from '../certificates/fetch-attachment';
import type { ConversationKind } from '../domain/conversation';
import type { Locale } from '../domain/locale';
import type { Translate } from '../messages/translator';

/** One incoming message or card action, stripped of everything Teams-specific. */
export interface TurnRequest {
  readonly userId: string;
  /** The user's Entra (Azure AD) object id, when Teams gives it. */
  readonly userAadId?: string;
  /** The Entra tenant of the conversation, when Teams gives it. */
  readonly tenantId?: string;
  /** The user's display name, only to show on a card they acted on ("acknowledged by …"); never stored. */
  readonly userName?: string;
  readonly conversationId: string;
  readonly conversationKind: ConversationKind;
  /** The client's language tag (activity.locale), if any. */
  readonly clientLocale: string | undefined;
  /** The typed text, bot mention removed; undefined for a card action. */
  readonly text: string | undefined;
  /** What a card button sent back (activity.value), not yet trusted. */
  readonly actionPayload: unknown;
  /**
   * For a card action: the message whose card was clicked (Teams' replyToId). An invoke's answer changes the card on
   * the clicker's screen only; this is the message to update for everyone.
   */
  readonly replyToId?: string;
  /** Files attached to the message that may be certificates (already filtered, not yet downloaded). */
  readonly attachments?: readonly AttachmentRef[];
  /** Where the activity came from: replies go there, and in local mode files are fetched only from its host. */
  readonly serviceUrl?: string;
  readonly now: Date;
}

/** What the bot says back: plain text or an Adaptive Card. */
export type Reply = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'card'; readonly card: AdaptiveCard };

export const textReply = (value: string): Reply => ({ kind: 'text', text: value });
export const cardReply = (value: AdaptiveCard): Reply => ({ kind: 'card', card: value });

/** A multi-turn exchange in progress for one user in one conversation (e.g. a pending confirmation). */
export interface ActiveDialog {
  readonly id: string;
  readonly startedAt: string;
  /** The language the dialog was started in, so that button clicks are answered in it. */
  readonly locale?: Locale;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface TurnOutcome {
  readonly replies: readonly Reply[];
  /** The dialog to keep for the next turn: a new one, null to end it, undefined to leave it as it is. */
  readonly dialog?: ActiveDialog | null;
  /** The locale the user chose during this turn, if they changed it. */
  readonly locale?: Locale;
  /** The intent or verb that answered, for logs and gap reports (never the text). */
  readonly handledAs?: string;
  /**
   * The action was refused (not allowed, stale, malformed): this text is for the person who clicked only — in Teams the
   * invoke's error answer, never a message the whole channel sees. Nothing changed.
   */
  readonly refusal?: string;
}

/**
 * What a question that may be answered by typing adds in a channel or a group chat, where Teams hands certibot only
 * the messages that @mention it (an answer typed in the thread without a mention never arrives): a plain word saying
 * so. Nothing in a personal chat.
 */
export function mentionHint(turn: Pick<Turn, 'request' | 'tr'>): Reply[] {
  return turn.request.conversationKind === 'personal' ? [] : [textReply(turn.tr('followUp.mention'))];
}

/** An outcome that refuses an action, told to the clicker only; nothing changed. */
export const refused = (text: string): TurnOutcome => ({ replies: [], refusal: text });

/** Everything a handler needs to answer one turn. */
export interface Turn {
  readonly request: TurnRequest;
  readonly locale: Locale;
  readonly tr: Translate;
  readonly dialog: ActiveDialog | undefined;
}
