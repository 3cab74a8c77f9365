import { addDays, addMonths, addYears, daysBetween, isCivilDate } from './civil-date';

/** How long an ANS software certificate is valid: 3 years from the day it is obtained (fiche pratique). */
export const VALIDITY_YEARS = 3;
/** The ANS notice, as the sheet says it: one month before expiry. */
export const NOTICE_MONTHS_SHEET = 1;
/** The ANS notice, as the ANS FAQ says it: 60 days before expiry. */
export const NOTICE_DAYS_FAQ = 60;
/** Default lead for starting the renewal: renewal is impossible once expired, so start well before. */
export const DEFAULT_RENEWAL_LEAD_MONTHS = 2;
/** Within this many days of expiry the status is "expires in N days", the urgent one. */
export const URGENT_DAYS = 30;
/** IGC Santé certificates are more recent than this; an earlier date is a typo. */
export const EARLIEST_DATE = '2000-01-01';

export type RenewalStatus = 'valid' | 'renew-now' | 'expires-soon' | 'expired';

/** Where the expiry date came from. */
export type RenewalBasis = 'issue' | 'expiry' | 'certificate';

/** The dated plan for one certificate: every date a YYYY-MM-DD calendar date in Europe/Paris. */
export interface RenewalPlan {
  readonly basis: RenewalBasis;
  readonly issueDate: string | undefined;
  /**
   * From an expiry date alone: the issue date it implies (three years before), shown as such — every direction is
   * computed. Undefined when the issue date is known.
   */
  readonly impliedIssueDate: string | undefined;
  readonly expiryDate: string;
  /** The ANS notice per the sheet (1 month before) and per the ANS FAQ (60 days before): both are shown. */
  readonly noticeSheet: string;
  readonly noticeFaq: string;
  readonly renewalStart: string;
  readonly today: string;
  /** Days from today to the expiry date; negative once expired. */
  readonly daysRemaining: number;
  readonly status: RenewalStatus;
}

/** A date the plan cannot be built from. */
export class RenewalDateError extends Error {
  constructor(
    readonly reason: 'invalid' | 'future-issue' | 'too-old',
    readonly date: string,
  ) {
    super(`Cannot plan a renewal from ${date}: ${reason}.`);
    this.name = 'RenewalDateError';
  }
}

function checkDate(value: string): void {
  if (!isCivilDate(value)) throw new RenewalDateError('invalid', value);
}

/**
 * The expiry date of a certificate obtained on `issueDate`: three years later. A certificate obtained on
 * 29 February expires on 28 February (the last day of the month), never on 1 March.
 */
export function expiryFromIssue(issueDate: string): string {
  checkDate(issueDate);
  return addYears(issueDate, VALIDITY_YEARS);
}

export interface PlanInput {
  readonly today: string;
  readonly renewalLeadMonths?: number;
}

/** The plan from the expiry date itself (typed by the user or read from the certificate's notAfter). */
export function planFromExpiry(
  expiryDate: string,
  input: PlanInput & { readonly basis?: RenewalBasis; readonly issueDate?: string },
): RenewalPlan {
  checkDate(expiryDate);
  checkDate(input.today);
  if (expiryDate < EARLIEST_DATE) throw new RenewalDateError('too-old', expiryDate);
  const lead = input.renewalLeadMonths ?? DEFAULT_RENEWAL_LEAD_MONTHS;
  const renewalStart = addMonths(expiryDate, -lead);
  const daysRemaining = daysBetween(input.today, expiryDate);
  const status: RenewalStatus =
    daysRemaining < 0 ? 'expired' : daysRemaining <= URGENT_DAYS ? 'expires-soon' : input.today >= renewalStart ? 'renew-now' : 'valid';
  return {
    basis: input.basis ?? 'expiry',
    issueDate: input.issueDate,
    impliedIssueDate: input.issueDate === undefined && (input.basis ?? 'expiry') === 'expiry' ? addYears(expiryDate, -VALIDITY_YEARS) : undefined,
    expiryDate,
    noticeSheet: addMonths(expiryDate, -NOTICE_MONTHS_SHEET),
    noticeFaq: addDays(expiryDate, -NOTICE_DAYS_FAQ),
    renewalStart,
    today: input.today,
    daysRemaining,
    status,
  };
}

/** The plan from the day the certificate was obtained. Refuses a future date or one before 2000. */
export function planFromIssue(issueDate: string, input: PlanInput): RenewalPlan {
  checkDate(issueDate);
  if (issueDate > input.today) throw new RenewalDateError('future-issue', issueDate);
  if (issueDate < EARLIEST_DATE) throw new RenewalDateError('too-old', issueDate);
  return planFromExpiry(expiryFromIssue(issueDate), { ...input, basis: 'issue', issueDate });
}
