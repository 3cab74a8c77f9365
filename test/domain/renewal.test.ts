import {
  expiryFromIssue,
  planFromExpiry,
  planFromIssue,
  RenewalDateError,
} from '../../src/domain/renewal';

describe('expiry from the issue date: three years later', () => {
  it.each([
    ['2024-03-15', '2027-03-15'],
    ['2024-02-29', '2027-02-28'], // leap day: the last day of February, never 1 March
    ['2023-02-28', '2026-02-28'],
    ['2025-02-28', '2028-02-28'], // into a leap year: stays the 28th
    ['2024-12-31', '2027-12-31'],
    ['2024-01-01', '2027-01-01'],
    ['2023-03-26', '2026-03-26'], // a DST change day in Europe/Paris: calendar dates are unaffected
    ['2023-10-29', '2026-10-29'],
  ])('issued %s → expires %s', (issue, expiry) => {
    expect(expiryFromIssue(issue)).toBe(expiry);
  });
});

describe('the dated plan', () => {
  it('from an issue date: both ANS notices, the renewal start and the days left', () => {
    expect(planFromIssue('2024-03-15', { today: '2026-11-26' })).toEqual({
      basis: 'issue',
      issueDate: '2024-03-15',
      expiryDate: '2027-03-15',
      noticeSheet: '2027-02-15',
      noticeFaq: '2027-01-14',
      renewalStart: '2027-01-15',
      today: '2026-11-26',
      daysRemaining: 109,
      status: 'valid',
    });
  });

  it.each([
    // month ends: one month before 31 March is the last day of February
    ['2027-03-31', '2027-02-28', '2027-01-30', '2027-01-31'],
    ['2028-03-31', '2028-02-29', '2028-01-31', '2028-01-31'],
    ['2027-05-31', '2027-04-30', '2027-04-01', '2027-03-31'],
    ['2027-01-15', '2026-12-15', '2026-11-16', '2026-11-15'],
    // DST change days (last Sundays of March and October) are ordinary calendar days here
    ['2027-03-28', '2027-02-28', '2027-01-27', '2027-01-28'],
    ['2027-10-31', '2027-09-30', '2027-09-01', '2027-08-31'],
  ])('expiry %s: sheet notice %s, FAQ notice %s, renewal start %s', (expiry, sheet, faq, start) => {
    const plan = planFromExpiry(expiry, { today: '2026-01-01' });
    expect([plan.noticeSheet, plan.noticeFaq, plan.renewalStart]).toEqual([sheet, faq, start]);
  });

  it.each([
    ['2026-11-26', 'valid', 200],
    ['2027-04-13', 'valid', 62],
    ['2027-04-14', 'renew-now', 61],
    ['2027-05-14', 'renew-now', 31],
    ['2027-05-15', 'expires-soon', 30],
    ['2027-06-14', 'expires-soon', 0],
    ['2027-06-15', 'expired', -1],
    ['2028-01-01', 'expired', -201],
  ] as const)('on %s a certificate expiring 2027-06-14 is %s (%i days left)', (today, status, days) => {
    const plan = planFromExpiry('2027-06-14', { today });
    expect([plan.status, plan.daysRemaining]).toEqual([status, days]);
  });

  it('the renewal lead is configurable', () => {
    expect(planFromExpiry('2027-06-14', { today: '2026-11-26', renewalLeadMonths: 4 }).renewalStart).toBe('2027-02-14');
  });

  it('crossing a leap day counts it', () => {
    expect(planFromExpiry('2028-03-01', { today: '2028-02-28' }).daysRemaining).toBe(2);
  });
});

describe('dates the plan refuses', () => {
  it.each([
    ['2024-02-30', 'invalid'],
    ['2024-13-01', 'invalid'],
    ['15/03/2024', 'invalid'],
    ['2027-01-01', 'future-issue'],
    ['1999-12-31', 'too-old'],
  ])('issue date %s → %s', (issue, reason) => {
    expect(() => planFromIssue(issue, { today: '2026-11-26' })).toThrow(RenewalDateError);
    try {
      planFromIssue(issue, { today: '2026-11-26' });
    } catch (error) {
      expect((error as RenewalDateError).reason).toBe(reason);
    }
  });

  it('an issue date of today is accepted', () => {
    expect(planFromIssue('2026-11-26', { today: '2026-11-26' }).expiryDate).toBe('2029-11-26');
  });
});
