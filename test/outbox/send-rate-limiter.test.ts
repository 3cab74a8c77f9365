import { SendRateLimiter } from '../../src/outbox/send-rate-limiter';
import { TokenBucket } from '../../src/outbox/token-bucket';
import { VirtualTime } from './virtual-time';

const START = new Date('2026-11-26T08:00:00.000Z');
const DAY = 86_400_000;

/** The most instants falling in one calendar second (as Teams counts them). */
function maxPerSecond(instants: readonly number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of instants) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
}

describe('TokenBucket', () => {
  test('7 a second is one token every 143 ms, rounded up so that rounding never exceeds the rate', () => {
    expect(TokenBucket.interval(7)).toBe(143);
    expect(TokenBucket.interval(30)).toBe(34);
    expect(TokenBucket.interval(1000)).toBe(1);
  });

  test('with capacity 1, tokens taken as soon as available are exactly one interval apart', () => {
    const bucket = new TokenBucket(100);
    const taken: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const at = bucket.availableAt(1000);
      bucket.take(at);
      taken.push(at);
    }
    expect(taken).toEqual([1000, 1100, 1200, 1300, 1400]);
  });

  test('a larger capacity lets a burst through at once, then one per interval', () => {
    const bucket = new TokenBucket(100, 3);
    const taken: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const at = bucket.availableAt(1000);
      bucket.take(at);
      taken.push(at);
    }
    expect(taken).toEqual([1000, 1000, 1000, 1100, 1200]);
  });

  test('a pause holds every token back until it ends; an idle bucket says so', () => {
    const bucket = new TokenBucket(100);
    bucket.pauseUntil(5000);
    expect(bucket.availableAt(1000)).toBe(5000);
    expect(bucket.isIdle(4999)).toBe(false);
    expect(bucket.isIdle(5000)).toBe(true);
  });

  test('a shifted bucket answers at t + d what it answered at t: its waits keep their length', () => {
    const bucket = new TokenBucket(100);
    bucket.take(bucket.availableAt(DAY));
    bucket.pauseUntil(DAY + 2000);
    bucket.shift(-DAY);
    expect(bucket.availableAt(0)).toBe(2000);
    expect(bucket.availableAt(2500)).toBe(2500);
    expect(bucket.isIdle(1999)).toBe(false);
    expect(bucket.isIdle(2000)).toBe(true);
    const fresh = new TokenBucket(100);
    fresh.shift(-DAY);
    expect(fresh.availableAt(0)).toBe(0);
    expect(() => fresh.shift(Number.NaN)).toThrow(RangeError);
  });

  test('nonsense settings are refused', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(10, 0)).toThrow(RangeError);
    expect(() => TokenBucket.interval(0)).toThrow(RangeError);
  });
});

describe('SendRateLimiter', () => {
  test('one busy conversation gets exactly 7 messages in each full second, never 8', async () => {
    const time = new VirtualTime(START);
    const limiter = new SendRateLimiter(30, 7, time, time.sleep);
    const instants: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      await limiter.acquire('19:busy');
      instants.push(time.now().getTime());
    }
    expect(maxPerSecond(instants)).toBe(7);
    expect(instants.slice(1).every((at, i) => at - (instants[i] ?? 0) >= 143)).toBe(true);
  });

  test('many conversations at once share the global rate: never more than it in a second, and it is reached', async () => {
    const time = new VirtualTime(START);
    const limiter = new SendRateLimiter(10, 7, time, time.sleep);
    const instants: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, c) => {
        for (let i = 0; i < 3; i += 1) {
          await limiter.acquire(`conv-${c}`);
          instants.push(time.now().getTime());
        }
      }),
    );
    expect(instants).toHaveLength(120);
    expect(maxPerSecond(instants)).toBe(10);
    // 120 messages at 10 a second take 12 seconds, not much more: nobody holds slots they cannot use.
    expect(Math.max(...instants) - START.getTime()).toBeLessThan(12_100);
  });

  test('a busy conversation does not hold up another one beyond the global spacing', async () => {
    const time = new VirtualTime(START);
    const limiter = new SendRateLimiter(30, 7, time, time.sleep);
    for (let i = 0; i < 3; i += 1) await limiter.acquire('busy');
    const before = time.now().getTime();
    await limiter.acquire('quiet');
    expect(time.now().getTime() - before).toBeLessThanOrEqual(34);
  });

  test('a paused conversation (Retry-After) waits for the end of the pause; earliest says when', async () => {
    const time = new VirtualTime(START);
    const limiter = new SendRateLimiter(30, 7, time, time.sleep);
    limiter.pause('throttled', START.getTime() + 5000);
    expect(limiter.earliest('throttled')).toBe(START.getTime() + 5000);
    expect(limiter.earliest('other')).toBe(START.getTime());
    await expect(limiter.acquire('throttled')).resolves.toBe(START.getTime() + 5000);
    expect(time.now().getTime()).toBe(START.getTime() + 5000);
  });

  test('past its deadline, acquire gives up at once and takes no slot', async () => {
    const time = new VirtualTime(START);
    const limiter = new SendRateLimiter(10, 7, time, time.sleep);
    const t0 = START.getTime();
    await expect(limiter.acquire('a', t0 + 150)).resolves.toBe(t0);
    await expect(limiter.acquire('b', t0 + 150)).resolves.toBe(t0 + 100);
    await expect(limiter.acquire('c', t0 + 150)).resolves.toBeUndefined();
    expect(time.now().getTime()).toBe(t0 + 100);
    // Nothing was taken for c: the next slot is still the one c was refused.
    expect(limiter.earliest('c')).toBe(t0 + 200);
    limiter.pause('d', t0 + 10_000);
    await expect(limiter.acquire('d', t0 + 5000)).resolves.toBeUndefined();
    expect(time.now().getTime()).toBe(t0 + 100);
  });

  describe('when the clock jumps backwards', () => {
    test('a day back after a burst, the next send goes at once, not a day later, and the spacing holds from the new time', async () => {
      const time = new VirtualTime(START);
      const limiter = new SendRateLimiter(30, 7, time, time.sleep);
      for (let i = 0; i < 3; i += 1) await limiter.acquire('c');
      time.advance(1000);
      expect(limiter.earliest('c')).toBe(START.getTime() + 1286);
      time.advance(-DAY);
      const back = time.now().getTime();
      await expect(limiter.acquire('c')).resolves.toBe(back);
      expect(time.now().getTime()).toBe(back);
      await expect(limiter.acquire('c')).resolves.toBe(back + 143);
      expect(limiter.earliest('c')).toBe(back + 286);
      expect(limiter.earliest('other')).toBe(back + 143 + 34);
      // Forward again (the offset put back): nothing to undo, the buckets have just refilled.
      time.advance(DAY);
      await expect(limiter.acquire('c')).resolves.toBe(time.now().getTime());
    });

    test('a conversation that just sent still waits its interval, counted from the new time', async () => {
      const time = new VirtualTime(START);
      const limiter = new SendRateLimiter(30, 7, time, time.sleep);
      await expect(limiter.acquire('c')).resolves.toBe(START.getTime());
      time.advance(-DAY);
      const back = START.getTime() - DAY;
      expect(limiter.earliest('c')).toBe(back + 143);
      expect(limiter.earliest('other')).toBe(back + 34);
      await expect(limiter.acquire('c')).resolves.toBe(back + 143);
      expect(time.now().getTime()).toBe(back + 143);
    });

    test('a Retry-After pause of 2 s still holds for 2 s after the jump: not 0, not a day', async () => {
      const time = new VirtualTime(START);
      const limiter = new SendRateLimiter(30, 7, time, time.sleep);
      limiter.pause('throttled', START.getTime() + 2000);
      time.advance(-DAY);
      const back = time.now().getTime();
      expect(limiter.earliest('throttled')).toBe(back + 2000);
      expect(limiter.earliest('other')).toBe(back);
      // Half a second later, seen by the limiter, the clock goes back again: 1.5 s of the pause remain.
      time.advance(500);
      expect(limiter.earliest('throttled')).toBe(back + 2000);
      time.advance(-DAY);
      const again = time.now().getTime();
      expect(limiter.earliest('throttled')).toBe(again + 1500);
      await expect(limiter.acquire('throttled')).resolves.toBe(again + 1500);
      expect(time.now().getTime()).toBe(again + 1500);
    });

    test('a pause set after the jump is on the new clock, and a second jump moves it along', async () => {
      const time = new VirtualTime(START);
      const limiter = new SendRateLimiter(30, 7, time, time.sleep);
      await limiter.acquire('throttled');
      time.advance(-DAY);
      const back = time.now().getTime();
      limiter.pause('throttled', back + 2000);
      expect(limiter.earliest('throttled')).toBe(back + 2000);
      time.advance(-DAY);
      expect(limiter.earliest('throttled')).toBe(back - DAY + 2000);
      await expect(limiter.acquire('throttled', back - DAY + 1999)).resolves.toBeUndefined();
      await expect(limiter.acquire('throttled')).resolves.toBe(back - DAY + 2000);
    });
  });
});
