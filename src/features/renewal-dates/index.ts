import { RenewalDatesDialog } from '../../../dialogs/renewal-dates-dialog';
import type { CalendarLinks } from '../../calendar/calendar-links';
import type { AttachmentRef, FetchResult } from '../../certificates/fetch-attachment';
import type { Feature, HttpAnswer } from '../../conversation/feature';
import type { Turn, TurnOutcome } from '../../conversation/turn';
import type { CalendarLinkRepository } from '../../domain/calendar-link';
import type { CertificatesTabLink } from '../../domain/tab-link';
import { CertificateFileHandler } from './certificate-file-handler';
import { RenewalReplies } from './renewal-replies';

export interface RenewalDatesFeatureDeps {
  readonly calendarLinks: CalendarLinks;
  readonly calendarLinkStore: CalendarLinkRepository;
  /** The bot's public base URL, known once the server listens (PORT=0 in tests). */
  readonly baseUrl: () => string;
  readonly renewalLeadMonths: number;
  /** Downloads an attached file from Teams (or, in local mode, from the activity's own host). */
  readonly fetch: (ref: AttachmentRef, serviceUrl: string) => Promise<FetchResult>;
  /** « Ouvrir dans Mes certificats » on the timeline card. */
  readonly tabLink?: CertificatesTabLink;
}

/** The renewal-dates feature, and its entry point for the knowledge feature's questions that carry a date. */
export interface RenewalDatesFeature extends Feature {
  start(turn: Turn, text: string | undefined): Promise<TurnOutcome> | TurnOutcome;
  /** How many months before expiry renewal should start (the timeline's « début du renouvellement conseillé »). */
  readonly renewalLeadMonths: number;
}

const NOT_FOUND: HttpAnswer = { status: 404, body: '' };

/**
 * Renewal dates from a date or from the certificate file itself: the timeline card, a calendar file behind an
 * expiring link (GET /calendar/<token>.ics), and the dialog that asks which date was meant.
 */
export function renewalDatesFeature(deps: RenewalDatesFeatureDeps): RenewalDatesFeature {
  const replies = new RenewalReplies(deps.calendarLinks, deps.baseUrl, deps.tabLink);
  const dialog = new RenewalDatesDialog(replies, deps.renewalLeadMonths);
  const files = new CertificateFileHandler({ fetch: deps.fetch, replies, renewalLeadMonths: deps.renewalLeadMonths });
  return {
    name: 'renewal-dates',
    start: (turn, text) => dialog.start(turn, text),
    renewalLeadMonths: deps.renewalLeadMonths,
    intents: { 'dates.compute': async (turn) => dialog.start(turn, turn.request.text) },
    verbs: {
      'dates.start': async (turn) => dialog.start(turn, undefined),
      // Reached only when no date question is pending (expired or forged): ask for the date afresh.
      'dates.pick': async (turn) => dialog.start(turn, undefined),
      'dates.role': async (turn) => dialog.start(turn, undefined),
    },
    dialogs: [dialog],
    files: (turn, attachments, serviceUrl) => files.handle(turn, attachments, serviceUrl),
    routes: [
      {
        method: 'GET',
        path: '/calendar/:file',
        handle: async ({ file }) => {
          const token = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file ?? '')?.[1];
          const ics = token ? await deps.calendarLinks.file(token) : undefined;
          // Unknown, malformed and expired links look the same from outside.
          if (!ics) return NOT_FOUND;
          return {
            status: 200,
            headers: {
              'Content-Type': 'text/calendar; charset=utf-8',
              'Content-Disposition': 'attachment; filename="certificat-ans.ics"',
              'Cache-Control': 'no-store',
              'X-Robots-Tag': 'noindex',
            },
            body: ics,
          };
        },
      },
    ],
    personalData: [
      { category: 'calendarLinks', count: (id) => deps.calendarLinkStore.countForUser(id), erase: (id) => deps.calendarLinkStore.removeForUser(id) },
    ],
  };
}
