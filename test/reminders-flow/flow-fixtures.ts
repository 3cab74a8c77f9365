import { randomUUID } from 'node:crypto';
import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { NewReminderTarget } from '../../src/domain/reminders/reminder-repository';
import type { TeamsChat } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/** The certificate these flows remind of: MSSanté for the Nîmes site, expiring on 15 March 2027, default schedule. */
export function nimesCertificate(createdBy: string, at: Date, overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id: randomUUID(),
    label: 'MSSanté – site de Nîmes',
    finess: '010780914',
    corridor: 'hopital',
    structure: 'public',
    scope: 'juridique',
    usage: 'MSSante',
    expiryDate: '2027-03-15',
    thresholds: [90, 60, 30, 14, 7, 1, 0],
    weeklyAfterExpiry: true,
    delivery: { hour: 9, workingDaysOnly: false },
    createdBy,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A chat as a reminder target: a person's own chat (they own the certificate), or a channel / group chat. */
export function targetOf(chat: TeamsChat): NewReminderTarget {
  return chat.scope === 'personal'
    ? { conversationId: chat.conversationId, kind: 'personal', userId: chat.user.id }
    : { conversationId: chat.conversationId, kind: chat.scope, userId: undefined };
}

/**
 * A fresh bot for one test, on a test clock starting at `start`, its reminder timer out of the way (tests tick): its
 * send-rate buckets follow the test clock, which each test moves on its own.
 */
export async function startReminderBot(start: Date): Promise<{ harness: BotHarness; clock: TestClock }> {
  const clock = new TestClock(start);
  return { harness: await BotHarness.start({ clock, env: { REMINDER_TICK_SECONDS: '3600' } }), clock };
}
