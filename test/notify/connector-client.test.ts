import {
  cachingConnectorToken,
  ConnectorClient,
  jwtExpiresAt,
  retryAfterMs,
  type IssuedToken,
} from '../../src/notify/connector-client';
import { connectorFailures, FakeConnector } from '../../toolkit/fake-connector';

const HOUR = 60 * 60 * 1000;

/** A token issuer that counts its fetches and hands out t1, t2, … valid for an hour from `now()`. */
function countingIssuer(now: () => number = Date.now, delayMs = 20) {
  const issuer = {
    fetches: 0,
    forced: [] as boolean[],
    fail: false,
    fetch: async (forceRefresh: boolean): Promise<IssuedToken> => {
      issuer.fetches += 1;
      issuer.forced.push(forceRefresh);
      const n = issuer.fetches;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (issuer.fail) throw new Error('identity platform unreachable');
      return { token: `t${n}`, expiresAt: now() + HOUR };
    },
  };
  return issuer;
}

describe('the Bot Connector client for proactive sends', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => connector.reset());

  const client = new ConnectorClient(async () => 'token-123', 2000);
  const card = { type: 'message', text: 'rappel' };

  it('posts once, with the bearer token, and answers the new activity id', async () => {
    const outcome = await client.send(connector.serviceUrl, '19:abc@thread.tacv2', card);
    expect(outcome).toEqual({ kind: 'sent', activityId: expect.any(String) });
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]).toMatchObject({ kind: 'send', conversationId: '19:abc@thread.tacv2', headers: { authorization: 'Bearer token-123' } });
  });

  it('replaces an activity in place', async () => {
    expect(await client.update(connector.serviceUrl, 'a:1', '1700000000000', card)).toMatchObject({ kind: 'sent' });
    expect(connector.calls[0]).toMatchObject({ kind: 'update', activityId: '1700000000000' });
  });

  it.each([
    ['429 with Retry-After', connectorFailures.throttled(7), { kind: 'retry', afterMs: 7000, status: 429 }],
    ['503', connectorFailures.unavailable(), { kind: 'retry', afterMs: undefined, status: 503 }],
    ['412', { status: 412, body: {} }, { kind: 'retry', afterMs: undefined, status: 412 }],
    ['502', { status: 502 }, { kind: 'retry', afterMs: undefined, status: 502 }],
    ['504', { status: 504 }, { kind: 'retry', afterMs: undefined, status: 504 }],
    ['403 blocked', connectorFailures.blockedByUser(), { kind: 'unreachable', reason: 'ConversationBlockedByUser' }],
    ['404', { status: 404, body: { error: { code: 'ConversationNotFound' } } }, { kind: 'unreachable', reason: 'ConversationNotFound' }],
    ['400', { status: 400, body: { error: { code: 'BadArgument' } } }, { kind: 'failed', reason: 'BadArgument' }],
    ['500 without a body', { status: 500 }, { kind: 'failed', reason: 'HTTP 500' }],
    ['413 too big', { status: 413, body: { error: { code: 'MessageSizeTooBig' } } }, { kind: 'failed', reason: 'MessageSizeTooBig' }],
    ['413 without a body', { status: 413 }, { kind: 'failed', reason: 'MessageSizeTooBig' }],
  ])('%s is answered once, without a hidden retry', async (_label, scripted, expected) => {
    connector.enqueue(scripted);
    expect(await client.send(connector.serviceUrl, 'a:1', card)).toEqual(expected);
    expect(connector.calls).toHaveLength(1);
  });

  it("asks whether a person is a team's member: yes, no (404 or 403), or cannot say", async () => {
    expect(await client.isMember(connector.serviceUrl, '19:team@thread.tacv2', '6a0b0e3c-7f1e-4d7c-9f3a-2b5c8d1e4f60')).toBe(true);
    expect(connector.calls[0]).toMatchObject({ kind: 'getMember', conversationId: '19:team@thread.tacv2', memberId: '6a0b0e3c-7f1e-4d7c-9f3a-2b5c8d1e4f60', headers: { authorization: 'Bearer token-123' } });
    connector.enqueue({ status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } });
    expect(await client.isMember(connector.serviceUrl, '19:team@thread.tacv2', 'x')).toBe(false);
    connector.enqueue(connectorFailures.notInRoster());
    expect(await client.isMember(connector.serviceUrl, '19:team@thread.tacv2', 'x')).toBe(false);
    connector.enqueue(connectorFailures.throttled(1));
    expect(await client.isMember(connector.serviceUrl, '19:team@thread.tacv2', 'x')).toBeUndefined();
  });

  it('a connector that does not answer in time is a retry, not a failure', async () => {
    connector.enqueue({ status: 200, body: { id: 'late' }, delayMs: 3000 });
    expect(await new ConnectorClient(async () => undefined, 200).send(connector.serviceUrl, 'a:1', card)).toEqual({ kind: 'retry', afterMs: undefined, status: 0 });
  });

  it('ten concurrent sends on an empty token cache fetch one token and share it', async () => {
    const issuer = countingIssuer();
    const shared = new ConnectorClient(cachingConnectorToken(issuer.fetch), 2000);

    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => shared.send(connector.serviceUrl, `a:${i}`, card)));

    expect(outcomes.every((outcome) => outcome.kind === 'sent')).toBe(true);
    expect(issuer.fetches).toBe(1);
    expect(connector.calls.map((call) => call.headers.authorization)).toEqual(Array(10).fill('Bearer t1'));
  });

  it('a 401 refreshes the token once and repeats the request once with the fresh token', async () => {
    const issuer = countingIssuer();
    const refreshing = new ConnectorClient(cachingConnectorToken(issuer.fetch), 2000);
    connector.enqueue({ status: 401, body: { message: 'Authorization has been denied for this request.' } });

    const outcome = await refreshing.send(connector.serviceUrl, 'a:1', card);

    expect(outcome).toEqual({ kind: 'sent', activityId: expect.any(String) });
    expect(connector.calls.map((call) => [call.status, call.headers.authorization])).toEqual([
      [401, 'Bearer t1'],
      [200, 'Bearer t2'],
    ]);
    expect(issuer.forced).toEqual([false, true]);
  });

  it('sends refused together with the same token share one refresh', async () => {
    const issuer = countingIssuer();
    const refreshing = new ConnectorClient(cachingConnectorToken(issuer.fetch), 2000);
    connector.respondWith((call) => (call.headers.authorization === 'Bearer t1' ? { status: 401 } : undefined));

    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => refreshing.send(connector.serviceUrl, `a:${i}`, card)));

    expect(outcomes.every((outcome) => outcome.kind === 'sent')).toBe(true);
    expect(issuer.fetches).toBe(2);
    expect(connector.calls.filter((call) => call.status === 200).map((call) => call.headers.authorization)).toEqual(Array(5).fill('Bearer t2'));
  });

  it('a second 401 with the fresh token is a failure, after exactly two requests', async () => {
    const issuer = countingIssuer();
    const refreshing = new ConnectorClient(cachingConnectorToken(issuer.fetch), 2000);
    connector.respondWith(() => ({ status: 401 }));

    expect(await refreshing.update(connector.serviceUrl, 'a:1', '1700000000000', card)).toEqual({ kind: 'failed', reason: 'HTTP 401' });
    expect(connector.calls).toHaveLength(2);
    expect(issuer.fetches).toBe(2);
  });

  it('a 401 without a token (local mode) is not repeated', async () => {
    connector.enqueue({ status: 401 });

    expect(await new ConnectorClient(async () => undefined, 2000).send(connector.serviceUrl, 'a:1', card)).toEqual({ kind: 'failed', reason: 'HTTP 401' });
    expect(connector.calls).toHaveLength(1);
  });

  it('a token refresh that fails is a retry later, and is not cached', async () => {
    const issuer = countingIssuer();
    const refreshing = new ConnectorClient(cachingConnectorToken(issuer.fetch), 2000);
    issuer.fail = true;

    expect(await refreshing.send(connector.serviceUrl, 'a:1', card)).toEqual({ kind: 'retry', afterMs: undefined, status: 0 });
    issuer.fail = false;
    expect(await refreshing.send(connector.serviceUrl, 'a:1', card)).toMatchObject({ kind: 'sent' });
    expect(issuer.fetches).toBe(2);
    expect(connector.calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Thu, 26 Nov 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('the connector token cache', () => {
  it('keeps a token until five minutes before it expires, then fetches a new one', async () => {
    let clock = Date.parse('2026-11-26T09:00:00Z');
    const issuer = countingIssuer(() => clock, 0);
    const token = cachingConnectorToken(issuer.fetch, () => clock);

    expect(await token()).toBe('t1');
    clock += 54 * 60 * 1000;
    expect(await token()).toBe('t1');
    clock += 2 * 60 * 1000;
    expect(await token()).toBe('t2');
    expect(issuer.forced).toEqual([false, false]);
  });

  it('a token refused after another caller already refreshed it is answered from the cache', async () => {
    const issuer = countingIssuer(Date.now, 0);
    const token = cachingConnectorToken(issuer.fetch);

    expect(await token()).toBe('t1');
    expect(await token('t1')).toBe('t2');
    expect(await token('t1')).toBe('t2');
    expect(issuer.fetches).toBe(2);
  });

  it('reads the expiry of a JWT, and nothing from a token that is not one', () => {
    const claims = Buffer.from(JSON.stringify({ aud: 'https://api.botframework.com', exp: 1_800_000_000 })).toString('base64url');
    expect(jwtExpiresAt(`eyJhbGciOiJub25lIn0.${claims}.sig`)).toBe(1_800_000_000_000);
    expect(jwtExpiresAt('opaque-token')).toBeUndefined();
    expect(jwtExpiresAt('a.not-json.b')).toBeUndefined();
  });
});
