import type { HttpRequest } from '../../conversation/feature';
import type { ConversationRecord, ConversationRepository } from '../../domain/conversation';
import { resolveLocale, type Locale } from '../../domain/locale';
import type { UserPreferencesRepository } from '../../domain/user-preferences';
import type { TeamsSsoVerifier } from './teams-sso';

/** The person a tab request is for, as certibot knows them: their Teams id and their chat with certibot. */
export interface KnownPerson {
  readonly userId: string;
  readonly tenantId: string | undefined;
  /** The personal chat: the tab acts as from there, and reminders of what it registers go there. */
  readonly chat: ConversationRecord;
}

/** Who looks at a tab. */
export interface TabViewer {
  readonly mode: 'teams' | 'local';
  readonly aadObjectId: string | undefined;
  readonly tenantId: string | undefined;
  /** As the token names them, for "snoozed by …" on the cards; local mode names its identity as such. */
  readonly name: string | undefined;
  /** Undefined when the person never opened a personal chat with certibot: then there is nothing of theirs. */
  readonly person: KnownPerson | undefined;
  readonly locale: Locale;
}

/** A request's viewer, or the status that refuses it (401: no valid token; 503: the keys could not be fetched). */
export type ViewerCheck = { readonly ok: true; readonly viewer: TabViewer } | { readonly ok: false; readonly status: 401 | 503 };

export interface TabViewersDeps {
  readonly localMode: boolean;
  /** Undefined outside local mode when SSO is not configured: then nobody gets in. */
  readonly sso: Pick<TeamsSsoVerifier, 'verify'> | undefined;
  readonly users: Pick<UserPreferencesRepository, 'findByAad' | 'getLocale'>;
  readonly conversations: Pick<ConversationRepository, 'findPersonal' | 'latest'>;
  readonly defaultLocale: Locale;
}

/**
 * Who a tab request comes from. In Teams, the person the SSO token names (Entra object id and tenant), found among the
 * people certibot knows. In local mode (no app id, loopback only) nobody signs in: the page is for the person of the
 * personal chat saved last, and says so. The language is the person's choice, else the Teams client's (`locale`).
 */
export class TabViewers {
  constructor(private readonly deps: TabViewersDeps) {}

  async of(request: HttpRequest): Promise<ViewerCheck> {
    if (this.deps.localMode) return { ok: true, viewer: await this.local(request) };
    if (!this.deps.sso) return { ok: false, status: 401 };
    const check = await this.deps.sso.verify(request.headers.authorization);
    if (!check.ok) return { ok: false, status: check.reason === 'unavailable' ? 503 : 401 };
    const { aadObjectId, tenantId, name } = check.identity;
    const found = await this.deps.users.findByAad(aadObjectId, tenantId);
    const chat = found ? await this.deps.conversations.findPersonal(found.userId) : undefined;
    const person = found && chat ? { userId: found.userId, tenantId, chat } : undefined;
    return { ok: true, viewer: { mode: 'teams', aadObjectId, tenantId, name, person, locale: await this.locale(person, request) } };
  }

  private async local(request: HttpRequest): Promise<TabViewer> {
    const chat = await this.deps.conversations.latest('personal');
    const person = chat?.userId ? { userId: chat.userId, tenantId: chat.tenantId, chat } : undefined;
    return { mode: 'local', aadObjectId: chat?.userAadId, tenantId: chat?.tenantId, name: undefined, person, locale: await this.locale(person, request) };
  }

  private async locale(person: KnownPerson | undefined, request: HttpRequest): Promise<Locale> {
    const saved = person ? await this.deps.users.getLocale(person.userId) : undefined;
    return resolveLocale(saved, request.query.locale, this.deps.defaultLocale);
  }
}
