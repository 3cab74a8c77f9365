import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
  type InvokeResponse,
} from 'botbuilder';
import { z } from 'zod';
import { certificateAttachments } from '../certificates/fetch-attachment';
import type { Clock } from '../domain/clock';
import { conversationChanged, type ConversationRepository, type TurnSnapshotReader } from '../domain/conversation';
import { localeFromTag, resolveLocale, type Locale } from '../domain/locale';
import { unescapeMarkdown } from '../domain/user-text';
import { identityChanged, type UserPreferencesRepository } from '../domain/user-preferences';
import { t } from '../messages/translator';
import type { Logger } from '../logging/logging';
import { conversationKind, conversationRecordOf, baseConversationId, teamOf, tenantOf } from './conversation-reference';
import { welcome } from '../features/conversation/handlers';
import type { Router } from '../conversation/router';
import type { Reply, TurnOutcome, TurnRequest } from '../conversation/turn';
import type { SqlStateRepository } from '../store/state-store';
import { ownerOfStateKey } from './bot-storage';
import { dialogDocument, dialogStateKey, pendingDialogOf } from './dialog-state';
import { SnapshotsWithFallback } from './turn-snapshots';

export interface BotDeps {
  readonly router: Router;
  readonly users: UserPreferencesRepository;
  readonly conversations: ConversationRepository;
  /** What a turn reads before it is routed (conversation, person, pending dialog), in one statement. */
  readonly snapshots: TurnSnapshotReader;
  /** Where pending dialogs are written. */
  readonly dialogState: Pick<SqlStateRepository, 'write' | 'delete'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultLocale: Locale;
  /**
   * The bot was uninstalled or removed from a conversation — with `teamId`, from the whole team the conversation
   * belongs to (the composition root decides what is kept).
   */
  readonly conversationRemoved: (conversationId: string, at: Date, teamId: string | undefined) => Promise<void>;
  /** Entra tenants served, lower case; empty = every tenant. */
  readonly allowedTenantIds?: ReadonlySet<string>;
  /** Told of every turn once it is over (metrics). */
  readonly onTurn?: (summary: TurnSummary) => void;
}

/** One turn, as the bot logs it and metrics count it: never the text, never who. */
export interface TurnSummary {
  readonly activityType: string;
  /** The intent, verb or event that answered; 'failed' when the turn threw. */
  readonly handledAs: string;
  readonly seconds: number;
}

/** What a turn from a tenant that is not allowed was handled as. */
export const TENANT_REFUSED = 'tenant.refused';

/** Key under which a turn's correlation id and logger ride on the TurnContext. */
export const TURN_LOGGER = Symbol('certibot.turnLogger');
export const TURN_ID = Symbol('certibot.turnId');

/**
 * The turn's logger, whose lines carry the turn's correlation id; made on first use, because most turns write only
 * their summary line and a pino child runs the redaction rules over its bindings each time it is made.
 */
export function turnLogger(context: TurnContext, parent: Logger): Logger {
  let log = context.turnState.get(TURN_LOGGER) as Logger | undefined;
  if (!log) {
    log = parent.child({ cid: (context.turnState.get(TURN_ID) as string | undefined) ?? 'n/a' });
    context.turnState.set(TURN_LOGGER, log);
  }
  return log;
}

/**
 * The value of an `adaptiveCard/action` invoke (Universal Actions): an Action.Execute with a verb and, when any, an
 * object of data. botbuilder reads `value.action.type` unchecked, and certibot routes on the data.
 */
const executeActionValueSchema = z
  .object({
    action: z
      .object({
        type: z.literal('Action.Execute'),
        // A refinement rather than min/max, which zod also runs on a verb that is not a string.
        verb: z.string().refine((verb) => verb.length > 0 && verb.length <= 256),
        data: z.record(z.string(), z.unknown()).optional(),
      })
      .passthrough(),
  })
  .passthrough();

/** Whether the connector refused a send as above Teams' message size limit (botbuilder's RestError carries the status). */
function isTooBig(error: unknown): boolean {
  const failure = error as { statusCode?: unknown; code?: unknown } | null;
  return typeof failure === 'object' && failure !== null && (failure.statusCode === 413 || failure.code === 'MessageSizeTooBig');
}

/** The Bot Framework activity for one of certibot's replies. */
export function activityOf(reply: Reply): Partial<Activity> {
  if (reply.kind === 'text') return { ...MessageFactory.text(reply.text), textFormat: 'markdown' };
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  return reply.card.fallbackText ? { ...activity, summary: reply.card.fallbackText.slice(0, 200) } : activity;
}

/**
 * The Teams edge: turns activities into edge-neutral requests for the router, keeps conversation references up to
 * date, and sends the router's replies. The only class here that knows the Bot Framework's activity handler.
 */
export class CertibotBot extends TeamsActivityHandler {
  private readonly snapshots: SnapshotsWithFallback;

  constructor(private readonly deps: BotDeps) {
    super();
    this.snapshots = new SnapshotsWithFallback(deps.snapshots);

    this.onMessage(async (context, next) => {
      const outcome = await this.handleRequest(context, context.activity.value);
      const replies = [...outcome.replies];
      // An Action.Submit (old clients' fallback) can only be answered by a message: its refusal is said in a personal
      // chat, never to a whole channel or group chat. A typed message is public already: its refusal is its answer.
      const clicked = context.activity.value !== undefined && context.activity.value !== null && !context.activity.text;
      if (outcome.refusal !== undefined && (!clicked || conversationKind(context.activity) === 'personal')) replies.push({ kind: 'text', text: outcome.refusal });
      await this.reply(context, replies);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.handleAdded(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.handleRemoved(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id === botId)) await this.handleAdded(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersRemoved?.some((member) => member.id === botId)) await this.handleRemoved(context);
      await next();
    });
  }

  /**
   * Wraps every turn with its correlation id, a child logger and one summary line at info level. An activity from a
   * tenant that is not allowed is refused here, before anything about its conversation or its sender is read or saved.
   */
  override async run(context: TurnContext): Promise<void> {
    const turnId = context.activity.id && /^[\w:.-]{1,64}$/.test(context.activity.id) ? context.activity.id : randomUUID();
    context.turnState.set(TURN_ID, turnId);
    const started = process.hrtime.bigint();
    let handledAs: string | undefined = 'failed';
    try {
      if (this.tenantAllowed(context.activity)) {
        await super.run(context);
      } else {
        context.turnState.set('certibot.handledAs', TENANT_REFUSED);
        await this.refuseTenant(context);
      }
      handledAs = context.turnState.get('certibot.handledAs') as string | undefined;
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const refusedTenant = handledAs === TENANT_REFUSED ? { tenant: tenantOf(context.activity) ?? 'none' } : {};
      this.deps.logger.info({ cid: turnId, activityType: context.activity.type, conversationKind: conversationKind(context.activity), handledAs, ms, ...refusedTenant }, 'turn');
      this.deps.onTurn?.({ activityType: String(context.activity.type), handledAs: handledAs ?? 'unhandled', seconds: ms / 1000 });
    }
  }

  private tenantAllowed(activity: Partial<Activity>): boolean {
    const allowed = this.deps.allowedTenantIds;
    if (!allowed || allowed.size === 0) return true;
    const tenant = tenantOf(activity)?.toLowerCase();
    return tenant !== undefined && allowed.has(tenant);
  }

  /**
   * One polite refusal, where a person is waiting for an answer: a message, a card click (to the clicker alone), the
   * bot being installed. Other activities (typing, reactions, membership) get nothing. Nothing is read or stored.
   */
  private async refuseTenant(context: TurnContext): Promise<void> {
    const { activity } = context;
    const text = t(localeFromTag(activity.locale) ?? this.deps.defaultLocale, 'tenant.refused');
    if (activity.type === 'message' || (activity.type === 'installationUpdate' && activity.action === 'add')) {
      await context.sendActivity(MessageFactory.text(text));
    } else if (activity.type === 'invoke') {
      const body = activity.name === 'adaptiveCard/action'
        ? { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: unescapeMarkdown(text) } }
        : undefined;
      const response: InvokeResponse = body ? { status: StatusCodes.OK, body } : { status: 403 };
      await context.sendActivity({ type: 'invokeResponse', value: response });
    }
  }

  /**
   * Invokes: certibot answers Universal Actions only. Other names get botbuilder's 501 for what a bot does not
   * implement, without running botbuilder's handlers for them, which read values nobody checked. An Action.Execute
   * it cannot read gets the Universal Actions error, which Teams shows to the clicker. Teams reads a Universal
   * Actions answer from the body (its own statusCode: the card, or an error for the clicker) and wants HTTP 200 for
   * it; botbuilder would put the body's statusCode on the HTTP answer.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') {
      context.turnState.set('certibot.handledAs', 'invoke.unsupported');
      return { status: StatusCodes.NOT_IMPLEMENTED };
    }
    if (!executeActionValueSchema.safeParse(context.activity.value).success) {
      context.turnState.set('certibot.handledAs', 'action.malformed');
      const saved = await this.deps.users.getLocale(context.activity.from.id);
      const locale = resolveLocale(saved, context.activity.locale, this.deps.defaultLocale);
      const error = { code: 'BadRequest', message: unescapeMarkdown(t(locale, 'input.malformedAction')) };
      return { status: StatusCodes.OK, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: error } };
    }
    const response = await super.onInvokeActivity(context);
    const body = response.body as { statusCode?: unknown } | undefined;
    return typeof body?.statusCode === 'number' ? { status: StatusCodes.OK, body } : response;
  }

  /** Universal Actions (Action.Execute): the same verbs as Action.Submit, answered through the same router. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const outcome = await this.handleRequest(context, invokeValue?.action?.data ?? null, { invoke: true });
    // A refused action is told to the clicker alone, as the Universal Actions error; the card stays as it was.
    if (outcome.refusal !== undefined) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: unescapeMarkdown(outcome.refusal) } as never };
    }
    // The first card replaces the one that was clicked; everything else is posted as messages.
    const replacement = outcome.replies.find((reply) => reply.kind === 'card');
    const others = outcome.replies.filter((reply) => reply !== replacement);
    // What the click did is stored by now: a connector that refuses the messages posted with it must not fail the
    // invoke, or Teams shows an error and the person clicks again (a second answer relayed, a second request). The
    // texts are then told to the clicker in the answer itself.
    let untold: string | undefined;
    try {
      await this.reply(context, others);
    } catch (error) {
      turnLogger(context, this.deps.logger).warn({ err: error, handledAs: context.turnState.get('certibot.handledAs') as string | undefined }, 'the replies of a click could not be posted; told in the invoke answer');
      untold = others.flatMap((reply) => (reply.kind === 'text' ? [unescapeMarkdown(reply.text)] : [])).join('\n');
    }
    if (replacement?.kind === 'card') {
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: replacement.card as never };
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: (untold ?? '') as never };
  }

  /**
   * Posts replies in the turn's conversation. Teams refuses a message above its size limit (413 MessageSizeTooBig)
   * and posts nothing: that is certibot's bug (a list that should have been paged), so it is logged as an error with
   * the sizes, and the user is told in a few words rather than given the generic error.
   */
  private async reply(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    if (replies.length === 0) return;
    const activities = replies.map(activityOf);
    try {
      await context.sendActivities(activities);
    } catch (error) {
      if (!isTooBig(error)) throw error;
      turnLogger(context, this.deps.logger).error(
        {
          err: error,
          handledAs: context.turnState.get('certibot.handledAs') as string | undefined,
          bytes: activities.map((activity) => Buffer.byteLength(JSON.stringify(activity))),
        },
        'BUG: Teams refused a reply as too big (413 MessageSizeTooBig); the card must be paged',
      );
      const saved = await this.deps.users.getLocale(context.activity.from?.id ?? '');
      const locale = resolveLocale(saved, context.activity.locale, this.deps.defaultLocale);
      const ref = ((context.turnState.get(TURN_ID) as string | undefined) ?? '').slice(0, 12);
      await context.sendActivity(activityOf({ kind: 'text', text: t(locale, 'error.tooBig', { ref }) }));
    }
  }

  /**
   * One message or card action. A turn that changes nothing writes nothing: the conversation reference is saved only
   * when it changed, the person only when their identity did, the pending dialog only when the router changed it.
   */
  private async handleRequest(
    context: TurnContext,
    actionPayload: unknown,
    options: { invoke?: boolean } = {},
  ): Promise<TurnOutcome> {
    const { activity } = context;
    const now = this.deps.clock.now();
    const record = conversationRecordOf(activity, now);
    const userId = activity.from?.id ?? '';
    const dialogKey = dialogStateKey(activity);
    const read = await this.snapshots.read({ conversationId: record.conversationId, userId, dialogKey });
    const log = (): Logger => turnLogger(context, this.deps.logger);
    if (!read.fresh) log().warn({ err: read.error }, 'turn snapshot unreadable: answering from what is known');
    if (!read.fresh || conversationChanged(read.snapshot.conversation, record)) {
      // Best effort: the answer does not depend on it, and the next turn tries again while it differs.
      await this.deps.conversations.save(record).catch((error: unknown) => log().warn({ err: error }, 'conversation reference not saved'));
    }

    const tenantId = tenantOf(activity);
    // A card click carries no text, and botbuilder cannot strip a mention from a text that is not there.
    const text = options.invoke || activity.text === undefined ? undefined : TurnContext.removeRecipientMention(activity)?.trim();
    const request: TurnRequest = {
      userId,
      ...(activity.from?.aadObjectId ? { userAadId: activity.from.aadObjectId } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(activity.from?.name ? { userName: activity.from.name } : {}),
      conversationId: baseConversationId(activity.conversation?.id ?? ''),
      conversationKind: conversationKind(activity),
      clientLocale: activity.locale,
      text: text === undefined || text === '' ? undefined : text,
      actionPayload: text ? undefined : actionPayload ?? undefined,
      ...(!text && activity.replyToId ? { replyToId: activity.replyToId } : {}),
      attachments: options.invoke ? [] : certificateAttachments(activity.attachments),
      serviceUrl: activity.serviceUrl,
      now,
    };
    const { person, dialogDocument: stored } = read.snapshot;
    // The same person in their personal chat (Teams id) and in a tab (Entra id and tenant), as the personal chat's
    // record already knows them; written only when it changed. People met only in channels are not recorded.
    const identity = { userId, aadObjectId: activity.from?.aadObjectId, tenantId };
    if (read.fresh && userId && request.conversationKind === 'personal' && identityChanged(person, identity)) await this.deps.users.identify(identity, now);
    const outcome = await this.deps.router.route(request, person?.locale, pendingDialogOf(stored));
    context.turnState.set('certibot.handledAs', outcome.handledAs);
    if (dialogKey !== undefined && outcome.dialog === null && stored !== undefined) {
      await this.deps.dialogState.delete([dialogKey]);
    } else if (dialogKey !== undefined && outcome.dialog) {
      await this.deps.dialogState.write(dialogKey, ownerOfStateKey(dialogKey), dialogDocument(outcome.dialog), undefined, now);
    }
    return outcome;
  }

  private async handleAdded(context: TurnContext): Promise<void> {
    const { activity } = context;
    const created = await this.deps.conversations.register(conversationRecordOf(activity, this.deps.clock.now()));
    context.turnState.set('certibot.handledAs', created ? 'installed' : 'installed.again');
    if (!created) return;
    const locale = localeFromTag(activity.locale) ?? this.deps.defaultLocale;
    const scope = conversationKind(activity) === 'personal' ? 'personal' : 'team';
    await this.reply(context, welcome(locale, scope).replies);
  }

  private async handleRemoved(context: TurnContext): Promise<void> {
    // In a team, certibot is installed (and removed) for the whole team, whichever channel the event names.
    const teamId = conversationKind(context.activity) === 'channel' ? teamOf(context.activity) : undefined;
    await this.deps.conversationRemoved(baseConversationId(context.activity.conversation?.id ?? ''), this.deps.clock.now(), teamId);
    context.turnState.set('certibot.handledAs', 'uninstalled');
  }
}
