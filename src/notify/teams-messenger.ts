import type { Clock } from '../domain/clock';
import type { ConversationRepository } from '../domain/conversation';
import type { Locale } from '../domain/locale';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import type { ConnectorClient } from './connector-client';
import { conversationLocale } from './teams-reminder-sender';

export interface MessengerLogger {
  warn(fields: object, message: string): void;
}

export interface TeamsMessengerDeps {
  readonly connector: ConnectorClient;
  readonly conversations: ConversationRepository;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  readonly logger: MessengerLogger;
}

/**
 * A courtesy message to another conversation (e.g. "you were added as an owner"), written in that conversation's
 * language and posted after the turn that caused it has answered. Best effort: logged when it fails, never retried —
 * what it tells is already recorded and shown wherever the person looks. `idle()` waits for the posts still running.
 */
export class TeamsMessenger {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: TeamsMessengerDeps) {}

  post(conversationId: string, textIn: (locale: Locale) => string): void {
    const work = this.send(conversationId, textIn).finally(() => this.running.delete(work));
    this.running.add(work);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async send(conversationId: string, textIn: (locale: Locale) => string): Promise<void> {
    try {
      const conversation = await this.deps.conversations.get(conversationId);
      if (!conversation || conversation.unreachableReason) return;
      const locale = await conversationLocale(conversation, this.deps.users, this.deps.defaultLocale);
      const outcome = await this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, {
        type: 'message',
        ...(conversation.reference.bot ? { from: conversation.reference.bot } : {}),
        text: textIn(locale),
        textFormat: 'markdown',
      });
      if (outcome.kind !== 'sent') this.deps.logger.warn({ outcome: outcome.kind }, 'courtesy message not delivered');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'courtesy message not delivered');
    }
  }
}
