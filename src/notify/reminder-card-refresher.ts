import { reminderCard, type ReminderView } from '../../cards/reminder-card';
import { displayDate, parisDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { ConversationRepository } from '../domain/conversation';
import type { Locale } from '../domain/locale';
import type { CertificateRecord } from '../domain/reminders/certificate';
import type { Delivery } from '../domain/reminders/delivery';
import type { CopyState, ReminderCardRefresher } from '../domain/reminders/reminder-sender';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { translator } from '../language/messages';
import type { ConnectorClient } from './connector-client';
import { conversationLocale, reminderViewOf } from './teams-reminder-sender';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface RefresherLogger {
  warn(fields: object, message: string): void;
}

export interface TeamsCardRefresherDeps {
  readonly connector: ConnectorClient;
  readonly conversations: ConversationRepository;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  readonly logger: RefresherLogger;
}

/**
 * Updates the copies of a reminder card in place (PUT on the activity), each in its conversation's language, after the
 * answer to the click has gone: the person who clicked is never kept waiting for other conversations. `idle()` waits
 * for the updates still running (shutdown, tests).
 */
export class TeamsCardRefresher implements ReminderCardRefresher {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: TeamsCardRefresherDeps) {}

  refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): void {
    for (const copy of copies) {
      if (!copy.activityId) continue;
      const work = this.update(copy, copy.activityId, certificate, state).finally(() => this.running.delete(work));
      this.running.add(work);
    }
  }

  /** Resolves once every update started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async update(copy: Delivery, activityId: string, certificate: CertificateRecord, state: CopyState): Promise<void> {
    try {
      const conversation = await this.deps.conversations.get(copy.conversationId);
      if (!conversation || conversation.unreachableReason) return;
      const locale = await conversationLocale(conversation, this.deps.users, this.deps.defaultLocale);
      const shown: ReminderView['state'] =
        state.kind === 'acknowledged'
          ? { kind: 'acknowledged', by: state.by, at: displayDate(parisDate(state.at), locale) }
          : state.kind === 'renewed'
            ? { kind: 'renewed', by: state.by, newExpiry: displayDate(state.newExpiry, locale) }
            : state;
      const view = reminderViewOf(copy, certificate, locale, parisDate(this.deps.clock.now()));
      const card = reminderCard({ ...view, state: shown }, translator(locale));
      const outcome = await this.deps.connector.update(conversation.serviceUrl, conversation.conversationId, activityId, {
        type: 'message',
        ...(conversation.reference.bot ? { from: conversation.reference.bot } : {}),
        summary: card.fallbackText,
        attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
      });
      if (outcome.kind !== 'sent') this.deps.logger.warn({ deliveryId: copy.id, outcome: outcome.kind }, 'reminder copy not updated');
    } catch (error) {
      this.deps.logger.warn({ deliveryId: copy.id, err: error }, 'reminder copy not updated');
    }
  }
}
