import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import dotenv from 'dotenv';
import { connectorToken, createAdapter } from './bot/adapter';
import { ConnectorClient } from './notify/connector-client';
import { TeamsOutboxSender } from './notify/teams-outbox-sender';
import { OutboxDispatcher, type TickReport } from './outbox/dispatcher';
import { OutboxFollowUps } from './outbox/follow-ups';
import { CertibotBot } from './bot/certibot-bot';
import { assembleFeatures, type Feature } from './conversation/feature';
import { Router } from './conversation/router';
import { conversationFeature } from './features/conversation';
import { expiriesFeature } from './features/expiries';
import { knowledgeFeature } from './features/knowledge';
import { privacyFeature } from './features/privacy';
import { remindersFeature } from './features/reminders';
import { renewalDatesFeature } from './features/renewal-dates';
import { escalationFeature } from './features/escalation';
import { RosterCache } from './features/escalation/roster-cache';
import { TicketExports } from './features/escalation/ticket-export';
import { suggestAnswers } from './understanding/suggestions';
import { TicketSender } from './notify/ticket-sender';
import { ANS_QUEUE, type SupportQueue } from './domain/tickets/queues';
import { tabFeature } from './features/tab';
import { CalendarLinks } from './calendar/calendar-links';
import { allowedHostsFor, fetchAttachmentBytes } from './certificates/fetch-attachment';
import { MAX_CERTIFICATE_BYTES } from './certificates/read-certificate';
import { loadKnowledge } from './knowledge/load-knowledge';
import { loadOrTrainClassifier, shippedCorpus } from './understanding/model-snapshot';
import { CompositeRecognizer } from './understanding/recognizer';
import { ConfigError, configWarnings, loadConfig, type Config } from './config/config';
import { shiftedClock, systemClock, type Clock } from './domain/clock';
import { certificatesTabLink } from './domain/tab-link';
import { CONVERSATION_PATTERNS } from './understanding/conversation-patterns';
import { PatternRecognizer } from './understanding/pattern-recognizer';
import { createLogger, logFormatFor, prettyDestination, type Logger } from './logging/logging';
import { installProcessGuard } from './runtime/process-guard';
import { openStore, type Store } from './store';
import { startMetricsServer, type MetricsServer } from './web/metrics-server';
import { createWebServer } from './web/server';
import { NO_METRICS, type Metrics } from './metrics/metrics';

/** Outbox kinds that only accompany a click or a turn, and how long they are kept once done. */
const TRANSIENT_KINDS = ['card-update', 'message'] as const;
const TRANSIENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** A running certibot: its address, its store, and how to stop it gracefully. */
export interface Certibot {
  readonly url: string;
  readonly port: number;
  /** Where /metrics is served (METRICS_PORT), if it is. */
  readonly metricsUrl: string | undefined;
  readonly store: Store;
  /** Sends the reminders due now (the timer does it every REMINDER_TICK_SECONDS; tests and demos call it). */
  tickReminders(): Promise<TickReport>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The composition root: builds every adapter, service, the bot and the HTTP server from a validated configuration,
 * and passes them down through constructors. Nothing else reads the environment.
 */
export async function startCertibot(config: Config, options: StartOptions = {}): Promise<Certibot> {
  const logger = options.logger ?? loggerFor(config);
  for (const warning of configWarnings(config)) logger.warn(warning);
  const baseClock = options.clock ?? systemClock;
  const clock = config.clockOffsetDays ? shiftedClock(baseClock, config.clockOffsetDays * 24 * 60 * 60 * 1000) : baseClock;
  if (config.clockOffsetDays) logger.warn({ days: config.clockOffsetDays }, 'CLOCK_OFFSET_DAYS: the bot clock is shifted (demo mode)');

  // The knowledge base is checked and the classifier loaded (or trained) before the port opens: a malformed rule stops
  // the start instead of answering wrongly.
  const kb = loadKnowledge();
  const { classifier, source: modelSource } = await loadOrTrainClassifier(
    shippedCorpus(async () => (await import('./understanding/corpus')).loadCorpus()),
  );
  // prom-client is loaded only when metrics are served. Counters are fed at the edges: turns by the bot, outbox items
  // by the dispatcher's tick reports, database errors by the store; the outbox backlog is read at each scrape.
  const prometheus = config.metrics
    ? new (await import('./metrics/prometheus-metrics')).PrometheusMetrics({ dueItems: (now) => store.outbox.dueSummary(now), clock })
    : undefined;
  const metrics: Metrics = prometheus ?? NO_METRICS;
  const store = await openStore(config.storage, clock.now(), prometheus ? (operation) => metrics.databaseError(operation) : undefined);
  // The public base URL of calendar links is known once the server listens (PORT=0 in tests).
  let baseUrl = config.publicBaseUrl ?? '';
  // Everything certibot sends on its own goes through the outbox: stored first, then sent by the dispatcher, which a
  // click wakes for what it stored. The dispatcher is built below, once the sender's dependencies exist.
  let wakeDispatcher = (): void => undefined;
  const followUps = new OutboxFollowUps({ outbox: store.outbox, clock, wake: () => wakeDispatcher() });
  const connector = new ConnectorClient(connectorToken(config.bot));
  // nodemailer is loaded only when certibot sends e-mails itself.
  const mailer = config.support.smtp ? new (await import('./notify/smtp-mailer')).SmtpMailer(config.support.smtp.url, config.support.smtp.from) : undefined;
  const queues: SupportQueue[] = [ANS_QUEUE, ...config.support.grades.map((g) => ({ ...g, kind: 'grades' as const }))];
  const roster = new RosterCache((channel, userId) => connector.isMember(channel.serviceUrl, channel.teamId ?? channel.conversationId, userId), clock);

  // « Ouvrir dans Mes certificats »: a Teams deep link to the app's tab, or in local mode the page on this server.
  const tabLink = certificatesTabLink({ teamsAppId: config.tab.teamsAppId, localBaseUrl: () => (config.localMode ? baseUrl : undefined) });

  // The features: each adds its intents, card verbs, dialogs, personal data and routes.
  const renewalDates = renewalDatesFeature({
    tabLink,
    calendarLinks: new CalendarLinks(store.calendarLinks, clock, config.calendarLinkTtlMs),
    calendarLinkStore: store.calendarLinks,
    baseUrl: () => baseUrl,
    renewalLeadMonths: config.renewalLeadMonths,
    fetch: (ref, serviceUrl) =>
      fetchAttachmentBytes(ref, { allowedHosts: allowedHostsFor(serviceUrl, config.localMode), maxBytes: MAX_CERTIFICATE_BYTES, timeoutMs: 10_000 }),
  });
  const reminders = remindersFeature({ register: store.reminders, conversations: store.conversations, followUps, clock, tabLink });
  const ssoAppId = config.tab.ssoAppId;
  const publicHost = config.publicBaseUrl ? new URL(config.publicBaseUrl).host : undefined;
  if (!config.localMode && !ssoAppId) logger.warn('No app registration for Teams SSO (TAB_SSO_APP_ID): the tabs will refuse every request.');
  const features: Feature[] = [
    conversationFeature({ users: store.users, conversations: store.conversations, dialogState: store.state, clock }),
    knowledgeFeature({
      kb,
      feedback: store.feedback,
      unanswered: store.unanswered,
      clock,
      grades: config.support.grades,
      // "Support agent" means one thing: a member of the team of a queue's support channel, as Teams says (cached).
      isSupportAgent: async (userId) => {
        for (const channel of await store.tickets.supportChannels()) if (await roster.isMember(channel, userId)) return true;
        return false;
      },
      renewalDates,
    }),
    renewalDates,
    reminders,
    tabFeature({
      localMode: config.localMode,
      // A token is for the app's client id (v2) or its Application ID URI api://<host>/<client id> (v1).
      sso: ssoAppId
        ? { audiences: [ssoAppId, ...(publicHost ? [`api://${publicHost}/${ssoAppId}`] : [])], jwksUrl: config.tab.jwksUrl, tenants: config.tab.tenants }
        : undefined,
      verbs: reminders.verbs,
      register: store.reminders,
      conversations: store.conversations,
      users: store.users,
      cards: followUps,
      membership: (channel, aadObjectId) => connector.isMember(channel.serviceUrl, channel.teamId ?? channel.conversationId, aadObjectId),
      tickets: store.tickets,
      queues,
      clock,
      tokenClock: baseClock,
      defaultLocale: config.defaultLocale,
      renewalLeadMonths: config.renewalLeadMonths,
    }),
    escalationFeature({
      tickets: store.tickets,
      register: store.reminders,
      conversations: store.conversations,
      clock,
      queues,
      adminIds: new Set(config.support.adminIds.map((id) => id.toLowerCase()).concat(config.support.adminIds)),
      smtp: mailer !== undefined,
      isMember: (channel, userId) => roster.isMember(channel, userId),
      exports: new TicketExports({
        links: store.calendarLinks,
        tickets: store.tickets,
        queueName: (queueId) => queues.find((queue) => queue.id === queueId)?.name ?? queueId,
        clock,
        ttlMs: config.calendarLinkTtlMs,
      }),
      exportTtlMs: config.calendarLinkTtlMs,
      baseUrl: () => baseUrl,
      suggest: (text) => suggestAnswers(classifier, text),
      wake: () => wakeDispatcher(),
      surveyDelayMs: config.support.surveyDelayMs,
      nudgeDelayMs: config.support.nudgeDelayMs,
    }),
    expiriesFeature({ register: store.reminders }),
  ];
  features.push(privacyFeature(features.flatMap((feature) => feature.personalData ?? [])));
  const assembled = assembleFeatures(features);
  const router = new Router({
    recognizer: new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), classifier),
    intents: assembled.intents,
    verbs: assembled.verbs,
    dialogs: assembled.dialogs,
    defaultLocale: config.defaultLocale,
    files: assembled.files,
  });
  const bot = new CertibotBot({
    router,
    users: store.users,
    conversations: store.conversations,
    snapshots: store.turnSnapshots,
    dialogState: store.state,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
    allowedTenantIds: new Set(config.allowedTenantIds),
    onTurn: (summary) => metrics.turn(summary),
    conversationRemoved: async (conversationId, at, teamId) => {
      const notices = await store.notices.conversationRemoved(conversationId, at, teamId);
      if (notices.length > 0) logger.info({ component: 'reminders', notices: notices.length }, 'bot removed from a reminded conversation: owners notified');
    },
  });
  const adapter = createAdapter(config.bot, config.defaultLocale, logger);
  const dispatcher = new OutboxDispatcher({
    repo: store.outbox,
    sender: new TeamsOutboxSender({
      connector,
      conversations: store.conversations,
      register: store.reminders,
      users: store.users,
      clock,
      defaultLocale: config.defaultLocale,
      tickets: new TicketSender({
        connector,
        tickets: store.tickets,
        conversations: store.conversations,
        users: store.users,
        clock,
        defaultLocale: config.defaultLocale,
        context: { queues, smtp: mailer !== undefined },
        mailer,
      }),
      logger: logger.child({ component: 'outbox' }),
      tabLink,
    }),
    clock,
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    // Several instances share PostgreSQL and Teams' rate per conversation; one SQLite instance needs no shared slots.
    sharedSlots: store.engine === 'postgres' ? store.sendSlots : undefined,
    batchSize: 50,
    leaseMs: 5 * 60 * 1000,
    globalRatePerSecond: config.reminders.ratePerSecond,
    maxAttempts: 10,
    // Marks the conversation and, the first time, plans a notice to the other owners of what was reminded there.
    onUnreachable: async (conversationId, reason, at) => {
      const notices = await store.notices.markUnreachable(conversationId, reason, at);
      if (notices.length > 0) logger.info({ component: 'reminders', notices: notices.length }, 'conversation unreachable: owners notified');
    },
    logger: logger.child({ component: 'outbox' }),
    onTick: (report) => metrics.outboxTick(report),
  });
  wakeDispatcher = () => dispatcher.wake();
  const web = createWebServer({
    host: config.http.host,
    port: config.http.port,
    maxBodyBytes: config.http.maxBodyBytes,
    adapter,
    bot,
    checkReady: () => store.ping(),
    logger,
    routes: assembled.routes,
  });

  let address;
  try {
    address = await web.listen();
  } catch (error) {
    await store.close();
    throw error;
  }
  const url = `http://${address.address}:${address.port}`;
  let metricsServer: MetricsServer | undefined;
  if (prometheus && config.metrics) {
    try {
      metricsServer = await startMetricsServer({ ...config.metrics, render: () => prometheus.render() });
    } catch (error) {
      await web.close(0);
      await store.close();
      throw error;
    }
  }
  // Behind a load balancer the listening address means nothing to a browser: without PUBLIC_BASE_URL, no links.
  baseUrl = config.publicBaseUrl ?? (config.localMode ? url : '');
  if (!baseUrl) logger.warn('PUBLIC_BASE_URL is not set: the timeline card will offer no calendar link.');
  logger.info({ url, metrics: metricsServer?.url, engine: store.engine, localMode: config.localMode, intentModel: modelSource }, 'certibot listening');
  // At start the first tick catches up what came due while the bot was down (the latest reminder of each).
  if (config.reminders.enabled) dispatcher.start(config.reminders.tickMs);
  // Retention, hourly and once at start: card updates and messages carry names (who acknowledged, who added whom) and
  // are kept a week once done; unanswered questions UNANSWERED_RETENTION_DAYS.
  const purgeOld = async (): Promise<void> => {
    const now = clock.now().getTime();
    await store.outbox.purgeDone(TRANSIENT_KINDS, new Date(now - TRANSIENT_RETENTION_MS));
    await store.unanswered.purgeBefore(new Date(now - config.unansweredRetentionMs));
    await store.sendSlots.purge(now - 60 * 60 * 1000);
  };
  let purging = Promise.resolve();
  const purge = (): void => {
    purging = purgeOld().catch((error: unknown) => logger.warn({ err: error }, 'retention purge failed'));
  };
  purge();
  const purgeTimer = setInterval(purge, 60 * 60 * 1000).unref();

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    metricsUrl: metricsServer?.url,
    store,
    tickReminders: () => dispatcher.tick(),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(purgeTimer);
        mailer?.close();
        await purging;
        await web.close(config.http.shutdownTimeoutMs);
        await metricsServer?.close();
        await dispatcher.stop();
        await store.close();
        logger.info('certibot stopped');
      })()),
  };
}

/** JSON logs, or readable lines in development at a terminal (pino-pretty, loaded only then). */
function loggerFor(config: Config): Logger {
  const pretty = logFormatFor(config.env, process.stdout.isTTY === true) === 'pretty';
  return createLogger(config.logLevel, pretty ? prettyDestination(1) : undefined);
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : 'Invalid configuration.');
    process.exit(1);
  }
  const logger = loggerFor(config);
  installProcessGuard(process, logger);
  if (config.localMode) {
    logger.warn(
      'LOCAL MODE: MicrosoftAppId is empty, so requests to /api/messages are NOT authenticated. Listening on 127.0.0.1 only; never expose this instance.',
    );
  }
  let app: Certibot;
  try {
    app = await startCertibot(config, { logger });
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'see logs';
    logger.fatal({ err: error }, 'certibot could not start');
    console.error(`certibot could not start (${reason}).`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) void main();
