import type { Locale } from '../../src/domain/locale';
import { nimesCertificate } from '../reminders-flow/flow-fixtures';
import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { Delivery } from '../../src/domain/reminders/delivery';
import { parisInstant } from '../../src/domain/civil-date';
import type { HistoryContext } from '../../src/bot/reminder-history';
import { translator } from '../../src/messages/translator';

const at = (date: string, hour = 9) => parisInstant(date, hour);

export const CERTIFICATE: CertificateRecord = nimesCertificate('29:camille', at('2026-11-26'), { id: 'cert-1' });

function delivery(overrides: Partial<Delivery> & Pick<Delivery, 'id' | 'threshold' | 'conversationId' | 'dueAt' | 'status'>): Delivery {
  return {
    certificateId: CERTIFICATE.id,
    expiryDate: CERTIFICATE.expiryDate,
    attempts: overrides.status === 'pending' ? 0 : 1,
    nextAttemptAt: overrides.dueAt,
    sentAt: undefined,
    activityId: undefined,
    lastError: undefined,
    leaseUntil: undefined,
    acknowledgedBy: undefined,
    acknowledgedByName: undefined,
    acknowledgedAt: undefined,
    aboutConversationId: undefined,
    ...overrides,
  };
}

/** A certificate reminded in Camille's chat and a channel that blocked the bot, seen on 14 January 2027. */
export function historyFixture(locale: Locale): HistoryContext {
  const mine = 'a:camille';
  const channel = '19:team';
  return {
    certificate: CERTIFICATE,
    targets: [
      { certificateId: CERTIFICATE.id, conversationId: mine, kind: 'personal', userId: '29:camille' },
      { certificateId: CERTIFICATE.id, conversationId: channel, kind: 'channel', userId: undefined },
    ],
    deliveries: [
      delivery({ id: 'd90-me', threshold: 'd90', conversationId: mine, dueAt: at('2026-12-15'), status: 'sent', sentAt: at('2026-12-15'), acknowledgedBy: '29:dominique', acknowledgedByName: 'Dominique Bernard', acknowledgedAt: at('2026-12-16', 10) }),
      delivery({ id: 'd90-ch', threshold: 'd90', conversationId: channel, dueAt: at('2026-12-15'), status: 'unreachable', lastError: 'MessageWritesBlocked' }),
      delivery({ id: 'd60-me', threshold: 'd60', conversationId: mine, dueAt: at('2027-01-14'), status: 'sent', sentAt: at('2027-01-14'), acknowledgedBy: '29:camille', acknowledgedByName: 'Camille Martin', acknowledgedAt: at('2027-01-14', 11) }),
      delivery({ id: 'd60-ch', threshold: 'd60', conversationId: channel, dueAt: at('2027-01-14'), status: 'pending', lastError: 'conversation unreachable' }),
      delivery({ id: 'u1-me', threshold: 'u1', conversationId: mine, dueAt: at('2026-12-15'), status: 'sent', sentAt: at('2026-12-15', 9) }),
      delivery({ id: 'old-d7', threshold: 'd7', conversationId: mine, expiryDate: '2024-03-15', dueAt: at('2024-03-08'), status: 'skipped', lastError: 'renewed' }),
      delivery({ id: 'd30-me', threshold: 'd30', conversationId: mine, dueAt: at('2027-02-13'), status: 'pending' }),
      delivery({ id: 'd14-me', threshold: 'd14', conversationId: mine, dueAt: at('2027-03-01'), status: 'pending', attempts: 2, nextAttemptAt: at('2027-03-01', 10), lastError: 'HTTP 503' }),
    ],
    userId: '29:camille',
    unreachable: new Map([[channel, 'MessageWritesBlocked']]),
    now: at('2027-01-14', 12),
    locale,
    tr: translator(locale),
  };
}
