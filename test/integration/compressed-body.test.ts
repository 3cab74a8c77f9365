import { gzipSync } from 'node:zlib';
import { message } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';

/**
 * Content-Encoding is read before any authentication: a body that the server would have to decode is a way for
 * anyone who reaches the endpoint to stop or swell the process. certibot decodes nothing: Bot Framework channels
 * send plain JSON.
 */
describe('a compressed request body never stops or swells certibot', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  const activityJson = () => JSON.stringify(message(harness.personalChat(), 'aide'));

  it.each<[string, string, () => Buffer]>([
    ['gzip with a body that is not gzip', 'gzip', () => Buffer.from('this is not gzip at all')],
    ['gzip cut short', 'gzip', () => gzipSync(activityJson()).subarray(0, 20)],
    ['a gzip bomb under MAX_BODY_BYTES', 'gzip', () => gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '))],
    ['valid gzip JSON', 'gzip', () => gzipSync(activityJson())],
    ['deflate', 'deflate', () => Buffer.from('x')],
    ['br', 'br', () => Buffer.from('x')],
    ['GZIP in capitals', 'GZIP', () => Buffer.from('x')],
    ['a list of encodings', 'identity, gzip', () => Buffer.from('x')],
  ])('answers %s with 415, runs no turn, and keeps serving', async (_case, encoding, body) => {
    const before = harness.connector.calls.length;

    const response = await harness.post('/api/messages', body(), {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
    });

    expect(response.status).toBe(415);
    expect(response.body).toBe('{"error":"Unsupported media type"}');
    expect(harness.connector.calls.length).toBe(before);
    const next = await harness.send(message(harness.personalChat(), 'aide'));
    expect(next.status).toBe(200);
    expect(next.cards[0]?.title).toBe('Ce que je sais faire');
  });

  it('accepts Content-Encoding: identity as a plain body', async () => {
    const turn = await harness.send(message(harness.personalChat(), 'aide'), { headers: { 'Content-Encoding': 'identity' } });

    expect(turn.status).toBe(200);
    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
  });
});
