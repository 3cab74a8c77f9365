import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';

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

const ISO = 'yyyy-MM-dd';

function day(value: string): Date {
  const parsed = parseISO(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValid(parsed) || format(parsed, ISO) !== value) {
    throw new RenewalDateError('invalid', value);
  }
  return parsed;
}

/**
 * The expiry date of a certificate obtained on `issueDate`: three years later. A certificate obtained on
 * 29 February expires on 28 February (date-fns clamps to the last day of the month), never on 1 March.
 */
export function expiryFromIssue(issueDate: string): string {
  return format(addYears(day(issueDate), VALIDITY_YEARS), ISO);
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
  const expiry = day(expiryDate);
  const today = day(input.today);
  if (expiryDate < EARLIEST_DATE) throw new RenewalDateError('too-old', expiryDate);
  const lead = input.renewalLeadMonths ?? DEFAULT_RENEWAL_LEAD_MONTHS;
  const renewalStart = format(subMonths(expiry, lead), ISO);
  const daysRemaining = differenceInCalendarDays(expiry, today);
  const status: RenewalStatus =
    daysRemaining < 0 ? 'expired' : daysRemaining <= URGENT_DAYS ? 'expires-soon' : input.today >= renewalStart ? 'renew-now' : 'valid';
  return {
    basis: input.basis ?? 'expiry',
    issueDate: input.issueDate,
    expiryDate,
    noticeSheet: format(subMonths(expiry, NOTICE_MONTHS_SHEET), ISO),
    noticeFaq: format(subDays(expiry, NOTICE_DAYS_FAQ), ISO),
    renewalStart,
    today: input.today,
    daysRemaining,
    status,
  };
}

/** The plan from the day the certificate was obtained. Refuses a future date or one before 2000. */
export function planFromIssue(issueDate: string, input: PlanInput): RenewalPlan {
  day(issueDate);
  if (issueDate > input.today) throw new RenewalDateError('future-issue', issueDate);
  if (issueDate < EARLIEST_DATE) throw new RenewalDateError('too-old', issueDate);
  return planFromExpiry(expiryFromIssue(issueDate), { ...input, basis: 'issue', issueDate });
}
