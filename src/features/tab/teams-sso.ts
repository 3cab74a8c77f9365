import type { JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../domain/clock';

/** What the tabs accept as a Teams SSO token. */
export interface SsoSettings {
  /** The audiences a token may be for: the app registration's client id and its Application ID URI. */
  readonly audiences: readonly string[];
  /** A tenant's JWKS URL; `{tenantId}` stands for the token's tenant. */
  readonly jwksUrl: string;
  /** Tenants whose people may sign in; undefined = any (a multi-tenant app). Lower case. */
  readonly tenants: readonly string[] | undefined;
  readonly clock: Clock;
}

/** Who a valid token says the person is: their Entra object id and tenant (lower case), and their name if given. */
export interface SsoIdentity {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly name: string | undefined;
}

/**
 * A token checked: the identity, or why it is refused — `unavailable` when the tenant's keys could not be fetched (try
 * again later), anything else for good.
 */
export type SsoCheck =
  | { readonly ok: true; readonly identity: SsoIdentity }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'tenant' | 'invalid' | 'unavailable' };

type Jose = typeof import('jose');
let loaded: Promise<Jose> | undefined;
const jose = (): Promise<Jose> => (loaded ??= import('jose'));

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** Key sets kept, at most: one per tenant seen; a multi-tenant app forgets the oldest beyond that. */
const MAX_KEY_SETS = 100;
/** Clock skew tolerated between Entra and this server on exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Checks the Teams SSO token a tab sends (`authentication.getAuthToken()`), as Entra issues it: signed (RS256) by a
 * key of the tenant's JWKS, for this app (`aud`), by that tenant (`iss`, v2 or v1), within its validity (`exp`,
 * `nbf`), naming a person (`oid`) of an accepted tenant (`tid`). The tenant is read before the signature is checked
 * only to choose the key set, and must be a GUID: it is part of the JWKS URL.
 */
export class TeamsSsoVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly settings: SsoSettings) {}

  async verify(authorization: string | undefined): Promise<SsoCheck> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return { ok: false, reason: 'missing' };
    // jose is loaded with the first token, not at start: a bot that serves no tab never pays for it.
    const { createRemoteJWKSet, decodeJwt, errors, jwtVerify } = await jose();
    let tenantId: string;
    try {
      const claimed = decodeJwt(token).tid;
      if (typeof claimed !== 'string' || !GUID.test(claimed)) return { ok: false, reason: 'malformed' };
      tenantId = claimed.toLowerCase();
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (this.settings.tenants && !this.settings.tenants.includes(tenantId)) return { ok: false, reason: 'tenant' };
    try {
      const { payload } = await jwtVerify(token, this.keySet(tenantId, createRemoteJWKSet), {
        audience: [...this.settings.audiences],
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        algorithms: ['RS256'],
        currentDate: this.settings.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      const { oid, tid, name } = payload;
      if (typeof oid !== 'string' || !GUID.test(oid) || typeof tid !== 'string' || tid.toLowerCase() !== tenantId) return { ok: false, reason: 'invalid' };
      return { ok: true, identity: { aadObjectId: oid.toLowerCase(), tenantId, name: typeof name === 'string' && name.trim() !== '' ? name : undefined } };
    } catch (error) {
      return { ok: false, reason: unavailable(error, errors) ? 'unavailable' : 'invalid' };
    }
  }

  /** The tenant's key set, fetched when first needed and then cached by jose (refetched for an unknown key id). */
  private keySet(tenantId: string, createRemoteJWKSet: Jose['createRemoteJWKSet']): JWTVerifyGetKey {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      if (this.keySets.size >= MAX_KEY_SETS) this.keySets.delete(this.keySets.keys().next().value ?? '');
      keys = createRemoteJWKSet(new URL(this.settings.jwksUrl.replaceAll('{tenantId}', tenantId)), { timeoutDuration: 5000 });
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }
}

/** Whether the keys could not be had (network, timeout, not a key set): the token itself was not judged. */
function unavailable(error: unknown, errors: Jose['errors']): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  // A fetch that failed (refused, reset, a non-2xx answer) is not one of jose's verdicts on the token.
  return !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
}
