import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { HttpRequest, HttpRoute } from '../conversation/feature';
import type { Logger } from '../logging/logging';
import { incomingActivitySchema, unsafeJson } from './activity-schema';

export interface WebDeps {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  /** Throws when a dependency the bot needs (the database) cannot be reached. */
  readonly checkReady: () => Promise<void>;
  readonly logger: Logger;
  /** The features' routes besides /api/messages, /healthz and /readyz. */
  readonly routes?: readonly HttpRoute[];
}

export interface WebServer {
  readonly server: restify.Server;
  listen(): Promise<AddressInfo>;
  /** Stops accepting requests, waits for turns in flight (up to `timeoutMs`), then closes. */
  close(timeoutMs: number): Promise<void>;
  inFlight(): number;
}

/** The only error texts an HTTP client ever sees: no internal messages, no stacks. */
const PUBLIC_ERRORS: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function publicError(status: number): { error: string } {
  return { error: PUBLIC_ERRORS[status] ?? (status >= 500 ? 'Internal error' : 'Request failed') };
}

/**
 * A response that the bot framework writes to: it lets status and invoke bodies through, but replaces the body of
 * any error with a fixed public text (the framework would otherwise echo internal error messages).
 */
function guardedResponse(res: Response): { status(code: number): void; send(body?: unknown): void; end(): void; header(name: string, value: string): void } {
  let status = 200;
  let sent = false;
  return {
    status(code: number) {
      status = code;
      res.status(code);
    },
    send(body?: unknown) {
      sent = true;
      if (status >= 400) res.send(status, publicError(status));
      else if (body === undefined || body === null) res.send(status);
      else res.send(status, body);
    },
    end() {
      if (!sent) {
        sent = true;
        if (status >= 400) res.send(status, publicError(status));
        else res.end();
      }
    },
    header(name: string, value: string) {
      res.header(name, value);
    },
  };
}

/** What a feature's route is told of its request: the query, the headers and a JSON body, as plain data. */
function routeRequest(req: Request): HttpRequest {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(req.url ?? '/', 'http://route.invalid').searchParams) if (!(name in query)) query[name] = value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { query, headers, body: req.is('json') ? (req.body as unknown) : undefined };
}

export function createWebServer(deps: WebDeps): WebServer {
  const server = restify.createServer({ name: 'certibot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
  };

  // Bot Framework channels send plain JSON. A body the server would have to decode (gzip, deflate…) is read before
  // any authentication, so decoding it would let anyone stop or swell the process: it is refused unread.
  server.pre((req: Request, res: Response, next: (err?: false) => void) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined) return next();
    if (encoding.trim().toLowerCase() === 'identity') {
      delete req.headers['content-encoding'];
      return next();
    }
    res.send(415, publicError(415));
    return next(false);
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }));
  // Every restify error (malformed JSON, 413, 404, 405…) gets a fixed public body. An error a handler throws has no
  // status: restify would answer it with its message, so it gets a 500 of ours instead.
  server.on('restifyError', (_req: Request, _res: Response, err: { statusCode?: number; toJSON?: () => unknown; body?: unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (err.statusCode === undefined) deps.logger.error({ err }, 'request failed');
    err.statusCode = status;
    err.toJSON = () => publicError(status);
    err.body = publicError(status);
    return callback();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining) {
      res.send(503, publicError(503));
      return;
    }
    if (!req.is('json')) {
      res.send(415, publicError(415));
      return;
    }
    const unsafe = unsafeJson(req.body);
    const parsed = unsafe ? undefined : incomingActivitySchema.safeParse(req.body);
    if (!parsed?.success) {
      deps.logger.info({ issue: unsafe ?? parsed?.error.issues[0]?.path.join('.') }, 'rejected malformed activity');
      res.send(400, publicError(400));
      return;
    }
    inFlight += 1;
    try {
      await deps.adapter.process(req, guardedResponse(res) as unknown as Response, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, publicError(500));
    } finally {
      settle();
    }
  });

  // The features' own routes (calendar files, the tab…): their answers are written as given; a route that throws is a
  // 500 with the public text, like every other error.
  for (const route of deps.routes ?? []) {
    const serve = async (req: Request, res: Response) => {
      const params = Object.fromEntries(Object.entries((req.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const answer = await route.handle(params, routeRequest(req));
      if (answer.status >= 400) {
        res.send(answer.status, publicError(answer.status));
        return;
      }
      res.writeHead(answer.status, { ...answer.headers });
      res.end(answer.body);
    };
    if (route.method === 'GET') server.get(route.path, serve);
    else server.post(route.path, serve);
  }

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (draining) {
      res.send(503, { status: 'draining' });
      return;
    }
    try {
      await deps.checkReady();
      res.send(200, { status: 'ready' });
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check failed');
      res.send(503, { status: 'not ready' });
    }
  });

  return {
    server,
    inFlight: () => inFlight,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(deps.port, deps.host, () => {
          server.removeListener('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: async (timeoutMs: number) => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      // Idle keep-alive sockets would hold close() open; in-flight turns are done or timed out by now.
      (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
    },
  };
}
