import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback stand-in for the Bot Framework connector: answers `{id}` to every POST …/activities[/…]. */
export interface FakeConnector {
  readonly url: string;
  /** Replies received so far (POSTs to an activities path). */
  replies(): number;
  /** The body of the latest reply, as sent. */
  lastReply(): string | undefined;
  close(): Promise<void>;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/;

/** Starts the fake connector on 127.0.0.1 (a random free port). */
export async function startFakeConnector(): Promise<FakeConnector> {
  let replies = 0;
  let lastReply: string | undefined;
  const server = http.createServer((req, res) => {
    // Read the whole body before answering so keep-alive sockets stay reusable.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && ACTIVITIES_PATH.test(path)) {
        replies += 1;
        lastReply = Buffer.concat(chunks).toString('utf8');
        const body = JSON.stringify({ id: `reply-${replies}` });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      res.writeHead(404, { 'content-length': 0 });
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replies: () => replies,
    lastReply: () => lastReply,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
