import http from 'node:http';

/**
 * A tiny HTTP client over node:http, for tests and the chat script. Not fetch: tests need exact control of the
 * content type and the raw body (malformed JSON, oversized bodies), and a fresh connection per request so that a
 * server's keep-alive handling never decides what a test sees.
 */

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The raw body, as text. */
  readonly body: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  readonly json: unknown;
}

export interface HttpRequestOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or Buffer is sent as is; anything else is sent as JSON with a JSON content type. */
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request on its own connection and reads the whole answer. */
export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const { body } = options;
  const raw = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    ...(raw !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body) ? { 'Content-Type': 'application/json' } : {}),
    ...options.headers,
    Connection: 'close',
  };
  if (raw !== undefined) headers['Content-Length'] = String(Buffer.byteLength(raw));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? (raw === undefined ? 'GET' : 'POST'), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: parseJson(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.timeoutMs) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs} ms`)));
    }
    req.end(raw);
  });
}
