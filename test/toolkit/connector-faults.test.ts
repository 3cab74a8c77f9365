import { connectorFailures, FakeConnector, type ScriptedResponse } from '../../toolkit/fake-connector';
import { httpRequest, type HttpResponse } from '../harness/http-client';

/** Fault injection: which calls fail, with what, and how late, as the dispatcher and the benchmarks rely on it. */
describe('the fake connector injects faults', () => {
  let connector: FakeConnector;
  const post = (conversationId = 'a:1'): Promise<HttpResponse> =>
    httpRequest(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`, { body: { type: 'message', text: 'Bonjour' } });
  const lookup = (): Promise<HttpResponse> => httpRequest(`${connector.serviceUrl}v3/conversations/a%3A1/members/29%3A1`);
  const statusesOf = async (count: number): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push((await post()).status);
    return statuses;
  };

  beforeEach(async () => {
    connector = await FakeConnector.start();
  });

  afterEach(async () => {
    await connector.close();
  });

  it.each<[string, ScriptedResponse, number, unknown]>([
    ['throttled', connectorFailures.throttled(3), 429, 'TooManyRequests'],
    ['preconditionFailed', connectorFailures.preconditionFailed(), 412, 'PreconditionFailed'],
    ['internalError', connectorFailures.internalError(), 500, 'InternalServerError'],
    ['badGateway', connectorFailures.badGateway(), 502, 'BadGateway'],
    ['unavailable', connectorFailures.unavailable(), 503, 'ServiceUnavailable'],
    ['gatewayTimeout', connectorFailures.gatewayTimeout(), 504, 'GatewayTimeout'],
    ['blockedByUser', connectorFailures.blockedByUser(), 403, 'ConversationBlockedByUser'],
    ['writesBlocked', connectorFailures.writesBlocked(), 403, 'MessageWritesBlocked'],
    ['notInRoster', connectorFailures.notInRoster(), 403, 'BotNotInConversationRoster'],
    ['conversationNotFound', connectorFailures.conversationNotFound(), 404, 'ConversationNotFound'],
    ['unauthorized', connectorFailures.unauthorized(), 401, undefined],
  ])('%s answers %d with the Teams error code', async (_name, failure, status, code) => {
    connector.inject({ answer: failure });

    const response = await post();

    expect(response.status).toBe(status);
    expect((response.json as { error?: { code?: unknown } }).error?.code).toBe(code);
    if (status === 429) expect(response.headers['retry-after']).toBe('3');
    expect(connector.calls[0]).toMatchObject({ kind: 'send', status });
  });

  it('fails the next N matching calls, then answers normally', async () => {
    const fault = connector.inject({ match: 'send', times: 2, answer: connectorFailures.unavailable() });

    const member = await lookup();
    const statuses = await statusesOf(3);

    expect(member.status).toBe(200);
    expect(statuses).toEqual([503, 503, 200]);
    expect([fault.hits, fault.spent]).toEqual([2, true]);
  });

  it('fails the calls a predicate chooses, until the fault is removed', async () => {
    const fault = connector.inject({ match: (call) => call.conversationId === 'a:blocked', answer: connectorFailures.blockedByUser() });

    expect([(await post('a:blocked')).status, (await post('a:open')).status]).toEqual([403, 200]);
    fault.remove();
    expect((await post('a:blocked')).status).toBe(200);
  });

  it('refuses a seeded share of the calls, half 429 and half 503, the same ones for the same seed', async () => {
    const refuse = (target: FakeConnector) =>
      target.inject({ match: 'send', rate: 0.2, answer: [connectorFailures.throttled(1), connectorFailures.unavailable()] });
    refuse(connector);
    const statuses = await statusesOf(200);
    await connector.close();
    connector = await FakeConnector.start();
    refuse(connector);

    const refused = statuses.filter((status) => status !== 200);
    expect(refused.length).toBeGreaterThan(20);
    expect(refused.length).toBeLessThan(60);
    expect(new Set(refused)).toEqual(new Set([429, 503]));
    expect(await statusesOf(200)).toEqual(statuses);
  });

  it('adds latency to normal answers and to faults alike', async () => {
    connector.inject({ delayMs: 60 });
    connector.inject({ match: 'send', times: 1, answer: connectorFailures.blockedByUser() });

    let started = Date.now();
    const refused = await post();
    const refusedMs = Date.now() - started;
    started = Date.now();
    const accepted = await post();

    expect([refused.status, accepted.status]).toEqual([403, 200]);
    expect(refusedMs).toBeGreaterThanOrEqual(55);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('tries rules before the respondWith fallback, and reset() lifts them all', async () => {
    connector.respondWith(() => connectorFailures.badGateway());
    connector.inject({ match: 'send', times: 1, answer: connectorFailures.throttled() });

    expect([(await post()).status, (await post()).status]).toEqual([429, 502]);
    connector.reset();
    expect((await post()).status).toBe(200);
  });

  it('shows a slow call in flight, and marks it abandoned when the caller gives up', async () => {
    connector.inject({ delayMs: 300 });

    const gaveUp = httpRequest(`${connector.serviceUrl}v3/conversations/a%3A1/activities`, { body: { type: 'message', text: 'Bonjour' }, timeoutMs: 50 });
    await connector.waitForCalls(1);
    expect(connector.inFlight()).toHaveLength(1);
    await expect(gaveUp).rejects.toThrow('within 50 ms');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(connector.inFlight()).toEqual([]);
    expect(connector.calls[0]?.abandoned).toBe(true);
  });

  it('counts the statuses it answered', async () => {
    connector.inject({ match: 'send', times: 1, answer: connectorFailures.unavailable() });
    await statusesOf(3);
    await lookup();

    expect(connector.statusCounts('send')).toEqual(new Map([[503, 1], [200, 2]]));
    expect(connector.statusCounts()).toEqual(new Map([[503, 1], [200, 3]]));
  });

  it('refuses a rate outside 0…1 and an empty answer list', () => {
    expect(() => connector.inject({ rate: 1.5, answer: connectorFailures.unavailable() })).toThrow('between 0 and 1');
    expect(() => connector.inject({ answer: [] })).toThrow('at least one answer');
  });
});
