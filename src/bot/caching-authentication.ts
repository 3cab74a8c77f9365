import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** How long one Bot Connector client is reused: its credentials refresh their own tokens, this bounds anything else. */
const REUSE_MS = 10 * 60 * 1000;
/** Distinct (service URL, audience, bot identity) triples kept: Teams uses a handful of service URLs per region. */
const MAX_ENTRIES = 64;

/**
 * botbuilder's CloudAdapter builds a new Bot Connector client — credentials and a whole HTTP pipeline of policies —
 * and a new user-token client for every incoming activity, then drops them: about a tenth of a turn's CPU, and much of
 * its garbage. Both are stateless towards a given service URL and bot identity (the credentials cache and refresh
 * their own tokens), so they are built once and reused for a while, as botbuilder's former BotFrameworkAdapter did
 * with its connector clients. Authentication itself (the JWT check of each request) is never cached.
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new TtlCache<Promise<ConnectorClient>>();
  private readonly userTokens = new TtlCache<Promise<UserTokenClient>>();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCaching(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCaching(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(identityKey(claimsIdentity), this.now(), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCaching(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.caching(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private caching(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(factory, identityKey(claimsIdentity), this.connectors, this.now);
  }
}

/** One turn's connector factory: the clients it hands out come from the shared cache. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly identity: string,
    private readonly cache: TtlCache<Promise<ConnectorClient>>,
    private readonly now: () => number,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.identity}\n${serviceUrl}\n${audience ?? ''}`, this.now(), () => this.inner.create(serviceUrl, audience));
  }
}

/** The claims that decide which credentials a client carries: who the bot is and who it answers. */
const IDENTITY_CLAIMS = new Set(['aud', 'appid', 'azp', 'ver', 'iss']);

function identityKey(claimsIdentity: ClaimsIdentity | undefined): string {
  let key = '';
  // Claims come in the token's order, which is the issuer's: stable for a given bot and channel.
  for (const claim of claimsIdentity?.claims ?? []) if (IDENTITY_CLAIMS.has(claim.type)) key += `${claim.type}=${claim.value}&`;
  return key;
}

/** A small cache of promises that expire; a rejected promise is dropped so that the next call tries again. */
class TtlCache<T extends Promise<unknown>> {
  private readonly entries = new Map<string, { readonly value: T; readonly expiresAt: number }>();

  get(key: string, now: number, create: () => T): T {
    const found = this.entries.get(key);
    if (found && found.expiresAt > now) return found.value;
    if (found) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const value = create();
    this.entries.set(key, { value, expiresAt: now + REUSE_MS });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
