import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServerDeps {
  readonly host: string;
  readonly port: number;
  /** The exposition, rendered at each scrape. */
  readonly render: () => Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface MetricsServer {
  /** Where /metrics is served, e.g. http://127.0.0.1:9464/metrics. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * /metrics on a port of its own (METRICS_PORT), bound to 127.0.0.1 unless METRICS_HOST says otherwise: nothing about
 * it on the public port, and nothing but GET /metrics here. A plain node:http server: no body to parse, no framework.
 */
export async function startMetricsServer(deps: MetricsServerDeps): Promise<MetricsServer> {
  // restify patches http.ServerResponse for the whole process (its writeHead returns nothing): plain calls only.
  const answer = (res: http.ServerResponse, status: number, headers: Record<string, string>, body?: string) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(res, 404, { 'content-type': 'text/plain' }, 'Not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, { 'content-type': 'text/plain', allow: 'GET' }, 'Method not allowed');
    deps.render().then(
      ({ contentType, body }) => answer(res, 200, { 'content-type': contentType }, req.method === 'HEAD' ? undefined : body),
      () => answer(res, 500, { 'content-type': 'text/plain' }, 'Internal error'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
