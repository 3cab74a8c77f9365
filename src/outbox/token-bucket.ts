/**
 * A token bucket in its virtual-scheduling form (GCRA), on integer milliseconds: one token every `intervalMs`, at
 * most `capacity` saved up. With a capacity of 1 sends are at least `intervalMs` apart, which is what keeps "at most N
 * in any one second" true; a larger capacity lets a burst of `capacity` through and so up to `capacity - 1` more.
 */
export class TokenBucket {
  /** The theoretical arrival time: when the bucket would be empty again had every token been taken on time. */
  private tat = Number.NEGATIVE_INFINITY;

  constructor(
    readonly intervalMs: number,
    readonly capacity = 1,
  ) {
    if (!(intervalMs > 0) || !Number.isInteger(capacity) || capacity < 1) throw new RangeError('A token bucket needs intervalMs > 0 and capacity ≥ 1.');
  }

  /** The interval that allows `perSecond` tokens a second, rounded up so that rounding never exceeds the rate. */
  static interval(perSecond: number): number {
    if (!(perSecond > 0)) throw new RangeError(`A rate must be positive, not ${perSecond}.`);
    return Math.ceil(1000 / perSecond);
  }

  /** The earliest instant, at or after `nowMs`, at which a token can be taken. */
  availableAt(nowMs: number): number {
    return Math.max(nowMs, this.tat - (this.capacity - 1) * this.intervalMs);
  }

  /** Takes a token at `atMs`, which the caller got from availableAt. */
  take(atMs: number): void {
    this.tat = Math.max(this.tat, atMs) + this.intervalMs;
  }

  /** No token before `untilMs` (a Retry-After). */
  pauseUntil(untilMs: number): void {
    this.tat = Math.max(this.tat, untilMs + (this.capacity - 1) * this.intervalMs);
  }

  /**
   * Moves the bucket's whole state by `deltaMs` (negative: into the past), for a clock that jumped. The bucket then
   * answers at `t + deltaMs` what it answered at `t`: availableAt(t + deltaMs) = availableAt(t) + deltaMs, since both
   * terms of its max move by deltaMs, and isIdle(t + deltaMs) = isIdle(t). A pause or a wait keeps its length.
   */
  shift(deltaMs: number): void {
    if (!Number.isFinite(deltaMs)) throw new RangeError(`A token bucket shifts by a finite amount, not ${deltaMs}.`);
    this.tat += deltaMs;
  }

  /** Whether the bucket is full again at `nowMs`, i.e. forgetting it changes nothing. */
  isIdle(nowMs: number): boolean {
    return this.tat <= nowMs;
  }
}
