import { displayDate, parisDate } from '../../src/domain/calendar';

describe('calendar dates in Europe/Paris', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-29'], // 00:30 in Paris (winter, UTC+1)
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the spring DST change day
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 in Paris (summer, UTC+2)
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the autumn DST change day
    ['2026-12-31T23:30:00Z', '2027-01-01'], // New Year in Paris before London
  ])('%s is %s in Paris', (instant, date) => {
    expect(parisDate(new Date(instant))).toBe(date);
  });

  it('reads dates the way each language writes them', () => {
    expect(displayDate('2027-03-15', 'fr')).toBe('15 mars 2027');
    expect(displayDate('2027-03-15', 'en')).toBe('15 March 2027');
    expect(displayDate('2027-02-01', 'fr')).toBe('1er février 2027');
    expect(displayDate('2027-02-01', 'en')).toBe('1 February 2027');
  });
});
