import { z } from 'zod';
import type { CalendarLinkRepository } from '../domain/calendar-link';
import { displayDate } from '../domain/calendar';
import { hashLinkToken, LINK_TOKEN_PATTERN, newLinkToken } from '../domain/link-token';
import type { Clock } from '../domain/clock';
import type { Locale } from '../domain/locale';
import type { RenewalPlan } from '../domain/renewal';
import { translator } from '../messages/translator';
import { renewalCalendar, type CalendarTexts } from './ics';

/** What a calendar file is made from. */
export interface CalendarPayload {
  readonly plan: RenewalPlan;
  readonly label: string | undefined;
  readonly locale: Locale;
  readonly uid: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const payloadSchema = z.object({
  plan: z.object({
    basis: z.enum(['issue', 'expiry', 'certificate']),
    issueDate: isoDate.optional(),
    expiryDate: isoDate,
    noticeSheet: isoDate,
    noticeFaq: isoDate,
    renewalStart: isoDate,
    today: isoDate,
    daysRemaining: z.number().int(),
    status: z.enum(['valid', 'renew-now', 'expires-soon', 'expired']),
  }),
  label: z.string().max(200).optional(),
  locale: z.enum(['fr', 'en']),
  uid: z.string().min(1).max(200),
});


function textsFor(payload: CalendarPayload): CalendarTexts {
  const { locale, plan } = payload;
  // A calendar file is plain text: nothing in it is Markdown, so nothing is escaped.
  const t = translator(locale).plain;
  const label = payload.label ?? t('calendar.defaultLabel');
  return {
    summary: t('calendar.summary', { label }),
    description: t('calendar.description', {
      label,
      expiry: displayDate(plan.expiryDate, locale),
      start: displayDate(plan.renewalStart, locale),
    }),
    alarmRenewal: t('calendar.alarmRenewal', { label }),
    alarmNoticeFaq: t('calendar.alarmNoticeFaq', { label }),
    alarmNoticeSheet: t('calendar.alarmNoticeSheet', { label }),
  };
}

/** Issues expiring links to a certificate's calendar file, and serves the file for a live link. */
export class CalendarLinks {
  constructor(
    private readonly links: CalendarLinkRepository,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** A new link token for `payload`, owned by `ownerId` (erased with their data). */
  async issue(ownerId: string, payload: CalendarPayload): Promise<string> {
    const token = newLinkToken();
    const now = this.clock.now();
    await this.links.purgeExpired(now);
    await this.links.create({
      tokenHash: hashLinkToken(token),
      ownerId,
      payload: JSON.stringify(payload),
      expiresAt: new Date(now.getTime() + this.ttlMs),
      createdAt: now,
    });
    return token;
  }

  /** The iCalendar text for a live token; undefined for an unknown, malformed or expired one. */
  async file(token: string): Promise<string | undefined> {
    if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
    const link = await this.links.find(hashLinkToken(token), this.clock.now());
    if (!link) return undefined;
    const parsed = payloadSchema.safeParse(JSON.parse(link.payload));
    if (!parsed.success) return undefined;
    const payload = parsed.data as CalendarPayload;
    return renewalCalendar({ plan: payload.plan, texts: textsFor(payload), uid: payload.uid, createdAt: link.createdAt });
  }
}
