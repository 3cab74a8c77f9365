import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** A signing key of the fake identity platform: its private half signs tokens, its public JWK is published. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A stand-in for Entra's key discovery on 127.0.0.1: GET /{tenantId}/keys answers that tenant's JWKS (404 for a
 * tenant it does not know). `jwksUrl` is what TAB_SSO_JWKS_URL is set to.
 */
export class LocalEntra {
  /** How many key set requests it answered, per tenant. */
  readonly fetches = new Map<string, number>();

  private constructor(
    private readonly server: http.Server,
    private readonly keys: ReadonlyMap<string, readonly SigningKey[]>,
  ) {}

  static async start(keys: ReadonlyMap<string, readonly SigningKey[]>): Promise<LocalEntra> {
    const server = http.createServer();
    const entra = new LocalEntra(server, keys);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => entra.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return entra;
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/{tenantId}/keys`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const tenant = /^\/([^/]+)\/keys$/.exec(req.url ?? '')?.[1] ?? '';
    const keys = this.keys.get(tenant);
    // Not chained: restify, loaded in the same process by other tests, patches writeHead and returns nothing.
    if (!keys) {
      res.writeHead(404);
      res.end();
      return;
    }
    this.fetches.set(tenant, (this.fetches.get(tenant) ?? 0) + 1);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ keys: keys.map((key) => key.jwk) }));
  }
}

export interface TokenClaims extends JWTPayload {
  readonly oid?: string;
  readonly tid?: string;
  readonly name?: string;
}

/**
 * A Teams SSO token as Entra issues it (v2 unless `iss` says otherwise), signed with `key`, valid from `now` for an
 * hour unless the claims say otherwise.
 */
export function ssoToken(key: SigningKey, now: Date, claims: TokenClaims & { readonly tid: string }): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    iss: `https://login.microsoftonline.com/${claims.tid}/v2.0`,
    iat: seconds,
    nbf: seconds,
    exp: seconds + 3600,
    ver: '2.0',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}

/** A token with no signature at all (alg "none"), which no check may accept. */
export function unsignedToken(claims: TokenClaims): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
