import { BotFrameworkAuthentication, ClaimsIdentity, ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../../src/bot/caching-authentication';

/** An authentication that counts what it builds: each client is a new object. */
class CountingAuthentication extends BotFrameworkAuthentication {
  connectors = 0;
  userTokens = 0;
  authentications = 0;
  failNext = false;

  private factory(): ConnectorFactory {
    const build = (serviceUrl: string, audience?: string): ConnectorClient => {
      this.connectors += 1;
      if (this.failNext) {
        this.failNext = false;
        throw new Error('token endpoint down');
      }
      return { serviceUrl, audience, n: this.connectors } as unknown as ConnectorClient;
    };
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return build(serviceUrl, audience);
      }
    })();
  }

  async authenticateRequest(_activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    this.authentications += 1;
    return { claimsIdentity: new ClaimsIdentity([{ type: 'aud', value: authHeader }], true), connectorFactory: this.factory(), audience: 'https://api.botframework.com', callerId: '' };
  }
  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }
  createConnectorFactory(): ConnectorFactory {
    return this.factory();
  }
  async createUserTokenClient(): Promise<UserTokenClient> {
    this.userTokens += 1;
    return { n: this.userTokens } as unknown as UserTokenClient;
  }
}

describe('CachingBotFrameworkAuthentication', () => {
  let inner: CountingAuthentication;
  let now: number;
  let auth: CachingBotFrameworkAuthentication;
  const activity = {} as Activity;
  const client = async (header: string, serviceUrl = 'https://smba.trafficmanager.net/emea/') => {
    const result = await auth.authenticateRequest(activity, header);
    return result.connectorFactory?.create(serviceUrl, result.audience);
  };

  beforeEach(() => {
    inner = new CountingAuthentication();
    now = 0;
    auth = new CachingBotFrameworkAuthentication(inner, () => now);
  });

  it('authenticates every request, and builds one connector client per service URL and bot identity', async () => {
    const first = await client('bot-a');
    expect(await client('bot-a')).toBe(first);
    expect(inner.authentications).toBe(2);
    expect(inner.connectors).toBe(1);
    expect(await client('bot-a', 'https://smba.trafficmanager.net/amer/')).not.toBe(first);
    expect(await client('bot-b')).not.toBe(first);
    expect(inner.connectors).toBe(3);
  });

  it('builds a new client once the old one has served ten minutes', async () => {
    const first = await client('bot-a');
    now += 10 * 60 * 1000 - 1;
    expect(await client('bot-a')).toBe(first);
    now += 1;
    expect(await client('bot-a')).not.toBe(first);
  });

  it('does not keep a client that could not be built: the next turn tries again', async () => {
    inner.failNext = true;
    await expect(client('bot-a')).rejects.toThrow('token endpoint down');
    await expect(client('bot-a')).resolves.toBeDefined();
    expect(inner.connectors).toBe(2);
  });

  it('reuses the user-token client per bot identity', async () => {
    const identity = new ClaimsIdentity([{ type: 'aud', value: 'bot-a' }], true);
    const first = await auth.createUserTokenClient(identity);
    expect(await auth.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: 'bot-a' }], true))).toBe(first);
    expect(await auth.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: 'bot-b' }], true))).not.toBe(first);
    expect(inner.userTokens).toBe(2);
  });
});
