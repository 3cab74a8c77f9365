import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../domain/clock';
import type { TickReport } from '../outbox/dispatcher';
import { recognizerOutcome, type DueItems, type Metrics, type TurnSample } from './metrics';

/** Turn latencies in seconds: a knowledge answer takes milliseconds, a retried reply to the connector seconds. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PrometheusMetricsDeps {
  /** What waits in the outbox now, read at each scrape. */
  readonly dueItems: (now: Date) => Promise<readonly DueItems[]>;
  readonly clock: Clock;
}

/**
 * certibot's metrics in the Prometheus text format (prom-client), in a registry of its own so that several instances
 * in one process (tests) never share counters. Loaded only when METRICS_PORT is set.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'activity_type' | 'handled_as'>;
  private readonly turnSeconds: Histogram<'handled_as'>;
  private readonly recognitions: Counter<'outcome'>;
  private readonly outboxItems: Counter<'kind' | 'outcome'>;
  private readonly throttled: Counter;
  private readonly databaseErrors: Counter<'operation'>;

  constructor(deps: PrometheusMetricsDeps) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.turns = new Counter({ name: 'certibot_turns_total', help: 'Turns, by activity type and by what handled them.', labelNames: ['activity_type', 'handled_as'], registers });
    this.turnSeconds = new Histogram({
      name: 'certibot_turn_duration_seconds',
      help: 'Time from the activity reaching the bot to its replies sent, by what handled the turn.',
      labelNames: ['handled_as'],
      buckets: TURN_BUCKETS,
      registers,
    });
    this.recognitions = new Counter({ name: 'certibot_recognitions_total', help: 'Typed questions, by what the recognizer made of them.', labelNames: ['outcome'], registers });
    this.outboxItems = new Counter({
      name: 'certibot_outbox_items_total',
      help: 'Outbox items the dispatcher completed, by kind and outcome (sent, retried, deferred, failed, unreachable, lost).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.throttled = new Counter({ name: 'certibot_connector_throttled_total', help: 'Proactive sends the Bot Connector answered 429.', registers });
    this.databaseErrors = new Counter({ name: 'certibot_database_errors_total', help: 'Database statements that failed, by operation.', labelNames: ['operation'], registers });
    // Read at scrape time, one query for both gauges: nothing to keep up to date between scrapes.
    let reading: Promise<readonly DueItems[] | undefined> | undefined;
    const read = () =>
      (reading ??= deps.dueItems(deps.clock.now()).then(
        (items) => items,
        () => undefined,
      )).finally(() => (reading = undefined));
    const scraped = (value: (item: DueItems, now: number) => number) =>
      async function collect(this: Gauge<'kind'>): Promise<void> {
        const items = await read();
        this.reset();
        const now = deps.clock.now().getTime();
        for (const item of items ?? []) this.set({ kind: item.kind }, value(item, now));
      };
    new Gauge({
      name: 'certibot_outbox_due_items',
      help: 'Outbox items due now and not yet claimed, by kind.',
      labelNames: ['kind'],
      registers,
      collect: scraped((item) => item.due),
    });
    new Gauge({
      name: 'certibot_outbox_oldest_due_age_seconds',
      help: 'How long the oldest item due now has been waiting, by kind.',
      labelNames: ['kind'],
      registers,
      collect: scraped((item, now) => Math.max(0, (now - item.oldestDueAt.getTime()) / 1000)),
    });
  }

  turn(sample: TurnSample): void {
    this.turns.inc({ activity_type: sample.activityType, handled_as: sample.handledAs });
    this.turnSeconds.observe({ handled_as: sample.handledAs }, sample.seconds);
    const outcome = recognizerOutcome(sample.handledAs);
    if (outcome) this.recognitions.inc({ outcome });
  }

  outboxTick(report: TickReport): void {
    for (const [kind, counts] of Object.entries(report.byKind)) {
      for (const [outcome, count] of Object.entries(counts ?? {})) if (count) this.outboxItems.inc({ kind, outcome }, count);
    }
    if (report.throttled > 0) this.throttled.inc(report.throttled);
  }

  databaseError(operation: string): void {
    this.databaseErrors.inc({ operation });
  }

  /** The exposition: its content type and text. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
