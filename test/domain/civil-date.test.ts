import {
  addDays,
  addMonths,
  addYears,
  civilDate,
  dayOfWeek,
  daysBetween,
  isCivilDate,
  parisInstant,
} from '../../src/domain/civil-date';

describe('which YYYY-MM-DD dates exist', () => {
  test.each([
    ['2028-02-29', true, 'a leap year'],
    ['2026-02-29', false, 'a common year'],
    ['2000-02-29', true, 'divisible by 400'],
    ['2100-02-29', false, 'divisible by 100, not by 400'],
    ['2026-04-30', true, 'a 30-day month ends on the 30th'],
    ['2026-04-31', false, 'a 30-day month has no 31st'],
    ['2026-12-31', true, 'the last day of the year'],
    ['2026-13-01', false, 'no 13th month'],
    ['2026-00-10', false, 'no month 0'],
    ['2026-01-00', false, 'no day 0'],
    ['2026-1-01', false, 'two-digit months only'],
    ['26/11/2026', false, 'not YYYY-MM-DD'],
    ['0099-03-01', true, 'a two-digit year is not read as 19xx'],
  ])('%s exists: %s (%s)', (date, expected) => {
    expect(isCivilDate(date)).toBe(expected);
  });

  test('civilDate builds the text of a day that exists, and nothing for one that does not', () => {
    expect(civilDate(2028, 2, 29)).toBe('2028-02-29');
    expect(civilDate(5, 1, 9)).toBe('0005-01-09');
    expect(civilDate(2026, 2, 29)).toBeUndefined();
    expect(civilDate(2026, 2, 1.5)).toBeUndefined();
    expect(civilDate(10000, 1, 1)).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  test.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // the spring-forward day in Paris has 23 hours; a civil day is a day
    ['2026-10-25', 1, '2026-10-26'], // the fall-back day has 25
    ['2026-05-30', -90, '2026-03-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test.each([
    ['2026-01-31', 1, '2026-02-28'], // month end: clamped to the shorter month
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', -2, '2026-06-30'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2027-03-15', -2, '2027-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  test.each([
    ['2024-02-29', 3, '2027-02-28'], // 29 February: 28 February in a common year, never 1 March
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-02-28', 3, '2028-02-28'],
    ['2024-03-15', -1, '2023-03-15'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  test.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2028-01-01', '2028-12-31', 365], // a leap year counts 29 February
    ['2028-02-28', '2028-03-01', 2],
    ['2026-03-28', '2026-03-30', 2], // across the spring-forward night
    ['2026-10-24', '2026-10-26', 2], // across the fall-back night
    ['2026-11-26', '2026-11-20', -6],
    ['2026-11-26', '2026-11-26', 0],
  ])('from %s to %s: %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  test.each([
    ['2026-11-26', 4],
    ['2026-03-29', 0],
    ['2028-02-29', 2],
  ])('%s is day %i of the week (0 = Sunday)', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  test('a date that does not exist is refused, not rolled over', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-13-01', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', 'tomorrow')).toThrow(RangeError);
    expect(() => parisInstant('2026-02-29', 9)).toThrow(RangeError);
    expect(() => addYears('9999-06-01', 1)).toThrow(RangeError);
  });
});

describe('a Paris wall-clock time as an instant', () => {
  const cases: ReadonlyArray<readonly [string, string, number, string]> = [
    ['winter: UTC+1', '2027-01-15', 9, '2027-01-15T08:00:00.000Z'],
    ['summer: UTC+2', '2027-07-15', 9, '2027-07-15T07:00:00.000Z'],
    ['the spring-forward day, after the change', '2027-03-28', 9, '2027-03-28T07:00:00.000Z'],
    ['the fall-back day, after the change', '2027-10-31', 9, '2027-10-31T08:00:00.000Z'],
    ['the spring-forward day, before the change', '2026-03-29', 1, '2026-03-29T00:00:00.000Z'],
    ['02:00 does not exist when the clocks go forward: 03:00 summer time', '2026-03-29', 2, '2026-03-29T01:00:00.000Z'],
    ['03:00 on the spring-forward day', '2026-03-29', 3, '2026-03-29T01:00:00.000Z'],
    ['01:00 on the fall-back day is still summer time', '2026-10-25', 1, '2026-10-24T23:00:00.000Z'],
    ['02:00 happens twice when the clocks go back: the second, winter one', '2026-10-25', 2, '2026-10-25T01:00:00.000Z'],
    ['03:00 on the fall-back day is winter time', '2026-10-25', 3, '2026-10-25T02:00:00.000Z'],
    ['midnight on New Year is the old year in UTC', '2027-01-01', 0, '2026-12-31T23:00:00.000Z'],
    ['29 February', '2028-02-29', 9, '2028-02-29T08:00:00.000Z'],
  ];

  test.each(cases)('%s', (_name, date, hour, expected) => {
    expect(parisInstant(date, hour).toISOString()).toBe(expected);
  });

  test("the answer does not depend on the machine's time zone", () => {
    const original = process.env['TZ'];
    try {
      for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Pacific/Kiritimati']) {
        process.env['TZ'] = zone;
        for (const [, date, hour, expected] of cases) expect([zone, date, hour, parisInstant(date, hour).toISOString()]).toEqual([zone, date, hour, expected]);
        expect([zone, addMonths('2026-01-31', 1), addYears('2024-02-29', 3)]).toEqual([zone, '2026-02-28', '2027-02-28']);
      }
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
  });
});
