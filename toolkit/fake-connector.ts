import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the Bot Framework connector (the `serviceUrl` of an activity). It records what the bot
 * sends and answers like the Teams connector does, unless a test scripts another answer (429, 503, 403…).
 *
 * Plain node:http and no jest, so that `npm run chat` and the benchmarks use it as well as the tests; it lives outside
 * test/ because the build compiles it with the benchmarks (tsconfig.build.json).
 */

/** What a connector request is, read from its method and path. */
export type ConnectorCallKind =
  | 'send' // POST /v3/conversations/:cid/activities
  | 'reply' // POST /v3/conversations/:cid/activities/:replyToId
  | 'update' // PUT /v3/conversations/:cid/activities/:id
  | 'delete' // DELETE /v3/conversations/:cid/activities/:id
  | 'createConversation' // POST /v3/conversations
  | 'getMember' // GET /v3/conversations/:cid/members/:mid
  | 'getMembers' // GET /v3/conversations/:cid/members
  | 'getPagedMembers' // GET /v3/conversations/:cid/pagedmembers
  | 'other';

/** An activity as it travels on the wire: plain JSON. */
export type WireActivity = Readonly<Record<string, unknown>>;

/** One request the bot made to the connector, recorded when it arrives and completed when it is answered. */
export interface ConnectorCall {
  /** 1-based, in arrival order since the connector started (not reset by `reset()`, so ids stay unique). */
  readonly seq: number;
  readonly method: string;
  /** The raw path, still percent-encoded, without the query string. */
  readonly path: string;
  readonly kind: ConnectorCallKind;
  /** Decoded: Teams ids carry ':', '@' and ';' which the client percent-encodes. */
  readonly conversationId: string | undefined;
  /** The activity id in the path: the replied-to id for a reply, the updated id for an update. */
  readonly activityId: string | undefined;
  readonly memberId: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  readonly receivedAt: number;
  /** Set once answered. */
  status: number | undefined;
  /** The id answered for a delivered activity. */
  answeredId: string | undefined;
}

/** An answer a test can script. A delay makes a slow connector (a turn stays in flight meanwhile). */
export interface ScriptedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
}

/** A scripted answer, or a function that decides (and may wait, e.g. until a test opens a gate). */
export type Responder = (call: ConnectorCall) => ScriptedResponse | Promise<ScriptedResponse>;

/** Which calls a scripted answer applies to: a kind, or any predicate. */
export type CallMatcher = ConnectorCallKind | ((call: ConnectorCall) => boolean);

interface QueuedResponse {
  readonly matches: (call: ConnectorCall) => boolean;
  readonly respond: Responder;
}

/** Answers the Teams connector gives for a throttled, unavailable or blocked conversation. */
export const connectorFailures = {
  throttled: (retryAfterSeconds = 1): ScriptedResponse => ({
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
  }),
  unavailable: (): ScriptedResponse => ({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Service unavailable' } } }),
  blockedByUser: (): ScriptedResponse => ({
    status: 403,
    body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } },
  }),
  writesBlocked: (): ScriptedResponse => ({
    status: 403,
    body: { error: { code: 'MessageWritesBlocked', message: 'Thread is blocked.' } },
  }),
  internalError: (message = 'connector exploded at ConnectorService.send (internal.cs:42)'): ScriptedResponse => ({
    status: 500,
    body: { error: { code: 'InternalServerError', message } },
  }),
} as const;

export interface FakeConnectorOptions {
  /** The Teams display name answered for members (member lookups). */
  readonly memberName?: string;
  readonly tenantId?: string;
}

const SEND_KINDS: ReadonlySet<ConnectorCallKind> = new Set(['send', 'reply']);

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/** Reads method + path into a kind and its decoded ids. */
export function classifyRequest(
  method: string,
  path: string,
): Pick<ConnectorCall, 'kind' | 'conversationId' | 'activityId' | 'memberId'> {
  const segments = path.split('/').filter((segment) => segment !== '');
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const none = { conversationId: undefined, activityId: undefined, memberId: undefined };
  if (decoded[0] !== 'v3' || decoded[1] !== 'conversations') return { kind: 'other', ...none };
  if (decoded.length === 2) return { kind: method === 'POST' ? 'createConversation' : 'other', ...none };
  const conversationId = decoded[2];
  const resource = decoded[3];
  const id = decoded[4];
  const extra = decoded.length > 5;
  if (resource === 'activities' && !extra) {
    if (method === 'POST') return { kind: id === undefined ? 'send' : 'reply', conversationId, activityId: id, memberId: undefined };
    if (method === 'PUT' && id !== undefined) return { kind: 'update', conversationId, activityId: id, memberId: undefined };
    if (method === 'DELETE' && id !== undefined) return { kind: 'delete', conversationId, activityId: id, memberId: undefined };
  }
  if (resource === 'members' && method === 'GET' && !extra) {
    return { kind: id === undefined ? 'getMembers' : 'getMember', conversationId, activityId: undefined, memberId: id };
  }
  if (resource === 'pagedmembers' && method === 'GET' && id === undefined) {
    return { kind: 'getPagedMembers', conversationId, activityId: undefined, memberId: undefined };
  }
  return { kind: 'other', conversationId, activityId: undefined, memberId: undefined };
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The fake connector. Events: 'call' (a request arrived), 'answered' (a request was answered), 'activity' (an
 * activity was delivered: answered 2xx; listeners get the activity and its call).
 */
export class FakeConnector extends EventEmitter {
  /** Every request since the last reset, in arrival order. */
  readonly calls: ConnectorCall[] = [];
  private readonly queue: QueuedResponse[] = [];
  private readonly files = new Map<string, { readonly bytes: Uint8Array; readonly contentType: string }>();
  /** How many hosted files were downloaded. */
  fileDownloads = 0;
  private fallback: Responder | undefined;
  private seq = 0;
  private idCounter = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    private readonly options: FakeConnectorOptions,
  ) {
    super();
  }

  /** Starts a connector on 127.0.0.1 on a free port. */
  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const server = http.createServer();
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

  /** The activities delivered (answered 2xx) since the last reset: sends and replies, in arrival order. */
  activities(): WireActivity[] {
    return this.calls
      .filter((call) => SEND_KINDS.has(call.kind) && isSuccess(call.status))
      .map((call) => call.body as WireActivity);
  }

  /**
   * Scripts the answer to the next call that matches (any call by default). Queued answers are used once each,
   * in order; unmatched calls get the fallback, then the connector's normal answer.
   */
  enqueue(response: ScriptedResponse | Responder, matcher?: CallMatcher): this {
    const respond: Responder = typeof response === 'function' ? response : () => response;
    const matches =
      matcher === undefined ? () => true : typeof matcher === 'function' ? matcher : (call: ConnectorCall) => call.kind === matcher;
    this.queue.push({ matches, respond });
    return this;
  }

  /** Scripts the answer to every call not taken by the queue; the responder may return undefined to answer normally. */
  respondWith(responder: ((call: ConnectorCall) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>) | undefined): this {
    this.fallback = responder
      ? async (call) => (await responder(call)) ?? this.normalAnswer(call)
      : undefined;
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

  /** Forgets recorded calls and scripted answers. */
  reset(): void {
    this.calls.length = 0;
    this.queue.length = 0;
    this.fallback = undefined;
  }

  /** Resolves with the delivered activities once at least `count` were delivered since the last reset. */
  waitForActivities(count: number, timeoutMs = 5000): Promise<WireActivity[]> {
    return this.waitUntil(() => (this.activities().length >= count ? this.activities() : undefined), 'answered', timeoutMs, () =>
      `expected ${count} activities, the connector received ${this.activities().length}`,
    );
  }

  /** Resolves once at least `count` calls matching `matcher` arrived (answered or not) since the last reset. */
  waitForCalls(count: number, matcher?: CallMatcher, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const matching = () =>
      this.calls.filter((call) =>
        matcher === undefined ? true : typeof matcher === 'function' ? matcher(call) : call.kind === matcher,
      );
    return this.waitUntil(() => (matching().length >= count ? matching() : undefined), 'call', timeoutMs, () =>
      `expected ${count} connector calls, got ${matching().length}`,
    );
  }

  /** Stops the server and drops open connections (the bot keeps connections alive). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private waitUntil<T>(check: () => T | undefined, event: string, timeoutMs: number, describe: () => string): Promise<T> {
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
        this.removeListener(event, onEvent);
      };
      this.on(event, onEvent);
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
    this.seq += 1;
    const call: ConnectorCall = {
      seq: this.seq,
      method,
      path,
      ...classifyRequest(method, path),
      headers: req.headers,
      body: parseBody(raw),
      receivedAt: Date.now(),
      status: undefined,
      answeredId: undefined,
    };
    this.calls.push(call);
    this.emit('call', call);

    let response: ScriptedResponse;
    try {
      const queued = this.queue.findIndex((entry) => entry.matches(call));
      if (queued >= 0) {
        const [entry] = this.queue.splice(queued, 1);
        response = await (entry as QueuedResponse).respond(call);
      } else if (this.fallback) {
        response = await this.fallback(call);
      } else {
        response = this.normalAnswer(call);
      }
      if (response.delayMs) await sleep(response.delayMs);
    } catch {
      response = { status: 500, body: { error: { code: 'FakeConnectorError', message: 'responder failed' } } };
    }

    const body = response.body === undefined ? '' : JSON.stringify(response.body);
    call.status = response.status;
    const answered = response.body as { id?: unknown } | undefined;
    call.answeredId = typeof answered?.id === 'string' ? answered.id : undefined;
    if (!res.destroyed) {
      res.writeHead(response.status, {
        ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        ...response.headers,
      });
      res.end(body);
    }
    this.emit('answered', call);
    if (SEND_KINDS.has(call.kind) && isSuccess(call.status)) this.emit('activity', call.body as WireActivity, call);
    if (call.kind === 'update' && isSuccess(call.status)) this.emit('update', call.body as WireActivity, call);
  }
}
