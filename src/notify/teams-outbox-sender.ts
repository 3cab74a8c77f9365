import type { AdaptiveCard } from '../../cards/adaptive';
import { unreachableNoticeCard } from '../../cards/notice-card';
import { reminderCard, type ReminderView } from '../../cards/reminder-card';
import { displayDate, parisDate } from '../domain/calendar';
import { daysBetween } from '../domain/civil-date';
import type { Clock } from '../domain/clock';
import type { ConversationKind, ConversationRecord, ConversationRepository } from '../domain/conversation';
import { formatFiness } from '../domain/finess';
import { localeFromTag, type Locale } from '../domain/locale';
import type { OutboxSender } from '../domain/outbox/outbox';
import type { CardState, MessageSpec, OutboxItem, SendOutcome } from '../domain/outbox/outbox-item';
import type { CertificateRecord } from '../domain/reminders/certificate';
import { isOwner, ownerIds } from '../domain/reminders/ownership';
import type { CertificateRegister, RegisteredCertificate } from '../domain/reminders/reminder-repository';
import type { Identity, UserPreferencesRepository } from '../domain/user-preferences';
import type { CertificatesTabLink } from '../domain/tab-link';
import { catalogs, translator, type MessageKey } from '../messages/translator';
import { unreachableReasonText } from '../messages/unreachable-reason';
import { MESSAGE_TOO_BIG, type ConnectorClient } from './connector-client';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface TeamsOutboxSenderDeps {
  readonly connector: ConnectorClient;
  readonly conversations: ConversationRepository;
  /** The certificate a reminder is about, the reminder a card update replaces, what a notice lists. */
  readonly register: Pick<CertificateRegister, 'get' | 'getDelivery' | 'sharedCertificates'>;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  /** The escalation's items: ticket cards, thread lines, relays to requesters, e-mails. */
  readonly tickets: { send(item: Extract<OutboxItem, { kind: 'ticket-card' | 'ticket-thread' | 'ticket-relay' | 'email' }>): Promise<SendOutcome> };
  /** « Ouvrir dans Mes certificats » on reminder cards. */
  readonly tabLink?: CertificatesTabLink;
  /** Where a card Teams refused as too big is reported: that is a bug to fix, not a delivery problem. */
  readonly logger?: { error(fields: object, message: string): void };
}

/** Whom a reminder card is rendered for: the message everyone in its conversation sees, or one person's own view. */
export interface ReminderAudience {
  readonly conversationKind: ConversationKind;
  /** The person whose own view this is (a click's answer, a refresh); undefined for the message everyone sees. */
  readonly viewer?: Pick<Identity, 'userId' | 'tenantId'> | undefined;
}

/**
 * The reminder card of a reminder as first posted, in a locale, as of a day, for an audience. The expiry shown is the
 * one the reminder was planned for (its cycle): a card updated after a renewal still says what it was about. In a
 * channel or group chat only the owners' own views offer « Arrêter » (the owners and the acknowledger fetch theirs).
 */
export function reminderViewOf(
  reminder: { readonly id: string; readonly expiryDate: string; readonly acknowledgedBy?: string | undefined },
  registered: RegisteredCertificate,
  locale: Locale,
  today: string,
  audience: ReminderAudience,
  tabLink?: CertificatesTabLink,
): ReminderView {
  const { certificate } = registered;
  const personal = audience.conversationKind === 'personal';
  const ownViewsFor = personal ? [] : [...new Set([...ownerIds(registered), ...(reminder.acknowledgedBy ? [reminder.acknowledgedBy] : [])])];
  return {
    openInTab: tabLink?.(certificate.id),
    deliveryId: reminder.id,
    certificateId: certificate.id,
    label: certificate.label,
    expiry: displayDate(reminder.expiryDate, locale),
    daysLeft: daysBetween(today, reminder.expiryDate),
    finess: certificate.finess ? formatFiness(certificate.finess) : undefined,
    usage: certificate.usage === 'MSSante' ? 'MSSanté' : certificate.usage === 'other' ? undefined : certificate.usage,
    state: { kind: 'active' },
    canStop: personal || (audience.viewer !== undefined && isOwner(registered, audience.viewer)),
    ownViewsFor,
  };
}

/** What a card update shows, in the reader's language. */
function shownState(state: CardState, locale: Locale): ReminderView['state'] {
  switch (state.kind) {
    case 'acknowledged':
      return { kind: 'acknowledged', by: state.by, at: displayDate(parisDate(new Date(state.at)), locale) };
    case 'renewed':
      return { kind: 'renewed', by: state.by, newExpiry: displayDate(state.newExpiry, locale) };
    case 'snoozed':
      return { kind: 'snoozed', by: state.by, until: displayDate(state.until, locale) };
    case 'stopped':
      return state;
  }
}

const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(catalogs.fr, key);

/**
 * Sends outbox items to Teams through the connector client, one HTTP request per attempt, so that the dispatcher
 * sees every 429, 5xx, 403 and 404 itself. Each item is rendered at send time, in its conversation's language: a
 * person's choice in their personal chat, the default language in channels and group chats.
 */
export class TeamsOutboxSender implements OutboxSender {
  constructor(private readonly deps: TeamsOutboxSenderDeps) {}

  async send(item: OutboxItem): Promise<SendOutcome> {
    const isTicket = item.kind === 'ticket-card' || item.kind === 'ticket-thread' || item.kind === 'ticket-relay' || item.kind === 'email';
    const outcome = isTicket ? await this.deps.tickets.send(item) : await this.render(item);
    if (outcome.kind === 'failed' && outcome.reason === MESSAGE_TOO_BIG) {
      this.deps.logger?.error(
        { itemId: item.id, kind: item.kind, topic: item.topic, target: item.target },
        'BUG: Teams refused an outbox item as too big (413 MessageSizeTooBig); its card must be made smaller',
      );
    }
    return outcome;
  }

  /** Renders the item in its conversation's language and sends it. */
  private async render(item: OutboxItem): Promise<SendOutcome> {
    const conversation = await this.deps.conversations.get(item.target);
    if (!conversation) {
      // The bot was removed from there (uninstall deletes the reference): for a reminder, the conversation is to be
      // marked; what only accompanied a click or a turn is just dropped.
      return item.kind === 'reminder' || item.kind === 'owner-notice'
        ? { kind: 'unreachable', reason: 'ConversationUnknown' }
        : { kind: 'failed', reason: 'ConversationUnknown' };
    }
    const locale = await conversationLocale(conversation, this.deps.users, this.deps.defaultLocale);
    switch (item.kind) {
      case 'reminder': {
        const registered = await this.deps.register.get(item.topic);
        if (!registered) return { kind: 'failed', reason: 'CertificateGone' };
        const view = reminderViewOf({ id: item.id, expiryDate: item.cycle }, registered, locale, parisDate(this.deps.clock.now()), { conversationKind: conversation.kind }, this.deps.tabLink);
        return this.post(conversation, reminderCard(view, translator(locale)));
      }
      case 'owner-notice': {
        const certificate = (await this.deps.register.get(item.topic))?.certificate;
        if (!certificate) return { kind: 'failed', reason: 'CertificateGone' };
        return this.post(conversation, await this.noticeCard(item.target, item.payload.about, certificate, locale));
      }
      case 'card-update':
        return this.updateCard(conversation, item.topic, item.payload, locale);
      case 'message':
        return this.postText(conversation, item.payload.text, locale);
      default:
        // The escalation's kinds go to its own sender (send() routes them there).
        return { kind: 'failed', reason: 'UnroutedKind' };
    }
  }

  /** Replaces a posted reminder card. A refusal is the message's (deleted, too old), never the conversation's. */
  private async updateCard(
    conversation: ConversationRecord,
    certificateId: string,
    update: { readonly itemId: string; readonly activityId: string; readonly state: CardState },
    locale: Locale,
  ): Promise<SendOutcome> {
    const [reminder, registered] = await Promise.all([this.deps.register.getDelivery(update.itemId), this.deps.register.get(certificateId)]);
    if (!reminder || !registered) return { kind: 'failed', reason: 'CertificateGone' };
    const view = reminderViewOf(reminder, registered, locale, parisDate(this.deps.clock.now()), { conversationKind: conversation.kind }, this.deps.tabLink);
    const card = reminderCard({ ...view, state: shownState(update.state, locale) }, translator(locale));
    const outcome = await this.deps.connector.update(conversation.serviceUrl, conversation.conversationId, update.activityId, cardActivity(conversation, card));
    return outcome.kind === 'unreachable' ? { kind: 'failed', reason: outcome.reason } : outcome;
  }

  private postText(conversation: ConversationRecord, message: MessageSpec, locale: Locale): Promise<SendOutcome> {
    if (!isMessageKey(message.key)) return Promise.resolve({ kind: 'failed', reason: 'UnknownMessage' });
    const dates = Object.fromEntries(Object.entries(message.dates ?? {}).map(([name, date]) => [name, displayDate(date, locale)]));
    return this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, {
      type: 'message',
      ...(conversation.reference.bot ? { from: conversation.reference.bot } : {}),
      text: translator(locale)(message.key, { ...message.params, ...dates }),
      textFormat: 'markdown',
    });
  }

  private post(conversation: ConversationRecord, card: AdaptiveCard): Promise<SendOutcome> {
    return this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, cardActivity(conversation, card));
  }

  /** "Reminders not delivered": the conversation that refused, why, and the certificates this owner shares with it. */
  private async noticeCard(recipientId: string, aboutId: string, certificate: CertificateRecord, locale: Locale): Promise<AdaptiveCard> {
    const [about, shared] = await Promise.all([
      this.deps.conversations.get(aboutId),
      this.deps.register.sharedCertificates(recipientId, aboutId),
    ]);
    const certificates = shared.length > 0 ? shared : [certificate];
    const tr = translator(locale);
    return unreachableNoticeCard(
      {
        where: about?.kind,
        reason: unreachableReasonText(about?.unreachableReason ?? 'ConversationUnknown', tr),
        certificates: certificates.map((c) => ({ id: c.id, label: c.label, expiry: displayDate(c.expiryDate, locale) })),
      },
      tr,
    );
  }
}

/** A message activity carrying one Adaptive Card, from the bot as the conversation knows it. */
export function cardActivity(conversation: ConversationRecord, card: AdaptiveCard): object {
  return {
    type: 'message',
    ...(conversation.reference.bot ? { from: conversation.reference.bot } : {}),
    summary: card.fallbackText,
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
  };
}

/** The language to write in a conversation: its person's choice, their Teams language, else the default. */
export async function conversationLocale(conversation: ConversationRecord, users: UserPreferencesRepository, defaultLocale: Locale): Promise<Locale> {
  const saved = conversation.userId ? await users.getLocale(conversation.userId) : undefined;
  const tag = typeof conversation.reference.locale === 'string' ? conversation.reference.locale : undefined;
  return saved ?? (conversation.kind === 'personal' ? localeFromTag(tag) : undefined) ?? defaultLocale;
}
