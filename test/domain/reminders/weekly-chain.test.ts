import type { ScheduleInput } from '../../../src/domain/reminders/schedule';
import { nextWeeklyLink } from '../../../src/domain/reminders/weekly-chain';

const expired: ScheduleInput = { expiryDate: '2026-11-26', thresholds: [30, 7, 0], weeklyAfterExpiry: true, delivery: { hour: 9, workingDaysOnly: false } };
const at = (isoDate: string) => new Date(`${isoDate}T12:00:00.000Z`);

describe('the weekly chain after expiry', () => {
  it('plans w1 after the expiry day when nothing weekly exists yet', () => {
    expect(nextWeeklyLink(expired, [], at('2026-11-26'))?.threshold).toBe('w1');
  });

  it('plans nothing while a weekly reminder is still to go', () => {
    expect(nextWeeklyLink(expired, [{ key: 'w1', toGo: true }], at('2026-11-27'))).toBeUndefined();
  });

  it('plans the week after the last one done', () => {
    expect(nextWeeklyLink(expired, [{ key: 'w1', toGo: false }, { key: 'w2', toGo: false }], at('2026-12-10'))?.threshold).toBe('w3');
  });

  it('after a long downtime, plans the coming week instead of the missed ones', () => {
    const next = nextWeeklyLink(expired, [{ key: 'w1', toGo: false }], at('2027-01-20'));
    expect(next?.threshold).toBe('w8');
    expect(next?.dueAt.getTime()).toBeGreaterThanOrEqual(at('2027-01-20').getTime());
  });

  it('plans nothing when reminders are off or do not go on after expiry', () => {
    expect(nextWeeklyLink({ ...expired, thresholds: [] }, [], at('2026-12-01'))).toBeUndefined();
    expect(nextWeeklyLink({ ...expired, weeklyAfterExpiry: false }, [], at('2026-12-01'))).toBeUndefined();
  });
});
