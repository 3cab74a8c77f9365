import type { Locale } from '../domain/locale';
import { MAY_HOLD_DATE, parseDates } from '../parsing/dates';
import { monthOnlyIn } from '../parsing/month-year';
import { dayMonthIn } from '../parsing/day-month';

/**
 * Intents that a date in the message answers with the computed timeline: « délivré le 12/09/2024, quand renouveler ? »
 * is a renewal question, and its answer is the dates (the knowledge handlers send these topics to the timeline when a
 * date is there). Shared by the recognizer and by the evals, which count such a question read as the computation as
 * answered rightly — the person gets the same answer.
 */
export const DATED_INTENTS: ReadonlySet<string> = new Set(['dates.compute', 'kb.validity', 'kb.renewal', 'kb.notice']);

/** Any day will do to tell whether a message holds a date at all (relative ones included): only presence is read. */
const SOME_DAY = '2026-01-01';

/**
 * Whether a message holds a date in any form the timeline reads: a whole date (valid or not: an impossible date is
 * answered by the computation too), a month without its day (« mars 2027 »), a day without its year (« 12 janvier »).
 */
export function mentionsDate(text: string, language: Locale, today: string): boolean {
  return (
    MAY_HOLD_DATE.test(text) &&
    (parseDates(text, { locale: language, today }).kind !== 'none' || monthOnlyIn(text) !== undefined || dayMonthIn(text, today, undefined) !== undefined)
  );
}

/** Whether a message holds a date at all (see mentionsDate), whatever today is. */
export function holdsDate(text: string, language: Locale): boolean {
  return mentionsDate(text, language, SOME_DAY);
}

/** Whether recognizing `predicted` for a message labelled `expected` gives the person the answer they asked for. */
export function answersAlike(expected: string, predicted: string, text: string): boolean {
  return expected === predicted || (predicted === 'dates.compute' && DATED_INTENTS.has(expected) && holdsDate(text, 'fr'));
}
