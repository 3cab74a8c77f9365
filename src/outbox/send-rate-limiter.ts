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
 *
 * The injected clock may jump backwards (CLOCK_OFFSET_DAYS lowered, a test clock set back, an NTP step). The buckets
 * hold absolute instants, so after a jump of D ms they would all lie D ms in the future and sends would stall for D
 * (possibly days). Hence the limiter reads the clock in one place only, which remembers the instant it last read: when
 * the clock answers earlier than that, every bucket is shifted back by the jump (TokenBucket.shift), so each keeps its
 * state relative to the clock — a Retry-After pause of 2 s set just before still lasts 2 s, a conversation that just
 * sent still waits its interval, an idle one can send at once. A forward jump needs nothing: the buckets refill. The
 * limiter cannot tell time that passed between its last reading and the jump from the jump itself: it counts it as not
 * passed, so a wait may last that much longer than it would have — never shorter (the rates hold) and never longer than
 * what was left of it at the last reading (never the jump). Instants answered before a jump are on the old clock.
 */
export class SendRateLimiter {
  private readonly global: TokenBucket;
  private readonly conversations = new Map<string, TokenBucket>();
  private readonly conversationInterval: number;
  /** The instant last read from the clock (the latest it has shown): every bucket's instants are on that reading. */
  private latest = Number.NEGATIVE_INFINITY;

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
    const now = this.now();
    return Math.max(this.global.availableAt(now), this.conversations.get(conversationId)?.availableAt(now) ?? now);
  }

  /** Holds a conversation back until `untilMs`, an instant on the clock as it is now (it answered 429 with Retry-After). */
  pause(conversationId: string, untilMs: number): void {
    const now = this.now();
    this.bucket(conversationId, now).pauseUntil(untilMs);
  }

  /**
   * Waits until one more message may go to the conversation and answers the instant it was allowed at — or, when
   * that instant would come after `deadlineMs`, answers undefined at once and takes nothing. It waits for the
   * conversation first and only then takes a global token, so that a busy conversation never holds global slots that
   * others could use.
   */
  async acquire(conversationId: string, deadlineMs = Number.POSITIVE_INFINITY): Promise<number | undefined> {
    let now = this.now();
    const bucket = this.bucket(conversationId, now);
    const conversationAt = bucket.availableAt(now);
    if (conversationAt > deadlineMs) return undefined;
    if (conversationAt > now) {
      await this.sleep(conversationAt - now);
      now = this.now();
    }
    const at = Math.max(this.global.availableAt(now), bucket.availableAt(now));
    if (at > deadlineMs) return undefined;
    this.global.take(at);
    bucket.take(at);
    if (at > now) await this.sleep(at - now);
    return at;
  }

  /**
   * The clock's instant, with every bucket moved onto it first if the clock went back since last read. The only place
   * the clock is read: every bucket is always on the clock as last read.
   */
  private now(): number {
    const now = this.clock.now().getTime();
    if (now < this.latest) {
      const delta = now - this.latest;
      this.global.shift(delta);
      for (const bucket of this.conversations.values()) bucket.shift(delta);
    }
    this.latest = now;
    return now;
  }

  private bucket(conversationId: string, now: number): TokenBucket {
    let bucket = this.conversations.get(conversationId);
    if (!bucket) {
      if (this.conversations.size >= PRUNE_ABOVE) this.prune(now);
      bucket = new TokenBucket(this.conversationInterval);
      this.conversations.set(conversationId, bucket);
    }
    return bucket;
  }

  private prune(now: number): void {
    for (const [id, bucket] of this.conversations) if (bucket.isIdle(now)) this.conversations.delete(id);
  }
}
