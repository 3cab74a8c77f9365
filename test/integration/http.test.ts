import { message, without, type TeamsActivity } from '../harness/activities';
import { BotHarness } from '../harness/bot-harness';
import { INTERNALS } from './internals';

describe('the HTTP endpoint answers bad requests plainly and keeps serving', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    // Local mode (no MicrosoftAppId) asked to listen everywhere: it must bind to loopback anyway.
    harness = await BotHarness.start({ env: { HOST: '0.0.0.0' } });
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('answers malformed JSON with 400 {"error":"Bad request"} and serves the next request', async () => {
    const response = await harness.post('/api/messages', '{"type": "message", "text": "bonjour"', {
      headers: { 'Content-Type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"error":"Bad request"}');

    const next = await harness.send(message(harness.personalChat(), 'aide'));
    expect(next.status).toBe(200);
    expect(next.cards[0]?.title).toBe('Ce que je sais faire');
  });

  const valid = (): TeamsActivity => message(harness.personalChat(), 'bonjour');
  it.each<[string, () => unknown]>([
    ['no from', () => without(valid(), 'from')],
    ['no conversation', () => without(valid(), 'conversation')],
    ['no recipient', () => without(valid(), 'recipient')],
    ['no type', () => without(valid(), 'type')],
    ['no serviceUrl', () => without(valid(), 'serviceUrl')],
    ['a serviceUrl that is not http(s)', () => ({ ...valid(), serviceUrl: 'file:///etc/passwd' })],
    ['an empty conversation id', () => ({ ...valid(), conversation: { id: '' } })],
    ['a JSON array', () => [valid()]],
    ['a JSON string', () => JSON.stringify('bonjour')],
  ])('answers an activity with %s with 400 and sends nothing', async (_case, body) => {
    const before = harness.connector.calls.length;
    const payload = body();

    const response = await harness.post('/api/messages', typeof payload === 'string' ? payload : JSON.stringify(payload), {
      headers: { 'Content-Type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"error":"Bad request"}');
    expect(harness.connector.calls.length).toBe(before);
  });

  it('answers a body over MAX_BODY_BYTES with 413 and no internals', async () => {
    const huge = { ...message(harness.personalChat(), 'bonjour'), padding: 'x'.repeat(300 * 1024) };

    const response = await harness.post('/api/messages', JSON.stringify(huge), { headers: { 'Content-Type': 'application/json' } });

    expect(response.status).toBe(413);
    expect(response.body).toBe('{"error":"Payload too large"}');
    expect((await harness.get('/healthz')).status).toBe(200);
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await harness.post('/api/messages', 'type=message&text=bonjour', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const plain = await harness.post('/api/messages', JSON.stringify(message(harness.personalChat(), 'bonjour')), {
      headers: { 'Content-Type': 'text/plain' },
    });

    expect(response.status).toBe(415);
    expect(response.body).toBe('{"error":"Unsupported media type"}');
    expect(plain.status).toBe(415);
  });

  it('answers unknown paths and methods with fixed public errors', async () => {
    const unknown = await harness.get('/api/nothing-here');
    const wrongMethod = await harness.get('/api/messages');

    expect([unknown.status, unknown.body]).toEqual([404, '{"error":"Not found"}']);
    expect([wrongMethod.status, wrongMethod.body]).toEqual([405, '{"error":"Method not allowed"}']);
  });

  it('answers /healthz and /readyz with 200', async () => {
    const health = await harness.get('/healthz');
    const ready = await harness.get('/readyz');

    expect([health.status, health.json]).toEqual([200, { status: 'alive' }]);
    expect([ready.status, ready.json]).toEqual([200, { status: 'ready' }]);
  });

  it('binds to 127.0.0.1 in local mode, even when HOST asks for every interface', () => {
    expect(harness.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('readiness follows the database', () => {
  it('answers /readyz with 503 once the store is closed, while /healthz stays 200', async () => {
    const harness = await BotHarness.start();
    try {
      await harness.app.store.close();

      const ready = await harness.get('/readyz');
      const health = await harness.get('/healthz');

      expect([ready.status, ready.json]).toEqual([503, { status: 'not ready' }]);
      expect(ready.body).not.toMatch(INTERNALS);
      expect(health.status).toBe(200);
    } finally {
      await harness.stop();
    }
  });
});

describe('with Microsoft App credentials, every request must carry a valid token', () => {
  let harness: BotHarness;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    harness = await BotHarness.start({
      env: {
        MicrosoftAppId: '0b6f3c59-2c38-4c4a-9d2e-6b1f9e0c7a11',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
        HOST: '127.0.0.1',
      },
    });
  });

  beforeEach(() => {
    // botbuilder's CloudAdapter prints rejected requests to the console; the test checks the HTTP answer instead.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    consoleError.mockRestore();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it.each([
    ['without an Authorization header', {}],
    ['with a Bearer token that is not a JWT', { Authorization: 'Bearer not.a.jwt' }],
    ['with a Basic Authorization header', { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers a request %s with 401, no internals, and does not run the turn', async (_case, headers) => {
    const chat = harness.personalChat();

    const turn = await harness.send(message(chat, 'aide'), { headers });

    expect(turn.status).toBe(401);
    expect(turn.body).toBe('{"error":"Unauthorized"}');
    expect(turn.calls).toEqual([]);
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toBeUndefined();
  });
});
