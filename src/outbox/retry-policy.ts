import type { Completion, SendOutcome } from '../domain/outbox/outbox-item';

/** How often and how patiently a refused send is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included; the last refusal fails the delivery. */
  readonly maxAttempts: number;
  /** The backoff before the second attempt, doubled for each further one… */
  readonly baseMs: number;
  /** …up to this. */
  readonly capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 2_000, capMs: 10 * 60_000 };

/** A send that threw instead of answering (connection reset, timeout): retried like a 503. */
export const TRANSPORT_FAILURE = 0;

/** What Teams says may be retried (platform notes); nothing else is. */
export const RETRYABLE_STATUSES: readonly number[] = [412, 429, 502, 503, 504, TRANSPORT_FAILURE];

/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Turns what attempt number `attempt` came to into what the repository records: a 429 waits exactly its
 * Retry-After (backoff when it has none), 412/502/503/504 and transport failures back off, any other status fails,
 * and the last allowed attempt fails whatever it was refused with.
 */
export function completionFor(
  outcome: SendOutcome,
  attempt: number,
  now: Date,
  policy: RetryPolicy,
  random: () => number,
): Completion {
  if (outcome.kind !== 'retry') return outcome;
  const error = outcome.status === TRANSPORT_FAILURE ? 'transport failure' : `HTTP ${outcome.status}`;
  if (!RETRYABLE_STATUSES.includes(outcome.status)) return { kind: 'failed', reason: `${error} (not retryable)` };
  if (attempt >= policy.maxAttempts) return { kind: 'failed', reason: `${error} after ${attempt} attempts` };
  const delay =
    outcome.status === 429 && outcome.afterMs !== undefined ? Math.max(0, outcome.afterMs) : backoffMs(attempt, policy, random);
  return { kind: 'retry', at: new Date(now.getTime() + delay), error };
}
