import { ConnectorClient, retryAfterMs } from '../../src/notify/connector-client';
import { connectorFailures, FakeConnector } from '../../toolkit/fake-connector';

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
  ])('%s is answered once, without a hidden retry', async (_label, scripted, expected) => {
    connector.enqueue(scripted);
    expect(await client.send(connector.serviceUrl, 'a:1', card)).toEqual(expected);
    expect(connector.calls).toHaveLength(1);
  });

  it('a connector that does not answer in time is a retry, not a failure', async () => {
    connector.enqueue({ status: 200, body: { id: 'late' }, delayMs: 3000 });
    expect(await new ConnectorClient(async () => undefined, 200).send(connector.serviceUrl, 'a:1', card)).toEqual({ kind: 'retry', afterMs: undefined, status: 0 });
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
