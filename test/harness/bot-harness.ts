import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import type { Clock } from '../../src/domain/clock';
import { startCertibot, type Certibot } from '../../src/index';
import { createLogger } from '../../src/logging/logging';
import {
  groupChat,
  personalChat,
  teamChannel,
  teamsDelivers,
  type ChatOptions,
  type TeamsActivity,
  type TeamsChat,
} from './activities';
import { cardsOf, readCard, renderActivity, textsOf, type CardSummary } from './card-text';
import { FakeConnector, type ConnectorCall, type WireActivity } from '../../toolkit/fake-connector';
import { httpRequest, type HttpRequestOptions, type HttpResponse } from './http-client';
import { createTestSchema, type TestSchema } from '../store/postgres-schema';

/** A clock a test moves by hand: dialogs expire, dates pass, without waiting. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date = new Date('2025-06-02T07:30:00.000Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = at.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** What one turn produced, seen from outside: the HTTP answer and what the connector received meanwhile. */
export interface TurnResult extends HttpResponse {
  /** Activities delivered to the connector (answered 2xx) for this conversation during the turn, in order. */
  readonly replies: readonly WireActivity[];
  /** Every connector call for this conversation during the turn, failed attempts and retries included. */
  readonly calls: readonly ConnectorCall[];
  /** The text of each text reply. */
  readonly texts: readonly string[];
  /** Each card reply, read. */
  readonly cards: readonly CardSummary[];
  /** The replies as a person would read them (cards as text): handy in failure messages. */
  readonly transcript: string;
}

export interface HarnessOptions {
  /**
   * Settings on top of the harness's own (PORT=0, a temp DATA_DIR, LOG_LEVEL=silent, NODE_ENV=test). The process
   * environment is deliberately not read: a developer's MicrosoftAppId must not change what a test sees.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reuse a data directory (a restart on the same SQLite file); otherwise a fresh temp directory is made. */
  readonly dataDir?: string;
  /**
   * Run against PostgreSQL instead of SQLite, in a schema of the harness's own (dropped by stop()). Defaults to
   * CERTIBOT_IT_DATABASE_URL: a variable of its own, so that TEST_DATABASE_URL (the store contract suites) does not
   * silently move every integration test off SQLite.
   */
  readonly databaseUrl?: string;
  readonly clock?: TestClock;
  /**
   * Keep certibot's log lines at this level and above in `logs` (e.g. 'info' to read each turn's handledAs, 'error'
   * to check that a bug is reported); by default nothing is logged.
   */
  readonly captureLogs?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** One log line as certibot wrote it (pino JSON). */
export type LogLine = Readonly<Record<string, unknown>> & { readonly level: number; readonly msg?: string };

/**
 * The real certibot (restify, CloudAdapter, SQLite on disk) on a random loopback port, with a fake connector as the
 * serviceUrl of every activity. Tests speak to it through HTTP only.
 */
export class BotHarness {
  private current: Certibot | undefined;
  private readonly ownsDataDir: boolean;
  /** The organisation's Entra tenant: every chat a test opens is in it unless the test says otherwise. */
  readonly tenantId = randomUUID();
  /** What certibot logged, when the harness was started with `captureLogs`. */
  readonly logs: LogLine[] = [];

  private constructor(
    readonly connector: FakeConnector,
    readonly clock: TestClock,
    readonly dataDir: string,
    private env: Readonly<Record<string, string | undefined>>,
    ownsDataDir: boolean,
    private readonly schema: TestSchema | undefined,
    private readonly captureLogs: HarnessOptions['captureLogs'],
  ) {
    this.ownsDataDir = ownsDataDir;
  }

  static async start(options: HarnessOptions = {}): Promise<BotHarness> {
    const connector = await FakeConnector.start();
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-it-'));
    const databaseUrl = options.databaseUrl ?? (process.env.CERTIBOT_IT_DATABASE_URL?.trim() || undefined);
    const schema = databaseUrl ? await createTestSchema(databaseUrl) : undefined;
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(schema ? { DATABASE_URL: schema.url } : {}),
      ...options.env,
    };
    const harness = new BotHarness(connector, options.clock ?? new TestClock(), dataDir, env, options.dataDir === undefined, schema, options.captureLogs);
    try {
      await harness.startApp();
    } catch (error) {
      await harness.stop();
      throw error;
    }
    return harness;
  }

  /** The running app; throws between stopApp() and startApp(). */
  get app(): Certibot {
    if (!this.current) throw new Error('certibot is not running');
    return this.current;
  }

  get url(): string {
    return this.app.url;
  }

  /** Starts certibot over the harness's data directory (again, after stopApp()). */
  async startApp(): Promise<Certibot> {
    if (this.current) throw new Error('certibot is already running');
    const logger = this.captureLogs ? createLogger(this.captureLogs, { write: (line: string) => void this.logs.push(JSON.parse(line) as LogLine) }) : undefined;
    this.current = await startCertibot(loadConfig(this.env), { clock: this.clock, ...(logger ? { logger } : {}) });
    return this.current;
  }

  /** Stops certibot gracefully; the connector and the data directory stay. */
  async stopApp(): Promise<void> {
    const app = this.current;
    this.current = undefined;
    await app?.stop();
  }

  /** A new process on the same database, as after a deployment; `env` changes settings for it (and after). */
  async restart(env: Readonly<Record<string, string | undefined>> = {}): Promise<Certibot> {
    await this.stopApp();
    this.env = { ...this.env, ...env };
    return this.startApp();
  }

  /** Stops everything and removes the temp data directory. Safe to call twice. */
  async stop(): Promise<void> {
    await this.stopApp().catch(() => undefined);
    await this.connector.close().catch(() => undefined);
    await this.schema?.drop().catch(() => undefined);
    if (this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Chats of one organisation: the harness's tenant unless a test names another. */
  personalChat(options: Omit<ChatOptions, 'serviceUrl'> = {}): TeamsChat {
    return personalChat({ serviceUrl: this.connector.serviceUrl, tenantId: this.tenantId, ...options });
  }

  groupChat(options: Omit<ChatOptions, 'serviceUrl'> = {}): TeamsChat {
    return groupChat({ serviceUrl: this.connector.serviceUrl, tenantId: this.tenantId, ...options });
  }

  teamChannel(options: Omit<ChatOptions, 'serviceUrl'> & { readonly general?: boolean; readonly team?: TeamsChat['team'] } = {}): TeamsChat {
    return teamChannel({ serviceUrl: this.connector.serviceUrl, tenantId: this.tenantId, ...options });
  }

  /**
   * Posts an activity to /api/messages as Teams does and resolves once the HTTP answer is in, with what the
   * connector received for that conversation meanwhile (the bot awaits its sends before it answers). An activity Teams
   * would never deliver — a channel or group-chat message that does not @mention the bot — is refused with an error,
   * as the bot would never see it: a test that needs the answer must mention the bot or answer through a card input.
   */
  async send(activity: TeamsActivity, options: Omit<HttpRequestOptions, 'body' | 'method'> = {}): Promise<TurnResult> {
    if (!teamsDelivers(activity)) {
      throw new Error(
        `Teams does not deliver this ${activity.conversation.conversationType} message to the bot: it does not @mention it (${JSON.stringify(activity.text ?? '')}).`,
      );
    }
    const from = this.connector.calls.length;
    const response = await this.post('/api/messages', activity, options);
    const calls = this.connector.calls
      .slice(from)
      .filter((call) => call.conversationId === activity.conversation.id);
    const replies = calls
      .filter((call) => (call.kind === 'send' || call.kind === 'reply') && call.status !== undefined && call.status < 300)
      .map((call) => call.body as WireActivity);
    return {
      ...response,
      calls,
      replies,
      texts: textsOf(replies),
      cards: cardsOf(replies).map(readCard),
      transcript: replies.map((reply) => renderActivity(reply).text).join('\n---\n'),
    };
  }

  /** Any request to certibot, e.g. a malformed body or another content type. */
  post(pathname: string, body: unknown, options: Omit<HttpRequestOptions, 'body' | 'method'> = {}): Promise<HttpResponse> {
    return httpRequest(`${this.url}${pathname}`, { timeoutMs: 15_000, ...options, method: 'POST', body });
  }

  get(pathname: string): Promise<HttpResponse> {
    return httpRequest(`${this.url}${pathname}`, { timeoutMs: 15_000 });
  }
}

/**
 * One harness for the describe block (or file) that calls it: started before its tests, stopped after them, handed to
 * `assign` so that the tests read it from their own variable.
 */
export function harnessPerSuite(assign: (harness: BotHarness) => void, options: HarnessOptions = {}): void {
  let started: BotHarness | undefined;
  beforeAll(async () => {
    started = await BotHarness.start(options);
    assign(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
}
