import { dayMonthIn } from '../../src/parsing/day-month';

describe('dayMonthIn: a day and a month without the year', () => {
  const today = '2026-12-06';
  it.each([
    ['notre certificat expire le 12 janvier', 'expiry', '2027-01-12', 'next'],
    ['il expire le 6 décembre', 'expiry', '2026-12-06', 'next'],
    ['délivré le 3 mars', 'issue', '2026-03-03', 'last'],
    ['expires on March 3rd', 'expiry', '2027-03-03', 'next'],
    ['issued on the 20th of December', 'issue', '2025-12-20', 'last'],
    ['le 1er avril', undefined, '2027-04-01', 'next'],
    ['expire le 29 février', 'expiry', '2028-02-29', 'next'],
    // A part of a month: its last day, its 15th, its first — in the year the role gives.
    ['le certificat expire fin juin', 'expiry', '2027-06-30', 'next'],
    ['il expire début février', 'expiry', '2027-02-01', 'next'],
    ['délivré mi-avril', 'issue', '2026-04-15', 'last'],
    ['expires at the end of February', 'expiry', '2027-02-28', 'next'],
    ['issued late November', 'issue', '2026-11-30', 'last'],
  ] as const)('%s', (text, role, date, occurrence) => {
    expect(dayMonthIn(text, today, role)).toMatchObject({ date, occurrence });
  });

  it.each(['expire le 12 janvier 2027', 'expires March 3, 2027', 'dans 1 mois', 'le 31 février', 'valable 3 ans'])('not: %s', (text) => {
    expect(dayMonthIn(text, today, 'expiry')).toBeUndefined();
  });
});
