import { parisInstant } from '../../../src/domain/civil-date';
import type { RegisteredCertificate } from '../../../src/domain/reminders/reminder-repository';
import { reminderRefusal, snoozedUntil, type ReminderAction } from '../../../src/domain/reminders/reminder-rules';
import { certificate, deliveryOf } from '../../fixtures/reminders';

const cert = { ...certificate({ createdBy: '29:alice' }), tenantId: 'tenant-a' };
const registered: RegisteredCertificate = {
  certificate: cert,
  targets: [
    { certificateId: cert.id, conversationId: 'a:alice', kind: 'personal', userId: '29:alice' },
    { certificateId: cert.id, conversationId: '19:team', kind: 'channel', userId: undefined },
  ],
};

/** The 30-day reminder as posted to the team's channel. */
const sent = deliveryOf(cert, {
  id: 'd-1',
  conversationId: '19:team',
  threshold: 'd30',
  dueAt: parisInstant('2026-10-27', 9),
  status: 'sent',
  sentAt: parisInstant('2026-10-27', 9),
  activityId: '1:posted',
});

const owner = { userId: '29:alice', tenantId: 'tenant-a', conversationId: 'a:alice' };
const member = { userId: '29:carol', tenantId: 'tenant-a', conversationId: '19:team' };
const stranger = { userId: '29:dan', tenantId: 'tenant-a', conversationId: 'a:dan' };

describe('who may act on a sent reminder', () => {
  it.each<[string, ReminderAction, typeof owner, string | undefined]>([
    ['an owner may acknowledge from anywhere (the tab too)', 'acknowledge', owner, undefined],
    ['an owner may snooze', 'snooze', owner, undefined],
    ['an owner may stop the reminders', 'stop', owner, undefined],
    ['a member of the channel it was posted to may acknowledge', 'acknowledge', member, undefined],
    ['a member of the channel may snooze', 'snooze', member, undefined],
    ['a member of the channel may report the renewal', 'renewed', member, undefined],
    ['a member of the channel may not stop the reminders', 'stop', member, 'not-allowed'],
    ['someone elsewhere who owns nothing may not snooze', 'snooze', stranger, 'not-allowed'],
    ['the owner’s id from another tenant may not stop', 'stop', { ...owner, tenantId: 'tenant-b' }, 'not-allowed'],
  ])('%s', (_case, action, actor, refusal) => {
    expect(reminderRefusal(action, sent, registered, actor)?.kind).toBe(refusal);
  });

  it('a reminder or certificate that is gone is unknown, whoever asks', () => {
    expect(reminderRefusal('snooze', undefined, registered, owner)).toEqual({ kind: 'unknown' });
    expect(reminderRefusal('snooze', sent, undefined, owner)).toEqual({ kind: 'unknown' });
  });

  it('a reminder of the expiry date before a renewal acts on nothing, even for an owner', () => {
    const renewed = { ...registered, certificate: { ...cert, expiryDate: '2029-11-26' } };
    expect(reminderRefusal('acknowledge', sent, renewed, owner)).toEqual({ kind: 'stale-cycle', old: '2026-11-26', current: '2029-11-26' });
  });

  it('stopped reminders have nothing to snooze, but can still be acknowledged', () => {
    const stopped = { ...registered, certificate: { ...cert, thresholds: [] } };
    expect(reminderRefusal('snooze', sent, stopped, owner)).toEqual({ kind: 'stopped' });
    expect(reminderRefusal('acknowledge', sent, stopped, owner)).toBeUndefined();
  });

  it('not being allowed is said before the cycle: a stranger learns nothing of a renewal', () => {
    const renewed = { ...registered, certificate: { ...cert, expiryDate: '2029-11-26' } };
    expect(reminderRefusal('snooze', sent, renewed, stranger)).toEqual({ kind: 'not-allowed' });
  });
});

describe('when a snoozed reminder comes back', () => {
  it('on the chosen day at the delivery hour, Paris time, even on a weekend for a working-days certificate', () => {
    const now = new Date('2026-12-18T15:00:00Z'); // a Friday
    const until = snoozedUntil({ delivery: { hour: 9, workingDaysOnly: true } }, now, 1);
    expect(until).toEqual({ day: '2026-12-19', at: parisInstant('2026-12-19', 9) });
  });

  it('a week later, across the change to summer time', () => {
    const until = snoozedUntil({ delivery: { hour: 8, workingDaysOnly: false } }, new Date('2027-03-25T10:00:00Z'), 7);
    expect(until).toEqual({ day: '2027-04-01', at: new Date('2027-04-01T06:00:00Z') });
  });
});
