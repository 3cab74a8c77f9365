import { addDays, parisInstant } from '../domain/civil-date';
import type { RenewalPlan } from '../domain/renewal';

/** The words of the calendar entry, already in the reader's language. */
export interface CalendarTexts {
  readonly summary: string;
  readonly description: string;
  readonly alarmRenewal: string;
  readonly alarmNoticeFaq: string;
  readonly alarmNoticeSheet: string;
}

export interface CalendarEntry {
  readonly plan: RenewalPlan;
  readonly texts: CalendarTexts;
  /** Stable and unique per certificate, so a re-import updates the event instead of duplicating it. */
  readonly uid: string;
  readonly createdAt: Date;
  /** The local hour of the alarms, Europe/Paris (default 9). */
  readonly alarmHour?: number;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A YYYY-MM-DD date as an iCalendar DATE value (YYYYMMDD). */
function icsDate(date: string): string {
  return date.replace(/-/g, '');
}

function alarm(date: string, hour: number, text: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(text)}`, `TRIGGER;VALUE=DATE-TIME:${utcStamp(parisInstant(date, hour))}`, 'END:VALARM'];
}

/**
 * An iCalendar file (RFC 5545) for one certificate: an all-day event on the expiry date, with alarms on the
 * recommended renewal start and on both ANS notice dates (60 days per the FAQ, one month per the sheet).
 */
export function renewalCalendar(entry: CalendarEntry): string {
  const { plan, texts } = entry;
  const hour = entry.alarmHour ?? 9;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//certibot//Certificats ANS//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `DTSTAMP:${utcStamp(entry.createdAt)}`,
    `DTSTART;VALUE=DATE:${icsDate(plan.expiryDate)}`,
    `DTEND;VALUE=DATE:${icsDate(addDays(plan.expiryDate, 1))}`,
    `SUMMARY:${escapeText(texts.summary)}`,
    `DESCRIPTION:${escapeText(texts.description)}`,
    'TRANSP:TRANSPARENT',
    ...(plan.renewalStart >= plan.today ? alarm(plan.renewalStart, hour, texts.alarmRenewal) : []),
    ...(plan.noticeFaq >= plan.today ? alarm(plan.noticeFaq, hour, texts.alarmNoticeFaq) : []),
    ...(plan.noticeSheet >= plan.today ? alarm(plan.noticeSheet, hour, texts.alarmNoticeSheet) : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
