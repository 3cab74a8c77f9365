import type { Feature } from '../../conversation/feature';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import type { UserPreferencesRepository } from '../../domain/user-preferences';
import { createConversationHandlers } from './handlers';

export interface ConversationFeatureDeps {
  readonly users: UserPreferencesRepository;
  readonly conversations: ConversationRepository;
  /** Pending dialogs (bot state), kept per user. */
  readonly dialogState: { countForOwner(userId: string): Promise<number>; deleteForOwner(userId: string): Promise<number> };
  readonly clock: Clock;
}

/** Greeting, help, language; and what every conversation keeps: the person, their chats, their pending dialogs. */
export function conversationFeature(deps: ConversationFeatureDeps): Feature {
  const { intents, verbs } = createConversationHandlers({ users: deps.users, clock: deps.clock });
  return {
    name: 'conversation',
    intents,
    verbs,
    personalData: [
      {
        category: 'preferences',
        count: async (id) => ((await deps.users.exists(id)) ? 1 : 0),
        erase: async (id) => ((await deps.users.remove(id)) ? 1 : 0),
      },
      { category: 'conversations', count: (id) => deps.conversations.countForUser(id), erase: (id) => deps.conversations.removeForUser(id) },
      { category: 'conversationState', count: (id) => deps.dialogState.countForOwner(id), erase: (id) => deps.dialogState.deleteForOwner(id) },
    ],
  };
}
