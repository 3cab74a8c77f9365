import type { SendOutcome } from '../../src/domain/outbox/outbox-item';
import { backoffMs, completionFor, RETRYABLE_STATUSES, TRANSPORT_FAILURE, type RetryPolicy } from '../../src/outbox/retry-policy';
import { seededRandom } from './virtual-time';

const POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 1000, capMs: 8000 };
const NOW = new Date('2026-11-26T08:00:00.000Z');
const after = (ms: number): Date => new Date(NOW.getTime() + ms);
const retry = (status: number, afterMs?: number): SendOutcome => ({ kind: 'retry', status, afterMs });

describe('completionFor', () => {
  test('a 429 waits exactly its Retry-After, whatever the attempt', () => {
    expect(completionFor(retry(429, 12_345), 1, NOW, POLICY, () => 0.99)).toEqual({ kind: 'retry', at: after(12_345), error: 'HTTP 429' });
    expect(completionFor(retry(429, 0), 3, NOW, POLICY, () => 0.99)).toEqual({ kind: 'retry', at: NOW, error: 'HTTP 429' });
  });

  test('a 429 without Retry-After backs off like a 503', () => {
    expect(completionFor(retry(429), 1, NOW, POLICY, () => 0.5)).toEqual({ kind: 'retry', at: after(500), error: 'HTTP 429' });
  });

  test.each([412, 502, 503, 504])('a %i backs off with full jitter below base·2^(attempt-1)', (status) => {
    expect(completionFor(retry(status), 1, NOW, POLICY, () => 0.5)).toEqual({ kind: 'retry', at: after(500), error: `HTTP ${status}` });
    expect(completionFor(retry(status), 3, NOW, POLICY, () => 0.5)).toEqual({ kind: 'retry', at: after(2000), error: `HTTP ${status}` });
  });

  test('a send that threw is a transport failure, retried with backoff', () => {
    expect(completionFor(retry(TRANSPORT_FAILURE), 1, NOW, POLICY, () => 0.5)).toEqual({ kind: 'retry', at: after(500), error: 'transport failure' });
  });

  test.each([400, 401, 404, 413, 500])('a %i is not retried', (status) => {
    expect(completionFor(retry(status), 1, NOW, POLICY, () => 0.5)).toEqual({ kind: 'failed', reason: `HTTP ${status} (not retryable)` });
  });

  test('the last allowed attempt fails the delivery, even on a 429', () => {
    expect(completionFor(retry(503), 5, NOW, POLICY, () => 0.5)).toEqual({ kind: 'failed', reason: 'HTTP 503 after 5 attempts' });
    expect(completionFor(retry(429, 1000), 5, NOW, POLICY, () => 0.5)).toEqual({ kind: 'failed', reason: 'HTTP 429 after 5 attempts' });
    expect(completionFor(retry(503), 4, NOW, POLICY, () => 0.5).kind).toBe('retry');
  });

  test('sent, unreachable and failed outcomes pass through unchanged', () => {
    const outcomes: SendOutcome[] = [
      { kind: 'sent', activityId: 'a1' },
      { kind: 'unreachable', reason: 'ConversationBlockedByUser' },
      { kind: 'failed', reason: 'HTTP 400' },
    ];
    for (const outcome of outcomes) expect(completionFor(outcome, 1, NOW, POLICY, Math.random)).toEqual(outcome);
  });

  test('what may be retried is what Teams documents, and nothing else', () => {
    expect([...RETRYABLE_STATUSES].sort((a, b) => a - b)).toEqual([0, 412, 429, 502, 503, 504]);
  });
});

describe('backoffMs', () => {
  test('stays in [0, min(cap, base·2^(attempt-1))) and is capped', () => {
    const random = seededRandom(42);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const ceiling = Math.min(8000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i += 1) {
        const delay = backoffMs(attempt, POLICY, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  test('spreads retries out: the jitter uses the whole range', () => {
    const random = seededRandom(7);
    const delays = Array.from({ length: 1000 }, () => backoffMs(4, POLICY, random));
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(7600);
  });
});
