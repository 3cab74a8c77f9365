import type { AdaptiveCard } from '../../cards/adaptive';
import { unreachableNoticeCard } from '../../cards/notice-card';
import { reminderCard, type ReminderView } from '../../cards/reminder-card';
import { displayDate, parisDate } from '../domain/calendar';
import { daysBetween } from '../domain/civil-date';
import type { Clock } from '../domain/clock';
import type { ConversationRecord, ConversationRepository } from '../domain/conversation';
import { localeFromTag, type Locale } from '../domain/locale';
import type { CertificateRecord } from '../domain/reminders/certificate';
import type { Delivery, SendOutcome } from '../domain/reminders/delivery';
import type { ReminderRepository } from '../domain/reminders/reminder-repository';
import type { ReminderSender } from '../domain/reminders/reminder-sender';
import { isNoticeKey } from '../domain/reminders/threshold-key';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { formatFiness } from '../domain/finess';
import { translator } from '../messages/translator';
import { unreachableReasonText } from '../messages/unreachable-reason';
import type { ConnectorClient } from './connector-client';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface TeamsReminderSenderDeps {
  readonly connector: ConnectorClient;
  readonly conversations: ConversationRepository;
  /** For owner notices: the certificates reminded both to the owner and to the conversation that refused. */
  readonly reminders: Pick<ReminderRepository, 'sharedCertificates'>;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
}

/**
 * The reminder card of a delivery as first posted, in a locale, as of a day. The expiry shown is the one the reminder
 * was planned for (its cycle): a card updated after a renewal still says what it was about.
 */
export function reminderViewOf(delivery: Delivery, certificate: CertificateRecord, locale: Locale, today: string): ReminderView {
  return {
    deliveryId: delivery.id,
    label: certificate.label,
    expiry: displayDate(delivery.expiryDate, locale),
    daysLeft: daysBetween(today, delivery.expiryDate),
    finess: certificate.finess ? formatFiness(certificate.finess) : undefined,
    usage: certificate.usage === 'MSSante' ? 'MSSanté' : certificate.usage === 'other' ? undefined : certificate.usage,
    state: { kind: 'active' },
  };
}

/**
 * Posts reminders to Teams: the personal chat of a person (in their language) or a channel / group chat (in the
 * default language), through the connector client, so that the dispatcher sees every 429, 5xx, 403 and 404 itself.
 */
export class TeamsReminderSender implements ReminderSender {
  constructor(private readonly deps: TeamsReminderSenderDeps) {}

  async send(delivery: Delivery, certificate: CertificateRecord): Promise<SendOutcome> {
    const conversation = await this.deps.conversations.get(delivery.conversationId);
    // The bot was removed from there (uninstall deletes the reference): nowhere to post until it is added again.
    if (!conversation) return { kind: 'unreachable', reason: 'ConversationUnknown' };
    const locale = await this.localeOf(conversation);
    const card = isNoticeKey(delivery.threshold)
      ? await this.noticeCard(delivery, certificate, locale)
      : reminderCard(reminderViewOf(delivery, certificate, locale, parisDate(this.deps.clock.now())), translator(locale));
    return this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, cardActivity(conversation, card));
  }

  /** "Reminders not delivered": the conversation that refused, why, and the certificates this owner shares with it. */
  private async noticeCard(delivery: Delivery, certificate: CertificateRecord, locale: Locale): Promise<AdaptiveCard> {
    const aboutId = delivery.aboutConversationId ?? '';
    const [about, shared] = await Promise.all([
      this.deps.conversations.get(aboutId),
      this.deps.reminders.sharedCertificates(delivery.conversationId, aboutId),
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

  private localeOf(conversation: ConversationRecord): Promise<Locale> {
    return conversationLocale(conversation, this.deps.users, this.deps.defaultLocale);
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
