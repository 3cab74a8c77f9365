import type { Locale } from './locale';

/**
 * Who a person is, on both sides of Teams: in a chat by their Teams id ("29:…"), in a tab signed in with Teams SSO by
 * their Entra object id and tenant.
 */
export interface Identity {
  readonly userId: string;
  /** Entra (Azure AD) object id, lower case. */
  readonly aadObjectId?: string | undefined;
  readonly tenantId?: string | undefined;
}

/** What certibot remembers about a person on its own: the language they chose, and how to recognise them. */
export interface Person extends Identity {
  readonly locale: Locale | undefined;
}

export interface UserPreferencesRepository {
  getLocale(userId: string): Promise<Locale | undefined>;
  setLocale(userId: string, locale: Locale, at: Date): Promise<void>;
  /** The person, if certibot knows them (they chose a language, or were identified). */
  get(userId: string): Promise<Person | undefined>;
  /** Records a person's Entra object id and tenant; writes only when they are new or changed. */
  identify(identity: Identity, at: Date): Promise<void>;
  /** The person with this Entra object id in this tenant (a tab's SSO identity), if they ever spoke to certibot. */
  findByAad(aadObjectId: string, tenantId: string): Promise<Person | undefined>;
  remove(userId: string): Promise<boolean>;
  exists(userId: string): Promise<boolean>;
}

/** Whether `identify` would change what is stored about `known`. */
export function identityChanged(known: Identity | undefined, seen: Identity): boolean {
  if (!seen.aadObjectId && !seen.tenantId) return false;
  return known?.aadObjectId !== seen.aadObjectId?.toLowerCase() || known?.tenantId !== seen.tenantId;
}
