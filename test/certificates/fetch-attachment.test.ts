import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  allowedHostsFor,
  fetchAttachmentBytes,
  type AttachmentRef,
  type FetchPolicy,
  type FetchResult,
} from '../../src/certificates/fetch-attachment';
import { readCertificate } from '../../src/certificates/read-certificate';
import { igcSanteChain } from '../fixtures/certificates';

const FIFTY_MB = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x41);

let server: Server;
let base: string;
let certificateDer: Buffer;
const requested: string[] = [];
const open = new Set<ServerResponse>();
/** How many body bytes the 50 MB routes wrote before the client went away. */
let streamed = { written: 0, closed: Promise.resolve() };

/** Writes up to `total` bytes with backpressure, stopping when the client closes the connection. */
function streamHuge(response: ServerResponse, total: number, headers: Record<string, string | number>): void {
  let done!: () => void;
  streamed = { written: 0, closed: new Promise<void>((resolve) => (done = resolve)) };
  const counter = streamed;
  response.on('close', done);
  response.writeHead(200, { 'content-type': 'application/octet-stream', ...headers });
  const pump = (): void => {
    while (counter.written < total && !response.destroyed) {
      counter.written += CHUNK.length;
      if (!response.write(CHUNK)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

function route(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  requested.push(path);
  open.add(response);
  response.on('close', () => open.delete(response));
  switch (path) {
    case '/insi-auto.cer':
      response.writeHead(200, { 'content-type': 'application/pkix-cert', 'content-length': certificateDer.length });
      response.end(certificateDer);
      return;
    case '/chunked.cer':
      response.writeHead(200, { 'content-type': 'application/pkix-cert' });
      response.write(certificateDer.subarray(0, 100));
      setTimeout(() => response.end(certificateDer.subarray(100)), 20);
      return;
    case '/exactly-1000':
      response.writeHead(200);
      response.end(Buffer.alloc(1000, 0x42));
      return;
    case '/huge':
      streamHuge(response, FIFTY_MB, {});
      return;
    case '/huge-declared':
      // Announces 50 MB and sends nothing: only the Content-Length can tell the client, before the timeout does.
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': FIFTY_MB });
      response.flushHeaders();
      return;
    case '/never-answers':
      return;
    case '/stalls-mid-body':
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(100, 0x44));
      return;
    case '/redirect-same-host':
      response.writeHead(302, { location: '/insi-auto.cer' });
      response.end();
      return;
    case '/redirect-other-host':
      response.writeHead(302, { location: `${base.replace('127.0.0.1', 'localhost')}/insi-auto.cer?via=redirect` });
      response.end();
      return;
    case '/redirect-loop':
      response.writeHead(301, { location: '/redirect-loop' });
      response.end();
      return;
    case '/redirect-nowhere':
      response.writeHead(302);
      response.end();
      return;
    default:
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
  }
}

beforeAll(async () => {
  certificateDer = Buffer.from((await igcSanteChain()).leaf.der);
  server = createServer(route);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const response of open) response.destroy();
  requested.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

/** A result without its bytes: a failing assertion must not print megabytes. */
function outcome(result: FetchResult): { ok: true; length: number } | { ok: false; reason: string } {
  return result.ok ? { ok: true, length: result.bytes.length } : result;
}

function policy(overrides: Partial<FetchPolicy> = {}): FetchPolicy {
  return { allowedHosts: allowedHostsFor(base, true), maxBytes: 64 * 1024, timeoutMs: 2_000, ...overrides };
}

function urlRef(path: string): AttachmentRef {
  return { name: 'insi-auto.cer', contentType: 'application/vnd.microsoft.teams.file.download.info', url: `${base}${path}`, inlineBase64: undefined };
}

function inlineRef(base64: string): AttachmentRef {
  return { name: 'insi-auto.cer', contentType: 'application/pkix-cert', url: undefined, inlineBase64: base64 };
}

describe('downloading an attachment', () => {
  it('downloads a certificate file that the reader can then read', async () => {
    const result = await fetchAttachmentBytes(urlRef('/insi-auto.cer'), policy());
    expect(result.ok && Buffer.from(result.bytes).equals(certificateDer)).toBe(true);
    expect(result.ok && readCertificate(result.bytes).ok).toBe(true);
  });

  it('downloads a body sent in several chunks without a Content-Length', async () => {
    const result = await fetchAttachmentBytes(urlRef('/chunked.cer'), policy());
    expect(result.ok && Buffer.from(result.bytes).equals(certificateDer)).toBe(true);
  });

  it('accepts a body of exactly the limit, and refuses it when the limit is one byte lower', async () => {
    const exact = await fetchAttachmentBytes(urlRef('/exactly-1000'), policy({ maxBytes: 1000 }));
    expect(exact.ok && exact.bytes.length).toBe(1000);
    expect(outcome(await fetchAttachmentBytes(urlRef('/exactly-1000'), policy({ maxBytes: 999 })))).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('abandons a 50 MB streamed body as soon as it passes the limit, without reading it all', async () => {
    const started = Date.now();
    const result = await fetchAttachmentBytes(urlRef('/huge'), policy({ timeoutMs: 10_000 }));
    expect(outcome(result)).toEqual({ ok: false, reason: 'too-large' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await streamed.closed;
    expect(streamed.written).toBeLessThan(FIFTY_MB / 5);
  });

  it('refuses a body whose Content-Length is over the limit without waiting for the body', async () => {
    const started = Date.now();
    const result = await fetchAttachmentBytes(urlRef('/huge-declared'), policy({ timeoutMs: 5_000 }));
    expect(outcome(result)).toEqual({ ok: false, reason: 'too-large' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out when the server never answers', async () => {
    const started = Date.now();
    expect(outcome(await fetchAttachmentBytes(urlRef('/never-answers'), policy({ timeoutMs: 300 })))).toEqual({
      ok: false,
      reason: 'timeout',
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('times out when the body stalls halfway', async () => {
    expect(outcome(await fetchAttachmentBytes(urlRef('/stalls-mid-body'), policy({ timeoutMs: 300 })))).toEqual({
      ok: false,
      reason: 'timeout',
    });
  });

  it('follows a redirect within the same host', async () => {
    const result = await fetchAttachmentBytes(urlRef('/redirect-same-host'), policy());
    expect(result.ok && Buffer.from(result.bytes).equals(certificateDer)).toBe(true);
    expect(requested).toEqual(['/redirect-same-host', '/insi-auto.cer']);
  });

  it('refuses a redirect to another host and never requests it', async () => {
    expect(outcome(await fetchAttachmentBytes(urlRef('/redirect-other-host'), policy()))).toEqual({
      ok: false,
      reason: 'host-not-allowed',
    });
    expect(requested).toEqual(['/redirect-other-host']);
  });

  it('gives up on a redirect loop', async () => {
    expect(outcome(await fetchAttachmentBytes(urlRef('/redirect-loop'), policy()))).toEqual({
      ok: false,
      reason: 'download-failed',
    });
    expect(requested.length).toBeLessThanOrEqual(4);
  });

  it('fails on a redirect without a Location', async () => {
    expect(outcome(await fetchAttachmentBytes(urlRef('/redirect-nowhere'), policy()))).toEqual({
      ok: false,
      reason: 'download-failed',
    });
  });

  it('fails on a 404', async () => {
    expect(outcome(await fetchAttachmentBytes(urlRef('/expired-link'), policy()))).toEqual({
      ok: false,
      reason: 'download-failed',
    });
  });

  it('fails when nothing listens at the address', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/insi-auto.cer`;
    closed.close();
    await once(closed, 'close');
    const ref = { ...urlRef(''), url };
    expect(outcome(await fetchAttachmentBytes(ref, policy({ allowedHosts: () => true })))).toEqual({
      ok: false,
      reason: 'download-failed',
    });
  });

  it('refuses a host the policy does not allow, without any request', async () => {
    const ref = { ...urlRef(''), url: `${base.replace('127.0.0.1', 'localhost')}/insi-auto.cer` };
    expect(outcome(await fetchAttachmentBytes(ref, policy()))).toEqual({ ok: false, reason: 'host-not-allowed' });
    expect(requested).toEqual([]);
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/insi-auto.cer', 'javascript:alert(1)'])(
    'refuses the non-HTTP URL %s',
    async (url) => {
      const ref = { ...urlRef(''), url };
      expect(outcome(await fetchAttachmentBytes(ref, policy({ allowedHosts: () => true })))).toEqual({
        ok: false,
        reason: 'host-not-allowed',
      });
    },
  );

  it('fails when the attachment has neither a URL nor inline content, or a URL that does not parse', async () => {
    const none = { ...urlRef(''), url: undefined };
    expect(outcome(await fetchAttachmentBytes(none, policy()))).toEqual({ ok: false, reason: 'download-failed' });
    const broken = { ...urlRef(''), url: 'http://[not-a-host' };
    expect(outcome(await fetchAttachmentBytes(broken, policy()))).toEqual({ ok: false, reason: 'download-failed' });
  });
});

describe('inline attachments', () => {
  it('decodes inline base64, line breaks included', async () => {
    const base64 = certificateDer.toString('base64').replace(/(.{64})/g, '$1\r\n');
    const result = await fetchAttachmentBytes(inlineRef(base64), policy());
    expect(result.ok && Buffer.from(result.bytes).equals(certificateDer)).toBe(true);
  });

  it('applies the byte limit to inline content too', async () => {
    const base64 = Buffer.alloc(2_000, 0x45).toString('base64');
    expect(outcome(await fetchAttachmentBytes(inlineRef(base64), policy({ maxBytes: 1_999 })))).toEqual({
      ok: false,
      reason: 'too-large',
    });
    const fits = await fetchAttachmentBytes(inlineRef(base64), policy({ maxBytes: 2_000 }));
    expect(fits.ok && fits.bytes.length).toBe(2_000);
  });

  it('fails on inline content that is not base64', async () => {
    expect(outcome(await fetchAttachmentBytes(inlineRef('pas du base64 !'), policy()))).toEqual({
      ok: false,
      reason: 'download-failed',
    });
  });

  it('does not go to the network for inline content, whatever the policy says', async () => {
    const result = await fetchAttachmentBytes(
      { ...inlineRef(certificateDer.toString('base64')), url: `${base}/insi-auto.cer` },
      policy({ allowedHosts: () => false }),
    );
    expect(result.ok).toBe(true);
    expect(requested).toEqual([]);
  });
});

describe('which hosts attachments may come from', () => {
  it('allows only the serviceUrl host, port included, in local mode', () => {
    const allowed = allowedHostsFor('http://127.0.0.1:3978/', true);
    expect(allowed('127.0.0.1:3978')).toBe(true);
    expect(allowed('127.0.0.1:3979')).toBe(false);
    expect(allowed('localhost:3978')).toBe(false);
    expect(allowed('contoso.sharepoint.com')).toBe(false);
  });

  it.each([
    'contoso.sharepoint.com',
    'contoso-my.sharepoint.com',
    'CONTOSO-MY.SHAREPOINT.COM',
    'agency.sharepoint.us',
    'msft.sharepoint-df.com',
    'smba.trafficmanager.net',
  ])('allows %s in production', (host) => {
    expect(allowedHostsFor('https://smba.trafficmanager.net/emea/', false)(host)).toBe(true);
  });

  it.each([
    'sharepoint.com',
    'evilsharepoint.com',
    'contoso.sharepoint.com.evil.example',
    'contoso.sharepoint.com:8443',
    'attacker.example',
    '127.0.0.1',
    'smba.trafficmanager.net.evil.example',
  ])('refuses %s in production', (host) => {
    expect(allowedHostsFor('https://smba.trafficmanager.net/emea/', false)(host)).toBe(false);
  });

  it('refuses every host when the serviceUrl does not parse', () => {
    expect(allowedHostsFor('not a url', true)('127.0.0.1:3978')).toBe(false);
    expect(allowedHostsFor('not a url', false)('not a url')).toBe(false);
    expect(allowedHostsFor('', false)('')).toBe(false);
  });
});
