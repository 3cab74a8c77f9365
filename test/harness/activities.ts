import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Teams-shaped incoming activities, as the Teams channel posts them to /api/messages: realistic ids, channelData with
 * tenant / team / channel, a locale and a clientInfo entity. Plain JSON types of our own rather than botbuilder's,
 * so that tests can say exactly what goes on the wire and the chat script loads no bot framework.
 */

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export interface TeamsAccount {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
}

/** An incoming activity as JSON: what certibot's endpoint receives. */
export interface TeamsActivity {
  readonly type: string;
  readonly id: string;
  readonly timestamp: string;
  readonly localTimestamp: string;
  readonly localTimezone: string;
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly from: TeamsAccount;
  readonly recipient: TeamsAccount;
  readonly conversation: {
    readonly id: string;
    readonly conversationType: ConversationScope;
    readonly tenantId: string;
    readonly isGroup: boolean;
  };
  readonly channelData: Readonly<Record<string, unknown>>;
  readonly locale: string;
  readonly entities: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly replyToId?: string;
  readonly text?: string;
  readonly textFormat?: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly action?: string;
  readonly membersAdded?: ReadonlyArray<{ readonly id: string }>;
  readonly membersRemoved?: ReadonlyArray<{ readonly id: string }>;
  readonly attachments?: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** One conversation the bot is part of, and the user speaking in it. */
export interface TeamsChat {
  readonly scope: ConversationScope;
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly bot: TeamsAccount;
  readonly user: TeamsAccount;
  /** personal "a:1…", group chat "19:…@thread.v2", channel "19:…@thread.tacv2" (the channel itself, no message id). */
  readonly conversationId: string;
  readonly team: { readonly id: string; readonly name: string; readonly aadGroupId: string } | undefined;
  readonly channel: { readonly id: string; readonly name: string } | undefined;
  /** The client's language tag, e.g. "fr-FR". */
  readonly locale: string;
}

export interface ChatOptions {
  readonly serviceUrl: string;
  readonly userId?: string;
  readonly userName?: string;
  readonly aadObjectId?: string;
  readonly tenantId?: string;
  readonly botId?: string;
  readonly botName?: string;
  readonly locale?: string;
  readonly conversationId?: string;
}

export interface ActivityOptions {
  /** Defaults to a fresh Teams-like message id. */
  readonly id?: string;
  /** Overrides the chat's client locale for this activity only. */
  readonly locale?: string;
  /** Another user of the same conversation (group chats and channels). */
  readonly from?: TeamsAccount;
  readonly timestamp?: Date;
  /** The message a card action or reply refers to. */
  readonly replyToId?: string;
}

export interface MessageOptions extends ActivityOptions {
  /** Prefix the text with an "<at>certibot</at>" mention and its entity. Default: in group chats and channels. */
  readonly mention?: boolean;
  /** Channels: the root message id of the thread replied in; a new post starts its own thread. */
  readonly threadId?: string;
}

/** The name Teams shows for the bot and uses in mentions. */
export const BOT_NAME = 'certibot';

const base64Id = (bytes: number) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

/** Teams message ids are epoch-millisecond-like numbers; a random tail keeps two from one millisecond apart. */
export function newMessageId(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)
    .toString()
    .padStart(3, '0')}`;
}

export function newUserId(): string {
  return `29:1${base64Id(40)}`;
}

function accounts(options: ChatOptions): Pick<TeamsChat, 'bot' | 'user' | 'tenantId' | 'locale' | 'serviceUrl'> {
  return {
    serviceUrl: options.serviceUrl,
    tenantId: options.tenantId ?? randomUUID(),
    bot: { id: options.botId ?? `28:${randomUUID()}`, name: options.botName ?? BOT_NAME },
    user: {
      id: options.userId ?? newUserId(),
      name: options.userName ?? 'Camille Martin',
      aadObjectId: options.aadObjectId ?? randomUUID(),
    },
    locale: options.locale ?? 'fr-FR',
  };
}

/** A one-to-one chat between a user and the bot. */
export function personalChat(options: ChatOptions): TeamsChat {
  return {
    scope: 'personal',
    ...accounts(options),
    conversationId: options.conversationId ?? `a:1${base64Id(60)}`,
    team: undefined,
    channel: undefined,
  };
}

/** A group chat (several people and the bot, outside any team). */
export function groupChat(options: ChatOptions): TeamsChat {
  return {
    scope: 'groupChat',
    ...accounts(options),
    conversationId: options.conversationId ?? `19:${hexId(16)}@thread.v2`,
    team: undefined,
    channel: undefined,
  };
}

/**
 * A standard channel of a team. With `general`, the team's General channel, whose id is the team's. With `team`,
 * a channel of that team (another chat's), else of a new team.
 */
export function teamChannel(
  options: ChatOptions & { readonly general?: boolean; readonly channelName?: string; readonly team?: TeamsChat['team'] },
): TeamsChat {
  const team = options.team ?? { id: `19:${hexId(16)}@thread.tacv2`, name: 'DSI – Sécurité', aadGroupId: randomUUID() };
  const channelId = options.conversationId ?? (options.general ? team.id : `19:${hexId(16)}@thread.tacv2`);
  return {
    scope: 'channel',
    ...accounts(options),
    conversationId: channelId,
    team,
    channel: { id: channelId, name: options.channelName ?? (options.general ? 'General' : 'Certificats') },
  };
}

function conversationOf(chat: TeamsChat, id: string): TeamsActivity['conversation'] {
  return { id, conversationType: chat.scope, tenantId: chat.tenantId, isGroup: chat.scope !== 'personal' };
}

function channelDataOf(chat: TeamsChat): Record<string, unknown> {
  return {
    tenant: { id: chat.tenantId },
    ...(chat.team ? { team: { ...chat.team }, teamsTeamId: chat.team.id } : {}),
    ...(chat.channel ? { channel: { ...chat.channel }, teamsChannelId: chat.channel.id } : {}),
  };
}

function baseActivity(chat: TeamsChat, type: string, options: ActivityOptions, conversationId = chat.conversationId): TeamsActivity {
  const at = (options.timestamp ?? new Date()).toISOString();
  const locale = options.locale ?? chat.locale;
  const from = options.from ?? chat.user;
  const activity: TeamsActivity = {
    type,
    id: options.id ?? newMessageId(),
    timestamp: at,
    localTimestamp: at,
    localTimezone: 'Europe/Paris',
    channelId: 'msteams',
    serviceUrl: chat.serviceUrl,
    from: { id: from.id, name: from.name, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) },
    recipient: { id: chat.bot.id, name: chat.bot.name },
    conversation: conversationOf(chat, conversationId),
    channelData: channelDataOf(chat),
    locale,
    entities: [{ type: 'clientInfo', locale, country: locale.split('-')[1] ?? 'FR', platform: 'Web', timezone: 'Europe/Paris' }],
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
  };
  return activity;
}

/** The conversation id a channel message arrives with: the channel plus its thread's root message. */
function threadConversationId(chat: TeamsChat, messageId: string, threadId: string | undefined): string {
  return chat.scope === 'channel' ? `${chat.conversationId};messageid=${threadId ?? messageId}` : chat.conversationId;
}

/** A typed message. In group chats and channels it carries an @certibot mention unless `mention: false`. */
export function message(chat: TeamsChat, text: string, options: MessageOptions = {}): TeamsActivity {
  const id = options.id ?? newMessageId();
  const mention = options.mention ?? chat.scope !== 'personal';
  const mentionText = `<at>${chat.bot.name}</at>`;
  const activity = baseActivity(chat, 'message', { ...options, id }, threadConversationId(chat, id, options.threadId));
  return {
    ...activity,
    text: mention ? `${mentionText} ${text}` : text,
    textFormat: 'plain',
    entities: [
      ...activity.entities,
      ...(mention ? [{ type: 'mention', text: mentionText, mentioned: { id: chat.bot.id, name: chat.bot.name } }] : []),
    ],
  };
}

/**
 * A file sent in a chat, as Teams posts it: a `file.download.info` attachment whose downloadUrl is pre-authenticated
 * (for tests: a file hosted by the fake connector, see `FakeConnector.hostFile`).
 */
export function fileMessage(
  chat: TeamsChat,
  file: { readonly name: string; readonly downloadUrl: string; readonly fileType?: string },
  text = '',
  options: MessageOptions = {},
): TeamsActivity {
  const activity = message(chat, text, { mention: false, ...options });
  return {
    ...activity,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso.sharepoint.com/personal/files/${encodeURIComponent(file.name)}`,
        name: file.name,
        content: { downloadUrl: file.downloadUrl, uniqueId: randomUUID(), fileType: file.fileType ?? file.name.split('.').pop() },
      },
    ],
  };
}

/** What Teams posts when an Action.Submit button is clicked: a message with the button's data as `value`, no text. */
export function submitAction(chat: TeamsChat, value: unknown, options: MessageOptions = {}): TeamsActivity {
  const id = options.id ?? newMessageId();
  const activity = baseActivity(chat, 'message', { ...options, id }, threadConversationId(chat, id, options.threadId));
  return { ...activity, value, replyToId: options.replyToId ?? newMessageId() };
}

/** What Teams posts when an Action.Execute button is clicked: an `adaptiveCard/action` invoke. */
export function executeAction(
  chat: TeamsChat,
  action: { readonly verb: string; readonly data?: unknown },
  options: MessageOptions = {},
): TeamsActivity {
  const id = options.id ?? newMessageId();
  const activity = baseActivity(chat, 'invoke', { ...options, id }, threadConversationId(chat, id, options.threadId));
  return {
    ...activity,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} }, trigger: 'manual' },
    replyToId: options.replyToId ?? newMessageId(),
  };
}

/**
 * What a Teams client sends when a card's button is clicked: an `adaptiveCard/action` invoke for an Action.Execute,
 * a message with the button's data for an Action.Submit. Inputs a user filled in are merged into the data.
 */
export function click(
  chat: TeamsChat,
  button: { readonly type: string; readonly data: unknown; readonly verb?: string | undefined },
  inputs: Readonly<Record<string, unknown>> = {},
  options: MessageOptions = {},
): TeamsActivity {
  const data = { ...(button.data as Record<string, unknown>), ...inputs };
  if (button.type === 'Action.Execute') return executeAction(chat, { verb: button.verb ?? String(data.verb), data }, options);
  if (button.type === 'Action.Submit') return submitAction(chat, data, options);
  throw new Error(`a ${button.type} button sends nothing to the bot`);
}

/** The app was installed ("add") in, or removed ("remove") from, the conversation. */
export function installationUpdate(chat: TeamsChat, action: 'add' | 'remove', options: ActivityOptions = {}): TeamsActivity {
  const activity = baseActivity(chat, 'installationUpdate', options);
  return {
    ...activity,
    action,
    channelData: { ...activity.channelData, source: { name: 'message' } },
  };
}

/** The bot joined ("botAdded") or left ("botRemoved") the conversation's members. */
export function conversationUpdate(
  chat: TeamsChat,
  event: 'botAdded' | 'botRemoved',
  options: ActivityOptions = {},
): TeamsActivity {
  const activity = baseActivity(chat, 'conversationUpdate', options);
  const bot = { id: chat.bot.id };
  const eventType = event === 'botAdded' ? 'teamMemberAdded' : 'teamMemberRemoved';
  return {
    ...activity,
    ...(event === 'botAdded' ? { membersAdded: [bot] } : { membersRemoved: [bot] }),
    // Teams names the event only in teams; personal and group chats carry the tenant alone.
    channelData: { ...activity.channelData, ...(chat.team ? { eventType } : {}) },
  };
}

/**
 * Whether Teams hands an activity to the bot. In a channel or a group chat, a typed message (or a file) reaches the bot
 * only when it @mentions it — a reply in the bot's own thread without a mention never arrives; card actions (they
 * carry a `value`), invokes and conversation events always do. (Teams would deliver every channel message with the
 * RSC permission ChannelMessage.Read.Group, which certibot does not ask for.)
 */
export function teamsDelivers(activity: Pick<TeamsActivity, 'type' | 'conversation' | 'recipient' | 'entities' | 'value'>): boolean {
  if (activity.type !== 'message' || activity.conversation.conversationType === 'personal') return true;
  if (activity.value !== undefined && activity.value !== null) return true;
  return activity.entities.some((entity) => {
    const mentioned = entity.mentioned as { readonly id?: unknown } | undefined;
    return entity.type === 'mention' && mentioned?.id === activity.recipient.id;
  });
}

/** A copy of an activity without some of its fields, for malformed-input tests. */
export function without(activity: TeamsActivity, ...fields: ReadonlyArray<keyof TeamsActivity>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...activity };
  for (const field of fields) delete copy[field];
  return copy;
}
