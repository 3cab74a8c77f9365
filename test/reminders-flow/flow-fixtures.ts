import { randomUUID } from 'node:crypto';
import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { NewReminderTarget } from '../../src/domain/reminders/reminder-repository';
import type { TeamsChat } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/** When the flows register the Nîmes certificate, and its 90-day reminder: 15 December 2026, 09:00 in Paris (winter). */
export const REGISTERED = new Date('2026-11-26T09:00:00Z');
export const D90 = new Date('2026-12-15T08:00:00Z');

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

/** A fresh reminder bot (startReminderBot) for each test of the calling file, handed to `assign`, stopped after it. */
export function reminderBotPerTest(start: Date, assign: (bot: { harness: BotHarness; clock: TestClock }) => void): void {
  let current: BotHarness | undefined;
  beforeEach(async () => {
    const bot = await startReminderBot(start);
    current = bot.harness;
    assign(bot);
  });
  afterEach(async () => current?.stop());
}
