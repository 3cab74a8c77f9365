import type { Clock } from '../../src/domain/clock';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * A clock that only moves when told to or when a sleep ends. Sleeps end in time order, one per macrotask, each
 * setting the clock to its own end: the code that wakes sees exactly the instant it waited for, so rates measured
 * with this clock are the rates the code scheduled. No real time passes.
 */
export class VirtualTime implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  private pumping = false;

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  /** Moves the clock to `date` (never backwards). */
  set(date: Date): void {
    this.nowMs = Math.max(this.nowMs, date.getTime());
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** The Sleep the code under test is given. */
  readonly sleep = (ms: number): Promise<void> => {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.timers.push({ at: this.nowMs + ms, seq: this.seq++, resolve });
      this.pump();
    });
  };

  /** How many sleeps have not ended yet. */
  get sleeping(): number {
    return this.timers.length;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) return;
      this.nowMs = Math.max(this.nowMs, next.at);
      next.resolve();
      if (this.timers.length > 0) this.pump();
    });
  }
}

export { seededRandom } from '../../src/domain/seeded-random';
