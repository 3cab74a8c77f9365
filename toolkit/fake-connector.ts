import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  classifyRequest,
  isSuccess,
  isWireActivity,
  matcherOf,
  postsActivity,
  type CallMatcher,
  type ConnectorCall,
  type WireActivity,
} from './connector-calls';
import { FaultInjector, type Fault, type FaultRule, type Responder, type ScriptedResponse } from './connector-faults';
import { cardActionItemKey, ItemCounter, type ItemKey } from './item-counter';
import { teamsRefusal } from './teams-rules';

export { classifyRequest, type CallMatcher, type ConnectorCall, type ConnectorCallKind, type WireActivity } from './connector-calls';
export { connectorError, connectorFailures, type Fault, type FaultRule, type Responder, type ScriptedResponse } from './connector-faults';
export { cardActionItemKey, type ItemKey, type ItemRecord, type ItemTally } from './item-counter';
export { MAX_ACTIVITY_BYTES, teamsRefusal } from './teams-rules';

export interface FakeConnectorOptions {
  /** The Teams display name answered for members (member lookups). */
  readonly memberName?: string;
  readonly tenantId?: string;
  /** Seeds the random that fault rates and answer lists draw from (default 1): the same seed, the same faults. */
  readonly seed?: number;
  /** Which item a posted activity is about, for `items` (default: the id its card actions carry in their data). */
  readonly itemKey?: ItemKey;
  /**
   * Whether recorded calls keep their headers and body (default true). Benchmarks turn it off: ten thousand cards
   * kept would weigh on the memory they measure. Kinds, ids, statuses, events and item counts are kept either way.
   */
  readonly recordContent?: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** A message as the members of its conversation see it now: as posted, or as last updated. */
export interface ShownMessage {
  readonly conversationId: string;
  readonly activity: WireActivity;
  /** How many times it was updated since it was posted. */
  readonly updates: number;
}

/**
 * A loopback stand-in for the Bot Framework connector (the `serviceUrl` of an activity), on 127.0.0.1 only. It
 * records every call the bot makes, answers like the Teams connector does unless a fault rule or a script says
 * otherwise (429, 5xx, 403, 404, 401, latency), and counts deliveries per item (`items`). Like Teams, and before any
 * normal answer, it refuses an activity above the message size limit (413 MessageSizeTooBig) or without the fields
 * Teams requires (400), and it keeps what each member sees of the messages posted (`shown`).
 *
 * Events: 'call' (a request arrived), 'answered' (a request was answered), 'activity' (an activity was delivered: a
 * send or reply answered 2xx; listeners get the activity and its call), 'update' (an activity was updated: a PUT
 * answered 2xx).
 *
 * Plain node:http and no jest, so that `npm run chat` and the benchmarks use it as well as the tests; it lives outside
 * test/ because the build compiles it with the benchmarks (tsconfig.build.json).
 */
export class FakeConnector extends EventEmitter {
  /** Every request since the last reset, in arrival order. */
  readonly calls: ConnectorCall[] = [];
  /** Deliveries per item since the last reset (sends and replies whose `itemKey` found one; updates are not counted). */
  readonly items = new ItemCounter();
  private readonly faults: FaultInjector;
  private readonly itemKey: ItemKey;
  private readonly recordContent: boolean;
  private readonly files = new Map<string, { readonly bytes: Uint8Array; readonly contentType: string }>();
  /** The messages posted, by activity id, as their conversation sees them now (kept across reset(): Teams keeps them). */
  private readonly messages = new Map<string, ShownMessage>();
  /** How many hosted files were downloaded. */
  fileDownloads = 0;
  private fallback: Responder | undefined;
  private seq = 0;
  private idCounter = 0;
  private readonly sockets = new Set<Socket>();
  private readonly unanswered = new Set<ConnectorCall>();
  /** Latencies under way, ended by close() so that a closed connector holds no timer. */
  private readonly delays = new Map<NodeJS.Timeout, () => void>();

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    private readonly options: FakeConnectorOptions,
  ) {
    super();
    this.faults = new FaultInjector(options.seed ?? 1);
    this.itemKey = options.itemKey ?? cardActionItemKey;
    this.recordContent = options.recordContent ?? true;
  }

  /** Starts a connector on 127.0.0.1 on a free port. */
  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const server = http.createServer();
    // Callers keep connections alive between bursts (benchmarks): do not close them under their feet.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
    const connector = new FakeConnector(server, (server.address() as AddressInfo).port, options);
    server.on('request', (req, res) => void connector.handle(req, res));
    server.on('connection', (socket) => {
      connector.sockets.add(socket);
      socket.on('close', () => connector.sockets.delete(socket));
    });
    return connector;
  }

  /** The serviceUrl to put in activities; Teams' own end with a slash too. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The activities delivered (answered 2xx) since the last reset: sends and replies, in arrival order (bodies need recordContent). */
  activities(): WireActivity[] {
    return this.calls.filter((call) => postsActivity(call) && isSuccess(call.status)).map((call) => call.body as WireActivity);
  }

  /**
   * A message as everyone in its conversation sees it now — as posted, or as its last update replaced it — or
   * undefined for an id the connector never posted. What a test checks to know what a channel shows, rather than what
   * a clicker's own view (an invoke's answer) shows. Needs recordContent.
   */
  shown(activityId: string): ShownMessage | undefined {
    return this.messages.get(activityId);
  }

  /** Calls that arrived and are not answered yet (a slow connector, a caller waiting). */
  inFlight(): ConnectorCall[] {
    return [...this.unanswered];
  }

  /** How many calls since the last reset got each status (those matching `matcher`, all by default). */
  statusCounts(matcher?: CallMatcher): Map<number, number> {
    const matches = matcherOf(matcher);
    const counts = new Map<number, number>();
    for (const call of this.calls) {
      if (call.status !== undefined && matches(call)) counts.set(call.status, (counts.get(call.status) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Adds a fault rule: the calls it chooses (a matcher, a seeded rate, the next N) get its answer (429, 5xx, 403…)
   * and its latency. Rules are tried in the order added, before the fallback of respondWith(); reset() lifts them.
   */
  inject(rule: FaultRule): Fault {
    return this.faults.add(rule);
  }

  /**
   * Scripts the answer to the next call that matches (any call by default). Queued answers are used once each,
   * in order; unmatched calls get the fallback, then the connector's normal answer.
   */
  enqueue(response: ScriptedResponse | Responder, matcher?: CallMatcher): this {
    this.inject({ match: matcher, times: 1, answer: response });
    return this;
  }

  /** Scripts the answer to every call no fault rule takes; the responder may return undefined to answer normally. */
  respondWith(responder: Responder | undefined): this {
    this.fallback = responder;
    return this;
  }

  /**
   * Serves `bytes` at a URL on the connector's own host, as Teams serves an uploaded file at its downloadUrl. In
   * local mode the bot fetches attachments only from the activity's service host, so this is where test files live.
   */
  hostFile(name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): string {
    const path = `/files/${this.files.size + 1}/${encodeURIComponent(name)}`;
    this.files.set(path, { bytes, contentType });
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Forgets recorded calls, item counts, fault rules and scripted answers. */
  reset(): void {
    this.calls.length = 0;
    this.items.clear();
    this.faults.clear();
    this.fallback = undefined;
  }

  /** Resolves with the delivered activities once at least `count` were delivered since the last reset. */
  waitForActivities(count: number, timeoutMs = 5000): Promise<WireActivity[]> {
    return this.waitUntil(() => (this.activities().length >= count ? this.activities() : undefined), ['answered'], timeoutMs, () =>
      `expected ${count} activities, the connector received ${this.activities().length}`,
    );
  }

  /**
   * Resolves once at least `count` calls matching `matcher` arrived since the last reset; checked on arrivals and on
   * answers, so that a matcher may look at the status.
   */
  waitForCalls(count: number, matcher?: CallMatcher, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const matches = matcherOf(matcher);
    const matching = () => this.calls.filter(matches);
    return this.waitUntil(() => (matching().length >= count ? matching() : undefined), ['call', 'answered'], timeoutMs, () =>
      `expected ${count} connector calls, got ${matching().length}`,
    );
  }

  /** Stops the server, drops open connections (the bot keeps connections alive) and ends the latencies under way. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    for (const [timer, end] of this.delays) {
      clearTimeout(timer);
      end();
    }
    this.delays.clear();
    await closed;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.set(timer, resolve);
    });
  }

  private waitUntil<T>(check: () => T | undefined, events: readonly string[], timeoutMs: number, describe: () => string): Promise<T> {
    const ready = check();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<T>((resolve, reject) => {
      const onEvent = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`FakeConnector: timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        for (const event of events) this.removeListener(event, onEvent);
      };
      for (const event of events) this.on(event, onEvent);
    });
  }

  private nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${Date.now().toString(36)}${this.idCounter}`;
  }

  /** What the Teams connector answers when nothing is scripted. */
  private normalAnswer(call: ConnectorCall): ScriptedResponse {
    switch (call.kind) {
      case 'send':
      case 'reply':
      case 'update':
        return { status: 200, body: { id: call.kind === 'update' ? call.activityId : this.nextId('1:') } };
      case 'delete':
        return { status: 200 };
      case 'createConversation':
        return { status: 201, body: { id: this.nextId('a:new-'), serviceUrl: this.serviceUrl } };
      case 'getMember':
        return { status: 200, body: this.member(call.memberId ?? '29:unknown') };
      case 'getMembers':
        return { status: 200, body: [this.member('29:1member')] };
      case 'getPagedMembers':
        return { status: 200, body: { members: [this.member('29:1member')] } };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: 'Not found' } } };
    }
  }

  /** A TeamsChannelAccount as GET /members/:id answers it. */
  private member(id: string): Record<string, unknown> {
    return {
      id,
      name: this.options.memberName ?? 'Camille Martin',
      aadObjectId: '6a0b0e3c-7f1e-4d7c-9f3a-2b5c8d1e4f60',
      givenName: 'Camille',
      surname: 'Martin',
      email: 'camille.martin@chu-exemple.fr',
      userPrincipalName: 'camille.martin@chu-exemple.fr',
      tenantId: this.options.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47',
      userRole: 'user',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = method === 'GET' ? this.files.get(path) : undefined;
    if (file) {
      this.fileDownloads += 1;
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.byteLength) });
      res.end(Buffer.from(file.bytes));
      return;
    }
    const raw = await readBody(req).catch(() => '');
    const body = parseBody(raw);
    const classified = classifyRequest(method, path);
    this.seq += 1;
    const call: ConnectorCall = {
      seq: this.seq,
      method,
      path,
      ...classified,
      headers: this.recordContent ? req.headers : {},
      body: this.recordContent ? body : undefined,
      itemKey: postsActivity(classified) && isWireActivity(body) ? this.itemKey(body) : undefined,
      receivedAt: Date.now(),
      status: undefined,
      answeredId: undefined,
      abandoned: false,
    };
    this.calls.push(call);
    this.unanswered.add(call);
    res.on('close', () => {
      this.unanswered.delete(call);
      if (!res.writableFinished) call.abandoned = true;
    });
    this.emit('call', call);

    let response: ScriptedResponse;
    let delayMs = 0;
    try {
      const decision = await this.faults.decide(call);
      delayMs = decision.delayMs;
      response = decision.response ?? (await this.fallback?.(call)) ?? teamsRefusal(call, Buffer.byteLength(raw), body) ?? this.normalAnswer(call);
    } catch {
      response = { status: 500, body: { error: { code: 'FakeConnectorError', message: 'responder failed' } } };
    }
    // Counted when decided, not when answered: the real service posts the message whether or not the caller lives to read the answer.
    if (call.itemKey !== undefined) this.items.count(call.itemKey, call.receivedAt, isSuccess(response.status));
    delayMs += response.delayMs ?? 0;
    if (delayMs > 0) await this.sleep(delayMs);

    const answer = response.body === undefined ? '' : JSON.stringify(response.body);
    call.status = response.status;
    const answered = response.body as { id?: unknown } | undefined;
    call.answeredId = typeof answered?.id === 'string' ? answered.id : undefined;
    if (!res.destroyed) {
      res.writeHead(response.status, {
        ...(answer ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        'Content-Length': String(Buffer.byteLength(answer)),
        ...response.headers,
      });
      res.end(answer);
    }
    if (isWireActivity(body) && isSuccess(call.status)) this.remember(call, body);
    this.emit('answered', call);
    if (!isWireActivity(body) || !isSuccess(call.status)) return;
    if (postsActivity(call)) this.emit('activity', body, call);
    if (call.kind === 'update') this.emit('update', body, call);
  }

  /** Keeps what members see: a post under the id answered, an update in place of the message it names. */
  private remember(call: ConnectorCall, activity: WireActivity): void {
    if (!this.recordContent || call.conversationId === undefined) return;
    if (postsActivity(call) && call.answeredId !== undefined) {
      this.messages.set(call.answeredId, { conversationId: call.conversationId, activity, updates: 0 });
    }
    const updated = call.kind === 'update' && call.activityId !== undefined ? this.messages.get(call.activityId) : undefined;
    if (updated && call.activityId !== undefined) this.messages.set(call.activityId, { ...updated, activity, updates: updated.updates + 1 });
  }
}
