import { displayDate, parisDate } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import type { Translate } from './translator';

/**
 * When the next reminder goes, in the reader's words: its date, or « tout de suite » when it is already due (a
 * threshold passed before the certificate was registered is sent at once) — never a date in the past.
 */
export function nextReminderText(dueAt: Date, now: Date, locale: Locale, tr: Translate): string {
  return dueAt.getTime() <= now.getTime() ? tr('reminder.next.now') : displayDate(parisDate(dueAt), locale);
}
