import { randomUUID } from 'node:crypto';
import type { ConversationRecord } from '../../src/domain/conversation';
import { DEFAULT_DELIVERY, DEFAULT_THRESHOLDS, type CertificateRecord } from '../../src/domain/reminders/certificate';
import { parisInstant } from '../../src/domain/civil-date';
import type { NewReminderTarget } from '../../src/domain/reminders/reminder-repository';

/** Ids unique to one test. */
export const unique = (label: string): string => `${label}-${randomUUID()}`;

/** `hour`:00 Paris time on a date: how reminder instants are written in these tests. */
export const paris = (isoDate: string, hour = 9): Date => parisInstant(isoDate, hour);

export const DAY_MS = 86_400_000;
export const later = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

/** A certificate expiring on 2026-11-26 (a Thursday) with the default schedule, registered well before. */
export function certificate(overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  const registered = new Date('2026-01-05T10:00:00.000Z');
  return {
    id: unique('cert'),
    label: 'MSSanté – site de Nîmes',
    finess: '300780038',
    corridor: 'hopital',
    structure: 'public',
    scope: 'geographique',
    usage: 'MSSante',
    expiryDate: '2026-11-26',
    thresholds: DEFAULT_THRESHOLDS,
    weeklyAfterExpiry: true,
    delivery: DEFAULT_DELIVERY,
    createdBy: '29:alice',
    createdAt: registered,
    updatedAt: registered,
    ...overrides,
  };
}

export function personalTarget(userId: string, conversationId = unique('a:personal')): NewReminderTarget {
  return { conversationId, kind: 'personal', userId };
}

export function channelTarget(conversationId = unique('19:channel')): NewReminderTarget {
  return { conversationId, kind: 'channel', userId: undefined };
}

/** A conversation record as the bot saves it when someone speaks there. */
export function conversation(conversationId: string, at: Date, kind: ConversationRecord['kind'] = 'personal'): Omit<ConversationRecord, 'unreachableReason'> {
  return {
    conversationId,
    kind,
    tenantId: 'tenant-1',
    teamId: undefined,
    channelId: undefined,
    userId: undefined,
    serviceUrl: 'https://smba.trafficmanager.net/fr/',
    reference: { conversation: { id: conversationId } },
    updatedAt: at,
  };
}
