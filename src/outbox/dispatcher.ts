import type { Clock } from '../domain/clock';
import type { OutboxQueue, OutboxSender, SendSlots } from '../domain/outbox/outbox';
import { IMMEDIATE_KINDS, type Completion, type OutboxItem, type OutboxKind, type SendOutcome } from '../domain/outbox/outbox-item';
import { completionFor, DEFAULT_RETRY_POLICY, TRANSPORT_FAILURE, type RetryPolicy } from './retry-policy';
import { SendRateLimiter, type Sleep } from './send-rate-limiter';

/** The little a dispatcher logs: ids and outcomes, never certificate labels or message text. */
export interface DispatcherLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface OutboxDispatcherOptions {
  readonly repo: OutboxQueue;
  readonly sender: OutboxSender;
  readonly clock: Clock;
  /** Unique per running instance: leases are held in its name. */
  readonly owner: string;
  /** Items claimed per tick. */
  readonly batchSize: number;
  /** How long a claim holds; a batch must be sent well within it (see leaseSafetyMs). */
  readonly leaseMs: number;
  /** Messages per second from this instance (Teams: 30/s per app and tenant; divide by the instances). */
  readonly globalRatePerSecond?: number;
  /** Messages per second to one conversation (Teams: 7/s). */
  readonly perConversationPerSecond?: number;
  readonly maxAttempts: number;
  /** Backoff for 412/502/503/504 and a 429 without Retry-After. */
  readonly backoff?: { readonly baseMs: number; readonly capMs: number };
  /** A conversation refused for good (403/404): the composition root marks it (ReminderNotices.markUnreachable). */
  readonly onUnreachable: (conversationId: string, reason: string, at: Date) => Promise<void>;
  readonly logger?: DispatcherLogger;
  readonly sleep?: Sleep;
  /**
   * Send slots shared with the other instances on the same database (PostgreSQL): each send to a conversation also
   * takes the next shared slot, so that several instances together keep Teams' rate per conversation.
   */
  readonly sharedSlots?: SendSlots;
  /** Uniform in [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  /** No send starts this close to the end of its lease; default a tenth of leaseMs. */
  readonly leaseSafetyMs?: number;
  /** Told of every tick's report, the timer's and woken ones too (metrics). */
  readonly onTick?: (report: TickReport) => void;
}

/** How the items of one kind came out of a tick. */
export type KindCounts = Partial<Record<'sent' | 'retried' | 'deferred' | 'failed' | 'unreachable' | 'lost', number>>;

/** What one tick did. `lost` counts completions refused because the lease had passed to another dispatcher. */
export interface TickReport {
  claimed: number;
  superseded: number;
  sent: number;
  retried: number;
  deferred: number;
  failed: number;
  unreachable: number;
  lost: number;
  errors: number;
  /** Sends the connector answered 429 (throttled). */
  throttled: number;
  /** The completions again, by outbox kind. */
  byKind: Partial<Record<OutboxKind, KindCounts>>;
}

const COUNTER: Record<Completion['kind'], keyof TickReport> = {
  sent: 'sent',
  retry: 'retried',
  deferred: 'deferred',
  failed: 'failed',
  unreachable: 'unreachable',
};

/** A report with nothing counted yet. */
export function emptyTickReport(): TickReport {
  return { claimed: 0, superseded: 0, sent: 0, retried: 0, deferred: 0, failed: 0, unreachable: 0, lost: 0, errors: 0, throttled: 0, byKind: {} };
}

/**
 * Counts one completion: under its kind if the repository recorded it, as `lost` if the lease had passed on; and
 * again under the item's outbox kind, when given.
 */
export function countCompletion(report: TickReport, kind: Completion['kind'], recorded: boolean, itemKind?: OutboxKind): void {
  const counter = recorded ? COUNTER[kind] : 'lost';
  report[counter] += 1;
  if (itemKind === undefined) return;
  const counts = (report.byKind[itemKind] ??= {});
  const key = counter as keyof KindCounts;
  counts[key] = (counts[key] ?? 0) + 1;
}

const silent: DispatcherLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function positive(name: string, value: number, integer = false): number {
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new RangeError(`OutboxDispatcher: ${name} must be positive, not ${value}.`);
  return value;
}

/**
 * Sends what came due in the outbox: claims a batch under a lease, posts each item within the rate limits, and records
 * what became of it. Several dispatchers (processes) may run on one database: claims never overlap, and a
 * dispatcher that dies leaves its batch to be claimed again when the lease runs out. Retries are not slept on: a
 * refused item goes back to the queue with the time of its next attempt. Besides its timer, `wake()` sends at once
 * what a click or a turn just stored (card updates, messages).
 */
export class OutboxDispatcher {
  private readonly repo: OutboxQueue;
  private readonly sender: OutboxSender;
  private readonly clock: Clock;
  private readonly owner: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly leaseSafetyMs: number;
  private readonly retry: RetryPolicy;
  private readonly onUnreachable: OutboxDispatcherOptions['onUnreachable'];
  private readonly logger: DispatcherLogger;
  private readonly random: () => number;
  private readonly limiter: SendRateLimiter;
  private readonly sharedSlots: SendSlots | undefined;
  private readonly conversationIntervalMs: number;
  private readonly sleep: Sleep;
  private readonly onTick: ((report: TickReport) => void) | undefined;
  private current: Promise<TickReport> | undefined;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private woken: Promise<TickReport> | undefined;

  constructor(options: OutboxDispatcherOptions) {
    if (!options.owner) throw new RangeError('OutboxDispatcher: owner must name this instance.');
    this.repo = options.repo;
    this.sender = options.sender;
    this.clock = options.clock;
    this.owner = options.owner;
    this.batchSize = positive('batchSize', options.batchSize, true);
    this.leaseMs = positive('leaseMs', options.leaseMs);
    this.leaseSafetyMs = options.leaseSafetyMs ?? this.leaseMs / 10;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.backoff, maxAttempts: positive('maxAttempts', options.maxAttempts, true) };
    this.onUnreachable = options.onUnreachable;
    this.logger = options.logger ?? silent;
    this.random = options.random ?? Math.random;
    this.onTick = options.onTick;
    const perConversation = positive('perConversationPerSecond', options.perConversationPerSecond ?? 7);
    this.sleep = options.sleep ?? realSleep;
    this.limiter = new SendRateLimiter(positive('globalRatePerSecond', options.globalRatePerSecond ?? 30), perConversation, this.clock, this.sleep);
    this.sharedSlots = options.sharedSlots;
    this.conversationIntervalMs = 1000 / perConversation;
  }

  /**
   * Claims and sends one batch (of `kinds` only, if given). A tick asked for while one runs starts when that one ends,
   * so that it claims at its own time: its report is its own.
   */
  tick(kinds?: readonly OutboxKind[]): Promise<TickReport> {
    const previous = this.current?.catch(() => undefined);
    const next: Promise<TickReport> = (previous ? previous.then(() => this.runTick(kinds)) : this.runTick(kinds)).finally(() => {
      if (this.current === next) this.current = undefined;
    });
    this.current = next;
    return next;
  }

  /**
   * Sends what a click or a turn has just stored (card updates, messages) without waiting for the timer, when the
   * dispatcher runs. Several wakes before the tick starts make one tick.
   */
  wake(): void {
    if (!this.running || this.woken) return;
    this.woken = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.woken = undefined;
      return this.tick(IMMEDIATE_KINDS);
    });
    this.woken.catch((error: unknown) => this.logger.error({ err: error, owner: this.owner }, 'outbox wake failed'));
  }

  /**
   * Ticks at once — catching up what came due while no dispatcher ran — then `intervalMs` after each tick ends.
   */
  start(intervalMs: number): void {
    if (this.running) return;
    positive('intervalMs', intervalMs);
    this.running = true;
    const loop = async (): Promise<void> => {
      try {
        const report = await this.tick();
        if (report.claimed === this.batchSize && this.running) {
          // A full batch: more may be due, go on without waiting.
          this.timer = setTimeout(() => void loop(), 0);
          return;
        }
      } catch (error) {
        this.logger.error({ err: error, owner: this.owner }, 'outbox tick failed');
      }
      if (this.running) this.timer = setTimeout(() => void loop(), intervalMs);
    };
    void loop();
  }

  /** Stops ticking; resolves once the batch in flight, if any, is done. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.woken?.catch(() => undefined);
    while (this.current) await this.current.catch(() => undefined);
  }

  private async runTick(kinds?: readonly OutboxKind[]): Promise<TickReport> {
    const report = emptyTickReport();
    const batch = await this.repo.claimDue(this.clock.now(), this.batchSize, this.owner, this.leaseMs, kinds);
    report.claimed = batch.claimed.length;
    report.superseded = batch.superseded;
    const byConversation = new Map<string, OutboxItem[]>();
    for (const item of batch.claimed) {
      const list = byConversation.get(item.target) ?? [];
      list.push(item);
      byConversation.set(item.target, list);
    }
    await Promise.all([...byConversation.values()].map((items) => this.sendConversation(items, report)));
    if (report.claimed > 0 || report.superseded > 0) {
      const { byKind: _byKind, ...counts } = report;
      this.logger.info({ owner: this.owner, ...counts }, 'outbox batch done');
    }
    this.onTick?.(report);
    return report;
  }

  /**
   * Takes the conversation's next shared slot (other instances send there too) and waits for it; answers undefined
   * when this send may go now, or the slot's instant when it lies past the lease (the item goes back to the queue).
   */
  private async sharedSlot(conversationId: string, localSlot: number, lastStart: number): Promise<number | undefined> {
    if (!this.sharedSlots) return undefined;
    const at = await this.sharedSlots.reserve(conversationId, localSlot, this.conversationIntervalMs);
    if (at > lastStart) return at;
    const wait = at - this.clock.now().getTime();
    if (wait > 0) await this.sleep(wait);
    return undefined;
  }

  /** One conversation's share of the batch, in order, one message at a time. */
  private async sendConversation(items: readonly OutboxItem[], report: TickReport): Promise<void> {
    for (const [index, item] of items.entries()) {
      const conversationId = item.target;
      const lastStart = (item.leaseUntil?.getTime() ?? 0) - this.leaseSafetyMs;
      // Waiting past the lease (a Retry-After, a long queue) would let another dispatcher send it too: back to the
      // queue, due when the limits would have let it go.
      const slot = await this.limiter.acquire(conversationId, lastStart);
      if (slot === undefined || this.clock.now().getTime() > lastStart) {
        const at = Math.max(this.limiter.earliest(conversationId), this.clock.now().getTime());
        await this.finish(item, { kind: 'deferred', at: new Date(at), reason: 'rate limited' }, report);
        continue;
      }
      const shared = await this.sharedSlot(conversationId, slot, lastStart);
      if (shared !== undefined) {
        await this.finish(item, { kind: 'deferred', at: new Date(shared), reason: 'rate limited' }, report);
        continue;
      }
      const outcome = await this.attempt(item);
      const completion = completionFor(outcome, item.attempts + 1, this.clock.now(), this.retry, this.random);
      if (outcome.kind === 'retry' && outcome.status === 429) report.throttled += 1;
      if (outcome.kind === 'retry' && outcome.status === 429 && completion.kind === 'retry') {
        this.limiter.pause(conversationId, completion.at.getTime());
      }
      await this.finish(item, completion, report);
      if (outcome.kind === 'unreachable') {
        await this.markUnreachable(conversationId, outcome.reason);
        // The rest would meet the same refusal. Back in the queue, they wait there until the conversation speaks again.
        for (const rest of items.slice(index + 1)) {
          await this.finish(rest, { kind: 'deferred', at: this.clock.now(), reason: 'conversation unreachable' }, report);
        }
        return;
      }
    }
  }

  private async attempt(item: OutboxItem): Promise<SendOutcome> {
    try {
      return await this.sender.send(item);
    } catch (error) {
      this.logger.warn({ err: error, itemId: item.id, kind: item.kind }, 'outbox send threw');
      return { kind: 'retry', afterMs: undefined, status: TRANSPORT_FAILURE };
    }
  }

  private async finish(item: OutboxItem, completion: Completion, report: TickReport): Promise<void> {
    const fields = { itemId: item.id, kind: item.kind, key: item.key, outcome: completion.kind };
    try {
      const recorded = await this.repo.complete(item.id, this.owner, completion, this.clock.now());
      countCompletion(report, completion.kind, recorded, item.kind);
      if (!recorded) this.logger.warn({ ...fields, owner: this.owner }, 'outbox lease lost: completion ignored');
    } catch (error) {
      // The claim stays; its lease runs out and another tick takes it up again.
      report.errors += 1;
      this.logger.error({ ...fields, err: error }, 'outbox completion failed');
    }
  }

  private async markUnreachable(conversationId: string, reason: string): Promise<void> {
    try {
      await this.onUnreachable(conversationId, reason, this.clock.now());
    } catch (error) {
      this.logger.error({ err: error, conversationId }, 'could not mark conversation unreachable');
    }
  }
}
