import type { TurnRequest } from '../../src/conversation/turn';

/** When the unit tests' turns happen. */
export const NOW = new Date('2025-03-01T09:00:00.000Z');

/** A typed-nothing request from Alice in her personal chat, at NOW; tests override what they are about. */
export function turnRequest(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return {
    userId: '29:alice',
    conversationId: 'a:conv',
    conversationKind: 'personal',
    clientLocale: undefined,
    text: undefined,
    actionPayload: undefined,
    now: NOW,
    ...overrides,
  };
}
