import type { Clock } from '../domain/clock';
import { TokenBucket } from './token-bucket';

/** Waits `ms` milliseconds; injected so that tests run on a virtual clock. */
export type Sleep = (ms: number) => Promise<void>;

/** Buckets kept before idle ones are forgotten. */
const PRUNE_ABOVE = 1000;

/**
 * Teams' limits for one bot instance: a global rate (per app and tenant) and a rate per conversation, each a token
 * bucket of capacity 1 so that no second ever holds more than the rate. One caller at a time per conversation: the
 * dispatcher sends a conversation's reminders one after another.
 */
export class SendRateLimiter {
  private readonly global: TokenBucket;
  private readonly conversations = new Map<string, TokenBucket>();
  private readonly conversationInterval: number;

  constructor(
    globalPerSecond: number,
    perConversationPerSecond: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    this.global = new TokenBucket(TokenBucket.interval(globalPerSecond));
    this.conversationInterval = TokenBucket.interval(perConversationPerSecond);
  }

  /** The earliest instant one more message could go to the conversation, global rate included. */
  earliest(conversationId: string): number {
    const now = this.clock.now().getTime();
    return Math.max(this.global.availableAt(now), this.conversations.get(conversationId)?.availableAt(now) ?? now);
  }

  /** Holds a conversation back until `untilMs` (it answered 429 with Retry-After). */
  pause(conversationId: string, untilMs: number): void {
    this.bucket(conversationId).pauseUntil(untilMs);
  }

  /**
   * Waits until one more message may go to the conversation and answers the instant it was allowed at — or, when
   * that instant would come after `deadlineMs`, answers undefined at once and takes nothing. It waits for the
   * conversation first and only then takes a global token, so that a busy conversation never holds global slots that
   * others could use.
   */
  async acquire(conversationId: string, deadlineMs = Number.POSITIVE_INFINITY): Promise<number | undefined> {
    const bucket = this.bucket(conversationId);
    let now = this.clock.now().getTime();
    const conversationAt = bucket.availableAt(now);
    if (conversationAt > deadlineMs) return undefined;
    if (conversationAt > now) {
      await this.sleep(conversationAt - now);
      now = this.clock.now().getTime();
    }
    const at = Math.max(this.global.availableAt(now), bucket.availableAt(now));
    if (at > deadlineMs) return undefined;
    this.global.take(at);
    bucket.take(at);
    if (at > now) await this.sleep(at - now);
    return at;
  }

  private bucket(conversationId: string): TokenBucket {
    let bucket = this.conversations.get(conversationId);
    if (!bucket) {
      if (this.conversations.size >= PRUNE_ABOVE) this.prune();
      bucket = new TokenBucket(this.conversationInterval);
      this.conversations.set(conversationId, bucket);
    }
    return bucket;
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, bucket] of this.conversations) if (bucket.isIdle(now)) this.conversations.delete(id);
  }
}
