import path from 'node:path';
import Database from 'better-sqlite3';
import { message } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';
import { httpRequest } from '../harness/http-client';
import { connectorFailures } from '../../toolkit/fake-connector';

/** The value of one sample of the exposition, e.g. `certibot_turns_total{activity_type="message",handled_as="intent:help"}`. */
function sample(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => present.includes(label)) && present.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('metrics on a port of their own', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started), { env: { METRICS_PORT: '0', REMINDERS_ENABLED: 'false' } });

  const scrape = async (): Promise<string> => {
    const url = harness.app.metricsUrl;
    if (!url) throw new Error('metrics are not served');
    const response = await httpRequest(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  it('are served on 127.0.0.1 by default, and nowhere on the public port', async () => {
    expect(new URL(harness.app.metricsUrl ?? '').hostname).toBe('127.0.0.1');
    expect(new URL(harness.app.metricsUrl ?? '').port).not.toBe(String(harness.app.port));
    expect((await harness.get('/metrics')).status).toBe(404);
    const other = new URL(harness.app.metricsUrl ?? '');
    other.pathname = '/';
    expect((await httpRequest(other.toString())).status).toBe(404);
  });

  it('count turns by handler with their latency, and what the recognizer made of questions', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));
    await harness.send(message(chat, 'combien de temps est valable le certificat ?'));
    await harness.send(message(chat, 'quelle est la recette du gâteau basque ?'));

    const metrics = await scrape();

    expect(sample(metrics, 'certibot_turns_total', { activity_type: 'message', handled_as: 'intent:kb.validity' })).toBe(1);
    expect(sample(metrics, 'certibot_turn_duration_seconds_count', { handled_as: 'intent:kb.validity' })).toBe(1);
    expect(sample(metrics, 'certibot_turn_duration_seconds_bucket', { handled_as: 'intent:kb.validity', le: '+Inf' })).toBe(1);
    expect(sample(metrics, 'certibot_recognitions_total', { outcome: 'answered' })).toBe(2);
    expect(sample(metrics, 'certibot_recognitions_total', { outcome: 'out_of_scope' })).toBe(1);
    // Process metrics come with them (event loop lag, heap).
    expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    expect(metrics).not.toContain('gâteau');
  });

  it('count outbox items due, their age, and how they were sent, retried or throttled, by kind', async () => {
    // Two chats: a throttled chat waits for its Retry-After, which would hold a second item of the same chat.
    const [throttled, open] = [harness.personalChat(), harness.personalChat()];
    for (const chat of [throttled, open]) await harness.send(message(chat, 'aide'));
    const due = harness.clock.now();
    const item = (chat: typeof open) => ({ kind: 'message' as const, topic: 'metrics', cycle: '', key: chat.conversationId, target: chat.conversationId, payload: { text: { key: 'language.already' } }, dueAt: due });
    await harness.app.store.outbox.enqueue([item(throttled), item(open)], due);
    harness.clock.advance(90_000);

    const waiting = await scrape();
    expect(sample(waiting, 'certibot_outbox_due_items', { kind: 'message' })).toBe(2);
    expect(sample(waiting, 'certibot_outbox_oldest_due_age_seconds', { kind: 'message' })).toBe(90);

    harness.connector.enqueue(connectorFailures.throttled(30), (call) => call.kind === 'send' && call.conversationId === throttled.conversationId);
    await harness.app.tickReminders();

    const after = await scrape();
    expect(sample(after, 'certibot_outbox_items_total', { kind: 'message', outcome: 'sent' })).toBe(1);
    expect(sample(after, 'certibot_outbox_items_total', { kind: 'message', outcome: 'retried' })).toBe(1);
    expect(sample(after, 'certibot_connector_throttled_total')).toBe(1);
    expect(sample(after, 'certibot_outbox_due_items', { kind: 'message' })).toBeUndefined();
  });

  it('count database errors', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));
    const before = sample(await scrape(), 'certibot_database_errors_total', { operation: 'execute' }) ?? 0;
    const locker = new Database(path.join(harness.dataDir, 'certibot.db'));
    locker.exec('BEGIN EXCLUSIVE');
    try {
      await harness.send(message(chat, 'parle anglais'));
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(sample(await scrape(), 'certibot_database_errors_total', { operation: 'execute' })).toBe(before + 1);
  }, 15_000);
});
