import http from 'node:http';

/** The message every benchmark turn sends: a knowledge-style question in a personal chat, in French. */
export const QUESTION = 'combien de temps est valable le certificat ?';

/**
 * One Teams-like message activity as JSON. `seq` numbers the request; the user (and their personal conversation)
 * cycles through `users` ids so that the bot's store sees many users, not one hot row.
 */
export function messageActivity(seq: number, serviceUrl: string, users: number): string {
  const user = seq % users;
  return JSON.stringify({
    type: 'message',
    id: `bench-${seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${user}`, name: `Utilisateur ${user}`, aadObjectId: `00000000-0000-4000-8000-${String(user).padStart(12, '0')}` },
    recipient: { id: '28:certibot-bench', name: 'certibot' },
    conversation: { id: `a:bench-personal-${user}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'fr-FR',
    textFormat: 'plain',
    text: QUESTION,
  });
}

export interface PostResult {
  readonly status: number;
  readonly ms: number;
}

/** POSTs a JSON body and resolves when the whole response has arrived. */
export function postJson(agent: http.Agent, url: URL, body: string): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        agent,
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface LoadResult {
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
  readonly failures: number;
}

export interface LoadOptions {
  readonly agent: http.Agent;
  readonly target: URL;
  readonly requests: number;
  readonly concurrency: number;
  /** The body of request number `seq` (numbers start at `firstSeq`). */
  readonly body: (seq: number) => string;
  readonly firstSeq: number;
}

/** Sends `requests` POSTs with exactly `concurrency` in flight, and records each one's latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const seq = options.firstSeq + next;
      next += 1;
      try {
        const result = await postJson(options.agent, options.target, options.body(seq));
        if (result.status >= 200 && result.status < 300) latenciesMs.push(result.ms);
        else failures += 1;
      } catch {
        failures += 1;
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { latenciesMs, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, failures };
}
