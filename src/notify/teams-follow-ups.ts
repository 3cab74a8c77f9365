import { reminderCard, type ReminderView } from '../../cards/reminder-card';
import { displayDate, parisDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { ConversationRecord, ConversationRepository } from '../domain/conversation';
import type { Locale } from '../domain/locale';
import type { CertificateRecord } from '../domain/reminders/certificate';
import type { Delivery, SendOutcome } from '../domain/reminders/delivery';
import type { CopyState, Messenger, ReminderCardRefresher } from '../domain/reminders/reminder-sender';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { translator } from '../messages/translator';
import type { ConnectorClient } from './connector-client';
import { cardActivity, conversationLocale, reminderViewOf } from './teams-reminder-sender';

export interface FollowUpLogger {
  warn(fields: object, message: string): void;
}

export interface TeamsFollowUpsDeps {
  readonly connector: ConnectorClient;
  readonly conversations: ConversationRepository;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  readonly logger: FollowUpLogger;
}

/**
 * What a click changes in other conversations, posted after the click has been answered so that its author never
 * waits for them: the copies of a reminder card updated in place (acknowledged, stopped, renewed), and courtesy
 * messages ("you were added as an owner"). Each is written in its conversation's language. Best effort: one attempt,
 * logged when it fails, never retried — the database, not the card or the message, is the record. `idle()` waits for
 * what is still running (shutdown, tests).
 */
export class TeamsFollowUps implements ReminderCardRefresher, Messenger {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: TeamsFollowUpsDeps) {}

  refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): void {
    for (const copy of copies) {
      const { activityId } = copy;
      if (!activityId) continue;
      this.start(copy.conversationId, { deliveryId: copy.id }, 'reminder copy not updated', (conversation, locale) => {
        const shown: ReminderView['state'] =
          state.kind === 'acknowledged'
            ? { kind: 'acknowledged', by: state.by, at: displayDate(parisDate(state.at), locale) }
            : state.kind === 'renewed'
              ? { kind: 'renewed', by: state.by, newExpiry: displayDate(state.newExpiry, locale) }
              : state;
        const view = reminderViewOf(copy, certificate, locale, parisDate(this.deps.clock.now()));
        const card = reminderCard({ ...view, state: shown }, translator(locale));
        return this.deps.connector.update(conversation.serviceUrl, conversation.conversationId, activityId, cardActivity(conversation, card));
      });
    }
  }

  post(conversationId: string, textIn: (locale: Locale) => string): void {
    this.start(conversationId, {}, 'courtesy message not delivered', (conversation, locale) =>
      this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, {
        type: 'message',
        ...(conversation.reference.bot ? { from: conversation.reference.bot } : {}),
        text: textIn(locale),
        textFormat: 'markdown',
      }),
    );
  }

  /** Resolves once every follow-up started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Runs one follow-up in the background, in a conversation that can be reached; a failure is only logged. */
  private start(
    conversationId: string,
    fields: object,
    failure: string,
    write: (conversation: ConversationRecord, locale: Locale) => Promise<SendOutcome>,
  ): void {
    const work = (async () => {
      try {
        const conversation = await this.deps.conversations.get(conversationId);
        if (!conversation || conversation.unreachableReason) return;
        const outcome = await write(conversation, await conversationLocale(conversation, this.deps.users, this.deps.defaultLocale));
        if (outcome.kind !== 'sent') this.deps.logger.warn({ ...fields, outcome: outcome.kind }, failure);
      } catch (error) {
        this.deps.logger.warn({ ...fields, err: error }, failure);
      }
    })().finally(() => this.running.delete(work));
    this.running.add(work);
  }
}
