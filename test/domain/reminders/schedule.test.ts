import { DEFAULT_DELIVERY, type DeliveryPolicy } from '../../../src/domain/reminders/certificate';
import { easterSunday, isFrenchPublicHoliday } from '../../../src/domain/reminders/french-holidays';
import {
  deliveryDate,
  dueInstant,
  nextWeekly,
  plannedDeliveries,
  ScheduleError,
  type ScheduleInput,
} from '../../../src/domain/reminders/schedule';
import { parseThresholdKey } from '../../../src/domain/reminders/threshold-key';
import { DAY_MS, paris } from '../../fixtures/reminders';

const WORKING: DeliveryPolicy = { hour: 9, workingDaysOnly: true };
const iso = (date: Date): string => date.toISOString();

describe('dueInstant: the delivery hour, Paris time, on expiry minus the days', () => {
  test.each([
    ['winter: 09:00 Paris is 08:00Z', '2026-01-20', 0, 9, '2026-01-20T08:00:00.000Z'],
    ['summer: 09:00 Paris is 07:00Z', '2026-07-15', 0, 9, '2026-07-15T07:00:00.000Z'],
    ['the Saturday before the clocks go forward is still winter', '2026-03-28', 0, 9, '2026-03-28T08:00:00.000Z'],
    ['the day the clocks go forward (29 March 2026) is summer at 09:00', '2026-04-28', 30, 9, '2026-03-29T07:00:00.000Z'],
    ['the day the clocks go back (25 October 2026) is winter at 09:00', '2026-10-26', 1, 9, '2026-10-25T08:00:00.000Z'],
    ['02:00 does not exist when the clocks go forward: 03:00 summer time', '2026-03-29', 0, 2, '2026-03-29T01:00:00.000Z'],
    ['02:00 happens twice when the clocks go back: the second, winter one', '2026-10-25', 0, 2, '2026-10-25T01:00:00.000Z'],
    ['midnight Paris on New Year is still the old year in UTC', '2026-01-01', 0, 0, '2025-12-31T23:00:00.000Z'],
    ['23:00 Paris in summer', '2026-06-30', 0, 23, '2026-06-30T21:00:00.000Z'],
    ['the day before 1 March in a common year is 28 February', '2026-03-01', 1, 9, '2026-02-28T08:00:00.000Z'],
    ['the day before 1 March in a leap year is 29 February', '2028-03-01', 1, 9, '2028-02-29T08:00:00.000Z'],
    ['2100 is not a leap year', '2100-03-01', 1, 9, '2100-02-28T08:00:00.000Z'],
    ['2000 was a leap year', '2000-03-01', 1, 9, '2000-02-29T08:00:00.000Z'],
    ['a leap day expiry, 90 days before', '2028-02-29', 90, 9, '2027-12-01T08:00:00.000Z'],
    ['across the year end', '2027-01-01', 1, 9, '2026-12-31T08:00:00.000Z'],
    ['90 days before 30 May lands on 1 March', '2026-05-30', 90, 9, '2026-03-01T08:00:00.000Z'],
    ['month end to month end: 30 days before 31 March', '2026-03-31', 30, 9, '2026-03-01T08:00:00.000Z'],
    ['negative days are after expiry (weekly reminders)', '2026-11-26', -7, 9, '2026-12-03T08:00:00.000Z'],
  ])('%s', (_name, expiry, days, hour, expected) => {
    expect(iso(dueInstant(expiry, days, { hour, workingDaysOnly: false }))).toBe(expected);
  });
});

describe('working days only: moved back to the previous working day, never forward', () => {
  test.each([
    ['a Saturday goes back to Friday', '2026-06-13', 0, '2026-06-12'],
    ['a Sunday goes back to Friday', '2026-06-14', 0, '2026-06-12'],
    ['the day before a Monday expiry (Sunday) goes back to Friday', '2026-06-08', 1, '2026-06-05'],
    ['a weekday stays', '2026-06-10', 0, '2026-06-10'],
    ['Ascension Thursday (14 May 2026) goes back to Wednesday', '2026-05-14', 0, '2026-05-13'],
    ['Christmas on a Friday goes back to Thursday', '2026-12-25', 0, '2026-12-24'],
    ['Sunday 3 May 2026: Saturday, then Friday 1 May (holiday), then Thursday', '2026-05-03', 0, '2026-04-30'],
    ['Easter Monday 2027 (29 March) and the weekend before go back to Good Friday', '2027-03-29', 0, '2027-03-26'],
    ['14 July on a Tuesday goes back to Monday', '2026-07-14', 0, '2026-07-13'],
    ['New Year on a Friday, from the Sunday after: back to Thursday 31 December', '2027-01-03', 0, '2026-12-31'],
  ])('%s', (_name, expiry, days, expected) => {
    expect(deliveryDate(expiry, days, WORKING)).toBe(expected);
  });

  test('without the option a Saturday reminder stays on Saturday', () => {
    expect(deliveryDate('2026-06-13', 0, DEFAULT_DELIVERY)).toBe('2026-06-13');
  });

  test('a shifted reminder keeps the Paris hour of its new day across the clock change', () => {
    // Sunday 29 March 2026 (summer time from 02:00) goes back to Friday 27 March, still winter time.
    expect(iso(dueInstant('2026-03-29', 0, WORKING))).toBe('2026-03-27T08:00:00.000Z');
  });
});

describe('bad input is refused with a ScheduleError', () => {
  test.each([
    ['a date that does not exist', () => dueInstant('2026-02-29', 0, DEFAULT_DELIVERY), 'invalid-date'],
    ['a date not in YYYY-MM-DD', () => dueInstant('26/11/2026', 0, DEFAULT_DELIVERY), 'invalid-date'],
    ['an hour of 24', () => dueInstant('2026-11-26', 0, { hour: 24, workingDaysOnly: false }), 'invalid-hour'],
    ['a fractional hour', () => dueInstant('2026-11-26', 0, { hour: 9.5, workingDaysOnly: false }), 'invalid-hour'],
    ['fractional days', () => dueInstant('2026-11-26', 1.5, DEFAULT_DELIVERY), 'invalid-threshold'],
    ['a negative threshold', () => plannedDeliveries({ ...schedule(), thresholds: [-1] }, new Date(0)), 'invalid-threshold'],
    ['a threshold of more than ten years', () => plannedDeliveries({ ...schedule(), thresholds: [4000] }, new Date(0)), 'invalid-threshold'],
  ])('%s', (_name, run, reason) => {
    expect(run).toThrow(ScheduleError);
    try {
      run();
    } catch (error) {
      expect((error as ScheduleError).reason).toBe(reason);
    }
  });

  test('the input record is never changed', () => {
    const input = schedule({ thresholds: [1, 90, 7, 7] });
    const copy = structuredClone(input);
    plannedDeliveries(input, paris('2026-01-01'));
    expect(input).toEqual(copy);
  });
});

function schedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return { expiryDate: '2026-11-26', thresholds: [90, 60, 30, 14, 7, 1, 0], weeklyAfterExpiry: true, delivery: DEFAULT_DELIVERY, ...overrides };
}

/** The plan as "key@ISO instant" strings: one line per reminder, easy to read in a failure. */
const planOf = (input: ScheduleInput, now: Date): string[] => plannedDeliveries(input, now).map((p) => `${p.threshold}@${iso(p.dueAt)}`);

describe('plannedDeliveries', () => {
  test('registered long before expiry: every threshold, then the first weekly one, earliest first', () => {
    expect(planOf(schedule(), paris('2026-01-05', 10))).toEqual([
      'd90@2026-08-28T07:00:00.000Z',
      'd60@2026-09-27T07:00:00.000Z',
      'd30@2026-10-27T08:00:00.000Z',
      'd14@2026-11-12T08:00:00.000Z',
      'd7@2026-11-19T08:00:00.000Z',
      'd1@2026-11-25T08:00:00.000Z',
      'd0@2026-11-26T08:00:00.000Z',
      'w1@2026-12-03T08:00:00.000Z',
    ]);
  });

  test('reminders off (no thresholds) plans nothing, weekly ones included', () => {
    expect(plannedDeliveries(schedule({ thresholds: [] }), paris('2026-01-05'))).toEqual([]);
    expect(plannedDeliveries(schedule({ thresholds: [], weeklyAfterExpiry: false }), paris('2026-12-20'))).toEqual([]);
  });

  test('without weekly reminders the plan ends on the expiry day', () => {
    expect(planOf(schedule({ weeklyAfterExpiry: false, thresholds: [7, 0] }), paris('2026-11-01'))).toEqual([
      'd7@2026-11-19T08:00:00.000Z',
      'd0@2026-11-26T08:00:00.000Z',
    ]);
  });

  test('a threshold exactly due now is planned, due now', () => {
    expect(planOf(schedule({ thresholds: [7] }), paris('2026-11-19'))[0]).toBe('d7@2026-11-19T08:00:00.000Z');
  });

  test('registered 80 days before expiry: d90, 10 days past, is not created; d60 comes next', () => {
    expect(planOf(schedule(), paris('2026-09-07', 12))[0]).toBe('d60@2026-09-27T07:00:00.000Z');
  });

  test('registered 5 days before expiry: d7, passed 2 days ago, is planned (due at once), then d1, d0, w1', () => {
    expect(planOf(schedule(), paris('2026-11-21', 12))).toEqual([
      'd7@2026-11-19T08:00:00.000Z',
      'd1@2026-11-25T08:00:00.000Z',
      'd0@2026-11-26T08:00:00.000Z',
      'w1@2026-12-03T08:00:00.000Z',
    ]);
  });

  test('only the most recent passed threshold is kept, never two', () => {
    expect(planOf(schedule({ thresholds: [3, 2, 1] }), paris('2026-11-25', 12))).toEqual(['d1@2026-11-25T08:00:00.000Z', 'w1@2026-12-03T08:00:00.000Z']);
  });

  test('registered 3 days after expiry: the expiry-day reminder at once, then the weekly chain', () => {
    expect(planOf(schedule(), paris('2026-11-29', 12))).toEqual(['d0@2026-11-26T08:00:00.000Z', 'w1@2026-12-03T08:00:00.000Z']);
  });

  test('registered 20 days after expiry: the weekly reminder of 6 days ago alone; it plans the next when done', () => {
    expect(planOf(schedule(), paris('2026-12-16', 12))).toEqual(['w2@2026-12-10T08:00:00.000Z']);
  });

  test('registered 20 days after expiry without weekly reminders: nothing (the expiry day is 20 days past)', () => {
    expect(plannedDeliveries(schedule({ weeklyAfterExpiry: false }), paris('2026-12-16', 12))).toEqual([]);
  });

  test('duplicate thresholds plan one reminder each', () => {
    expect(planOf(schedule({ thresholds: [7, 7, 1], weeklyAfterExpiry: false }), paris('2026-01-01'))).toEqual([
      'd7@2026-11-19T08:00:00.000Z',
      'd1@2026-11-25T08:00:00.000Z',
    ]);
  });

  test('working days only: a Sunday expiry moves d1 (Saturday) and d0 (Sunday) onto Friday: one reminder, d0', () => {
    expect(planOf(schedule({ expiryDate: '2026-06-07', thresholds: [7, 1, 0], weeklyAfterExpiry: false, delivery: WORKING }), paris('2026-01-01'))).toEqual([
      'd7@2026-05-29T07:00:00.000Z',
      'd0@2026-06-05T07:00:00.000Z',
    ]);
  });

  test('every instant of a default plan falls on the delivery hour in Paris, whatever the season', () => {
    for (const hour of [0, 9, 18]) {
      for (const p of plannedDeliveries(schedule({ delivery: { hour, workingDaysOnly: false } }), paris('2026-01-01'))) {
        const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(p.dueAt);
        expect(Number(local)).toBe(hour);
      }
    }
  });
});

describe('nextWeekly', () => {
  test('w1 is a week after expiry, w3 follows w2', () => {
    expect(nextWeekly(schedule(), 0)).toEqual({ threshold: 'w1', dueAt: paris('2026-12-03') });
    expect(nextWeekly(schedule(), 2)).toEqual({ threshold: 'w3', dueAt: paris('2026-12-17') });
  });

  test('weekly reminders follow the clock change: winter 08:00Z, then summer 07:00Z', () => {
    const march = schedule({ expiryDate: '2026-03-20' });
    expect(iso(nextWeekly(march, 0)?.dueAt ?? new Date(0))).toBe('2026-03-27T08:00:00.000Z');
    expect(iso(nextWeekly(march, 1)?.dueAt ?? new Date(0))).toBe('2026-04-03T07:00:00.000Z');
  });

  test('after a downtime, the first week due at or after notBefore, not the string of missed ones', () => {
    expect(nextWeekly(schedule(), 1, paris('2026-12-28', 12))).toEqual({ threshold: 'w5', dueAt: paris('2026-12-31') });
    expect(nextWeekly(schedule(), 1, paris('2026-12-31'))?.threshold).toBe('w5');
    expect(nextWeekly(schedule(), 1, new Date(paris('2026-12-31').getTime() + 1))?.threshold).toBe('w6');
  });

  test('years after expiry it lands on the right week without walking every week', () => {
    const notBefore = paris('2029-11-26', 12);
    const next = nextWeekly(schedule(), 0, notBefore);
    const n = parseThresholdKey(next?.threshold ?? '')?.n ?? 0;
    expect(next && next.dueAt >= notBefore).toBe(true);
    expect(nextWeekly(schedule(), n - 2)?.dueAt.getTime()).toBeLessThan(notBefore.getTime());
    expect(next?.dueAt.getTime()).toBeLessThan(notBefore.getTime() + 7 * DAY_MS);
  });

  test('none when weekly reminders are off or reminders are off altogether', () => {
    expect(nextWeekly(schedule({ weeklyAfterExpiry: false }), 0)).toBeUndefined();
    expect(nextWeekly(schedule({ thresholds: [] }), 0)).toBeUndefined();
  });

  test('working days only: an expiry on a Saturday gives weekly reminders on Fridays', () => {
    const saturday = schedule({ expiryDate: '2026-06-13', delivery: WORKING });
    expect(nextWeekly(saturday, 0)?.dueAt).toEqual(paris('2026-06-19'));
    expect(nextWeekly(saturday, 1)?.dueAt).toEqual(paris('2026-06-26'));
  });
});

describe('civil dates and French public holidays', () => {
  test.each([
    [2000, '2000-04-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  test.each([
    ['2026-01-01', true],
    ['2026-04-06', true],
    ['2026-05-01', true],
    ['2026-05-08', true],
    ['2026-05-14', true],
    ['2026-05-25', true],
    ['2026-07-14', true],
    ['2026-08-15', true],
    ['2026-11-01', true],
    ['2026-11-11', true],
    ['2026-12-25', true],
    ['2026-04-05', false],
    ['2026-12-26', false],
    ['2026-06-10', false],
  ])('%s is a public holiday: %s', (date, expected) => {
    expect(isFrenchPublicHoliday(date)).toBe(expected);
  });

  test('threshold keys read back; anything else is not a key', () => {
    expect(parseThresholdKey('d90')).toEqual({ kind: 'before', n: 90 });
    expect(parseThresholdKey('w12')).toEqual({ kind: 'weekly', n: 12 });
    expect(parseThresholdKey('s2')).toEqual({ kind: 'snooze', n: 2 });
    for (const bad of ['', 'd', 'x1', 'd-1', 'd01', 'w1.5', 'd7-s1']) expect(parseThresholdKey(bad)).toBeUndefined();
  });
});
