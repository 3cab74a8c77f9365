import { renewalTimelineCard, type CertificateFacts } from '../../../cards/renewal-timeline-card';
import type { CalendarLinks } from '../../calendar/calendar-links';
import { displayDate } from '../../domain/calendar';
import type { RenewalPlan } from '../../domain/renewal';
import type { CertificatesTabLink } from '../../domain/tab-link';
import { cardReply, type Reply, type Turn } from '../../conversation/turn';

/** Turns a renewal plan into the timeline card, with a fresh expiring calendar link for the asker. */
export class RenewalReplies {
  constructor(
    private readonly calendarLinks: CalendarLinks,
    /** The bot's public base URL, known once the server listens. */
    private readonly baseUrl: () => string,
    /** « Ouvrir dans Mes certificats », where the dates can be registered and followed. */
    private readonly tabLink?: CertificatesTabLink,
  ) {}

  async timeline(turn: Turn, plan: RenewalPlan, certificate?: CertificateFacts & { readonly fingerprint: string }): Promise<Reply> {
    const uid = `${certificate?.fingerprint.replace(/:/g, '').slice(0, 32) ?? `${plan.basis}-${plan.expiryDate}`}@certibot`;
    const base = this.baseUrl();
    const calendarUrl = base
      ? `${base}/calendar/${await this.calendarLinks.issue(turn.request.userId, { plan, label: undefined, locale: turn.locale, uid })}.ics`
      : undefined;
    return cardReply(
      renewalTimelineCard(
        {
          plan,
          label: undefined,
          certificate,
          display: (date) => displayDate(date, turn.locale),
          calendarUrl,
          openInTab: this.tabLink?.(),
        },
        turn.tr,
      ),
    );
  }
}
