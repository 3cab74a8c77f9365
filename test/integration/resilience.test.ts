import net from 'node:net';
import { executeAction, message } from '../harness/activities';
import { BotHarness } from '../harness/bot-harness';
import { adaptiveCardsOf } from '../harness/card-text';
import { connectorFailures, type ConnectorCall } from '../../toolkit/fake-connector';
import { t } from '../../src/messages/translator';

const SECRET = 'connector exploded at ConnectorService.send (internal.cs:42)';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const carriesCard = (call: ConnectorCall) => adaptiveCardsOf(call.body).length > 0;

/** A gate a scripted connector answer waits on, so that a turn stays in flight until the test opens it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * A raw HTTP/1.1 connection: lets a test start a request (its first bytes) before a shutdown and finish it during
 * the drain, which no HTTP client can do.
 */
async function rawConnection(port: number): Promise<{ write(chunk: string): void; response(): Promise<string> }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => undefined);
  return { write: (chunk) => void socket.write(chunk), response: () => closed };
}

describe('a graceful shutdown finishes the turns in flight and refuses new ones', () => {
  it('completes a turn in flight before stop() resolves, and answers a request arriving meanwhile with 503', async () => {
    const harness = await BotHarness.start();
    try {
      const chat = harness.personalChat();
      const connectorGate = gate();
      harness.connector.enqueue(async () => {
        await connectorGate.opened;
        return { status: 200, body: { id: '1:held' } };
      }, 'reply');

      const inFlight = harness.send(message(chat, 'aide'));
      await harness.connector.waitForCalls(1, 'reply');

      // A second client has connected and sent the first bytes of its request before the shutdown starts.
      const late = await rawConnection(harness.app.port);
      const body = JSON.stringify(message(harness.personalChat(), 'bonjour'));
      late.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await sleep(50);

      let stopped = false;
      const stopping = harness.stopApp().then(() => {
        stopped = true;
      });
      late.write(`Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      const lateResponse = await late.response();

      expect(lateResponse).toMatch(/^HTTP\/1\.1 503 /);
      expect(lateResponse.endsWith('\r\n\r\n{"error":"Service unavailable"}')).toBe(true);
      await sleep(100);
      expect(stopped).toBe(false);

      connectorGate.open();
      const turn = await inFlight;
      await stopping;

      expect(turn.status).toBe(200);
      expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
      expect(stopped).toBe(true);
    } finally {
      await harness.stop();
    }
  });
});

describe('a turn whose reply cannot be delivered fails without leaking internals', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start();
  });

  afterEach(() => {
    harness.connector.reset();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('tells the user in French, with a reference, when the connector answers 500 to every attempt of the reply', async () => {
    // Intended: botbuilder retries a 500 three times with backoff (about 3.5 to 7 s).
    harness.connector.respondWith((call) => (carriesCard(call) ? connectorFailures.internalError(SECRET) : undefined));
    const chat = harness.personalChat();
    const activity = message(chat, 'aide');

    const turn = await harness.send(activity);

    expect(turn.status).toBe(200);
    expect(turn.body).toBe('');
    const cardAttempts = turn.calls.filter(carriesCard);
    expect(cardAttempts.length).toBeGreaterThan(1);
    expect(cardAttempts.every((call) => call.status === 500)).toBe(true);
    expect(turn.cards).toEqual([]);
    expect(turn.texts).toEqual([t('fr', 'error.generic', { ref: activity.id.slice(0, 12) })]);
    expect(turn.texts[0]).toMatch(/^Désolé, un problème technique m'a empêché de vous répondre/);
    expect(turn.texts.join(' ')).not.toContain('exploded');
  }, 15_000);

  it('answers 200 with an empty body when the user blocked the bot (403), retrying nothing', async () => {
    harness.connector.respondWith(() => connectorFailures.blockedByUser());
    const chat = harness.personalChat();

    const turn = await harness.send(message(chat, 'aide'));

    expect(turn.status).toBe(200);
    expect(turn.body).toBe('');
    // The reply, then the apology: one attempt each, both refused.
    expect(turn.calls.map((call) => [call.kind, call.status])).toEqual([
      ['reply', 403],
      ['reply', 403],
    ]);
    expect(turn.replies).toEqual([]);
  });

  it("answers an Action.Execute whose messages the connector refuses with 200 and the clicker's text, never the connector's message", async () => {
    // 403 rather than 500: the same failure path without the retry delays.
    harness.connector.respondWith(() => ({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: SECRET } } }));
    const chat = harness.personalChat();

    const turn = await harness.send(executeAction(chat, { verb: 'language.set', data: { verb: 'language.set', locale: 'en' } }));

    // What the click did is stored: the invoke succeeds (no second click), its text goes to the clicker in the answer.
    expect(turn.status).toBe(200);
    const answer = turn.json as { statusCode: number; type: string; value: string };
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(answer.value).toMatch(/English/);
    expect(turn.body).not.toContain(SECRET);
    expect(turn.body).not.toContain('exploded');
  });

  it('waits as long as Retry-After says when throttled (429), then delivers the reply once', async () => {
    harness.connector.enqueue(connectorFailures.throttled(1), 'reply');
    const started = Date.now();

    const turn = await harness.send(message(harness.personalChat(), 'aide'));

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(turn.calls.map((call) => call.status)).toEqual([429, 200]);
    expect(turn.replies).toHaveLength(1);
    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
  });
});
