/**
 * What the tabs' API answers, as JSON: every text already in the reader's language and plain (the page puts it in the
 * DOM as text), every choice already made by the server (which buttons, which colour). The page script reads these
 * types through JSDoc.
 */
import type { Locale } from '../../domain/locale';
import type { RenewalStatus } from '../../domain/renewal';
import type { MessageKey } from '../../messages/catalogs/fr';

/** The pages: the personal tab, the team tab, and the team tab's configuration page. */
export type TabPage = 'certificates' | 'team' | 'team-config';

/** The catalog sentences the page script shows as they are (no placeholders: the API words everything else). */
export const PAGE_STRINGS = [
  'app.name',
  'list.title',
  'list.empty',
  'list.add',
  'list.delete',
  'list.history',
  'register.list.edit',
  'register.field.label',
  'register.field.labelHint',
  'register.field.expiry',
  'register.field.finess',
  'register.field.usage',
  'register.field.corridor',
  'register.field.structure',
  'register.field.scope',
  'reminder.action.snoozeDay',
  'reminder.action.snoozeWeek',
  'reminder.action.stop',
  'history.upcoming',
  'history.past',
  'timeline.certificateTitle',
  'dates.role.issue',
  'dates.role.expiry',
  'tab.loading',
  'tab.retry',
  'tab.openInTeams',
  'tab.error.auth',
  'tab.error.forbidden',
  'tab.error.unavailable',
  'tab.local.title',
  'tab.destinations',
  'tab.remindersOff',
  'tab.add.title',
  'tab.edit.title',
  'tab.save',
  'tab.cancel',
  'tab.choice.none',
  'tab.delete.confirm',
  'tab.calculator.title',
  'tab.calculator.date',
  'tab.calculator.role',
  'tab.calculator.compute',
  'tab.calculator.file',
  'tab.calculator.fileHint',
  'tab.team.title',
  'tab.team.intro',
  'tab.team.empty',
  'tab.config.intro',
  'tab.requests.title',
  'tab.requests.empty',
  'tab.requests.hint',
  'tab.requests.history',
  'tab.queues.title',
] as const satisfies readonly MessageKey[];

/** What the page script is told: which page, whether this is local mode, where things are, and its words. */
export type PageString = (typeof PAGE_STRINGS)[number];

export interface PageConfig {
  readonly page: TabPage;
  readonly localMode: boolean;
  readonly defaultLocale: Locale;
  readonly api: string;
  /** The Teams JavaScript library, loaded only inside a frame (Teams); never outside it. */
  readonly teamsJs: string;
  /** The team tab's content page, for its configuration page to save. */
  readonly teamTabUrl: string;
  readonly strings: Readonly<Record<Locale, Readonly<Record<PageString, string>>>>;
}


/** Who the page shows data for: signed in with Teams, or the clearly marked local identity of local mode. */
export interface ViewerView {
  readonly mode: 'teams' | 'local';
  /** Local mode: the sentence that says whose data this is, and that nobody signed in. */
  readonly banner: string | undefined;
}

/** One line of a reminder's history: what, when, where, and its state; `tone` picks its colour. */
export interface HistoryLineView {
  readonly title: string;
  readonly status: string;
  readonly tone: 'neutral' | 'good' | 'attention';
}

/** The latest reminder sent to a destination (current expiry cycle): the one the tab can snooze, as its card can. */
export interface SentReminderView {
  readonly delivery: string;
  readonly text: string;
  readonly canSnooze: boolean;
}

export interface DestinationView {
  readonly text: string;
  /** Why reminders cannot reach it at the moment, if they cannot. */
  readonly unreachable: string | undefined;
  readonly latest: SentReminderView | undefined;
}

/** The form's fields as stored, for editing: '' for a field not given. */
export interface CertificateFieldsView {
  readonly label: string;
  readonly expiry: string;
  readonly finess: string;
  readonly usage: string;
  readonly corridor: string;
  readonly structure: string;
  readonly scope: string;
}

/** One certificate of « Mes certificats ». */
export interface CertificateView {
  readonly id: string;
  readonly label: string;
  /** YYYY-MM-DD. */
  readonly expiryDate: string;
  readonly status: RenewalStatus;
  readonly statusLabel: string;
  /** "Expire le 15 mars 2027 (dans 90 jours)". */
  readonly expiryText: string;
  /** The next reminder and how many destinations, or "no reminder to come". */
  readonly nextText: string;
  readonly remindersOn: boolean;
  /** Whether the person answers for it (edit, stop, delete). */
  readonly owner: boolean;
  readonly fields: CertificateFieldsView;
  readonly destinations: readonly DestinationView[];
  readonly history: { readonly upcoming: readonly HistoryLineView[]; readonly past: readonly HistoryLineView[]; readonly older: string | undefined };
}

export interface ChoiceView {
  readonly title: string;
  readonly value: string;
}

/** One line of a request's history as its requester was told it in the chat (internal notes never). */
export interface RequestEventView {
  readonly when: string;
  readonly who: string;
  readonly text: string;
}

/** How a ticket's state is coloured: waiting for an agent, being worked, done. */
export type TicketTone = 'open' | 'assigned' | 'closed';

/** One support request the person opened. */
export interface RequestView {
  readonly id: string;
  /** CERT-2026-0042 */
  readonly number: string;
  /** "Renouvellement · CH de Nîmes" */
  readonly title: string;
  readonly queue: string;
  /** "Pris en charge par Dominique Bernard" */
  readonly state: string;
  readonly tone: TicketTone;
  /** "Ouverte le … · mise à jour le …" */
  readonly dates: string;
  readonly history: readonly RequestEventView[];
}

/** GET /api/tab/v1/me: the personal tab. */
export interface MeView {
  readonly locale: Locale;
  readonly viewer: ViewerView;
  /** Set when certibot does not know this person yet (no personal chat): what to do first. */
  readonly notice: string | undefined;
  readonly certificates: readonly CertificateView[];
  /** The support requests the person opened, newest first. */
  readonly requests: readonly RequestView[];
  readonly choices: { readonly usage: readonly ChoiceView[]; readonly corridor: readonly ChoiceView[]; readonly structure: readonly ChoiceView[]; readonly scope: readonly ChoiceView[] };
}

/** One certificate a team's channels are reminded of. */
export interface TeamCertificateView {
  readonly id: string;
  readonly label: string;
  readonly status: RenewalStatus;
  readonly statusLabel: string;
  readonly expiryText: string;
  readonly nextText: string;
}

/** One open ticket of a support queue, for its agents. */
export interface QueueTicketView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** "Haute (échanges bloqués)" */
  readonly urgency: string;
  readonly urgent: boolean;
  readonly state: string;
  readonly tone: TicketTone;
  /** "Ouverte il y a 3 heures" */
  readonly age: string;
}

/** A support queue worked in one of the team's channels, with its open tickets, oldest first. */
export interface QueueView {
  readonly id: string;
  /** "Demandes ouvertes — ANS – équipe certificats (2)" */
  readonly title: string;
  /** Set when no ticket is open. */
  readonly empty: string | undefined;
  readonly tickets: readonly QueueTicketView[];
}

/** GET /api/tab/v1/team: the team tab. */
export interface TeamView {
  readonly locale: Locale;
  readonly viewer: ViewerView;
  /** Set when the bot is not in any channel of this team: what to do first. */
  readonly notice: string | undefined;
  readonly certificates: readonly TeamCertificateView[];
  /** The support queues worked in the team's channels (none for a team that is not a support team). */
  readonly queues: readonly QueueView[];
}

/** POST /api/tab/v1/actions: what came of it, said to the person. */
export interface ActionResultView {
  readonly ok: boolean;
  readonly message: string;
}

/** POST /api/tab/v1/renewal: the calculator's answer. */
export type RenewalView =
  | {
      readonly ok: true;
      readonly status: RenewalStatus;
      readonly statusText: string;
      readonly advice: string;
      readonly rows: ReadonlyArray<{ readonly title: string; readonly value: string }>;
      /** What the certificate file says, when one was read. */
      readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly message: string };
