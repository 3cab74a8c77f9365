import type { Feature, HttpAnswer, HttpRequest, HttpRoute } from '../../conversation/feature';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import type { Locale } from '../../domain/locale';
import type { ReminderCardRefresher } from '../../domain/reminders/follow-ups';
import type { CertificateRegister } from '../../domain/reminders/reminder-repository';
import type { SupportQueue } from '../../domain/tickets/queues';
import type { UserPreferencesRepository } from '../../domain/user-preferences';
import { certificatesView } from './certificates-view';
import { RequestViews, type RequestViewsDeps } from './requests-view';
import { renewalAnswer, renewalQuestionSchema } from './renewal-calculator';
import { TabCommands, tabCommandSchema, type TabVerbs } from './tab-commands';
import { assetsDir, TabPages } from './tab-pages';
import { TabViewers, type TabViewer } from './tab-viewer';
import { TeamViews, type TeamMembership } from './team-view';
import { TeamsSsoVerifier } from './teams-sso';

export interface TabFeatureDeps {
  readonly localMode: boolean;
  /** Teams SSO: the app the tokens are for and its Application ID URI, the tenants' keys, the tenants accepted. */
  readonly sso: { readonly audiences: readonly string[]; readonly jwksUrl: string; readonly tenants: readonly string[] | undefined } | undefined;
  /** The chat's card verbs the tab performs (the reminders feature's). */
  readonly verbs: TabVerbs;
  readonly register: CertificateRegister;
  readonly conversations: ConversationRepository;
  readonly users: UserPreferencesRepository;
  readonly cards: ReminderCardRefresher;
  readonly membership: TeamMembership;
  /** Support requests: the person's own, and a support team's open tickets. */
  readonly tickets: RequestViewsDeps['tickets'];
  readonly queues: readonly SupportQueue[];
  readonly clock: Clock;
  /** The real clock, for tokens: their validity is in real time even when a demo shifts the bot's clock. */
  readonly tokenClock: Clock;
  readonly defaultLocale: Locale;
  readonly renewalLeadMonths: number;
}

const NOT_FOUND: HttpAnswer = { status: 404, body: '' };
const BAD_REQUEST: HttpAnswer = { status: 400, body: '' };

/** A JSON answer of the API: never cached, never guessed as another type. */
function json(value: unknown): HttpAnswer {
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    body: JSON.stringify(value),
  };
}

/**
 * The Teams app's tabs: « Mes certificats » (personal, /tabs/certificates), « Certificats de l'équipe » (a team's
 * channel tab, /tabs/team, configured at /tabs/team/config), their files, and their API under /api/tab/v1,
 * authenticated by the Teams SSO token (or, in local mode only, by nobody: a clearly marked local identity).
 */
export function tabFeature(deps: TabFeatureDeps): Feature {
  // The pages are built (their words translated, their files read) with the first request for one, not at start;
  // their files' presence is checked now, so that a broken install fails to start rather than on the first visit.
  assetsDir();
  let built: TabPages | undefined;
  const pages = (): TabPages => (built ??= new TabPages({ localMode: deps.localMode, defaultLocale: deps.defaultLocale }));
  const sso = deps.sso ? new TeamsSsoVerifier({ ...deps.sso, clock: deps.tokenClock }) : undefined;
  const viewers = new TabViewers({ localMode: deps.localMode, sso, users: deps.users, conversations: deps.conversations, defaultLocale: deps.defaultLocale });
  const requests = new RequestViews({ tickets: deps.tickets, queues: deps.queues, clock: deps.clock });
  const teams = new TeamViews({ register: deps.register, conversations: deps.conversations, membership: deps.membership, requests, clock: deps.clock, renewalLeadMonths: deps.renewalLeadMonths });
  const commands = new TabCommands({ verbs: deps.verbs, register: deps.register, cards: deps.cards, clock: deps.clock });

  /** An API route: the viewer first (401/503 otherwise), then the answer. */
  const api = (method: HttpRoute['method'], path: string, answer: (viewer: TabViewer, request: HttpRequest) => Promise<HttpAnswer>): HttpRoute => ({
    method,
    path: `/api/tab/v1/${path}`,
    handle: async (_params, request) => {
      const check = await viewers.of(request);
      return check.ok ? answer(check.viewer, request) : { status: check.status, body: '' };
    },
  });

  return {
    name: 'tab',
    routes: [
      { method: 'GET', path: '/tabs/certificates', handle: async (_params, request) => pages().page('certificates', request) },
      { method: 'GET', path: '/tabs/team', handle: async (_params, request) => pages().page('team', request) },
      { method: 'GET', path: '/tabs/team/config', handle: async (_params, request) => pages().page('team-config', request) },
      { method: 'GET', path: '/tabs/assets/:file', handle: async ({ file }, request) => (file ? pages().asset(file, request) : NOT_FOUND) },
      api('GET', 'me', async (viewer) =>
        json(await certificatesView(viewer, { register: deps.register, conversations: deps.conversations, requests, clock: deps.clock, renewalLeadMonths: deps.renewalLeadMonths })),
      ),
      api('GET', 'team', async (viewer, request) => {
        const view = await teams.view(viewer, request.query.team || undefined);
        return view === 'forbidden' ? { status: 403, body: '' } : json(view);
      }),
      api('POST', 'actions', async (viewer, request) => {
        const command = tabCommandSchema.safeParse(request.body);
        return command.success ? json(await commands.run(viewer, command.data)) : BAD_REQUEST;
      }),
      api('POST', 'renewal', async (viewer, request) => {
        const question = renewalQuestionSchema.safeParse(request.body);
        return question.success ? json(renewalAnswer(question.data, viewer.locale, deps.clock, deps.renewalLeadMonths)) : BAD_REQUEST;
      }),
    ],
  };
}
