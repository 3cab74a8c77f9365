import type { SendOutcome } from '../domain/outbox/outbox-item';

/** A bearer token for the Bot Connector, or undefined in local mode (no credentials, loopback only). */
export type ConnectorToken = () => Promise<string | undefined>;

/** Statuses Teams answers when it may accept the same request later. */
const RETRIABLE = new Set([412, 502, 503, 504]);

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

async function errorCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * The two Bot Connector calls proactive reminders need — post an activity, replace one — made with one HTTP request
 * each and no hidden retries, so that the dispatcher alone decides when to try again (honouring Retry-After) and
 * how fast to send. The bot framework's own client retries 429 and 5xx on its own for several seconds.
 */
export class ConnectorClient {
  constructor(
    private readonly token: ConnectorToken,
    private readonly timeoutMs = 15_000,
  ) {}

  /** Posts an activity in a conversation (a new message; in a channel, a new post). */
  send(serviceUrl: string, conversationId: string, activity: object): Promise<SendOutcome> {
    return this.call('POST', `${this.base(serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
  }

  /** Replaces an activity the bot posted (a reminder card updated in place). */
  update(serviceUrl: string, conversationId: string, activityId: string, activity: object): Promise<SendOutcome> {
    const url = `${this.base(serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    return this.call('PUT', url, { ...activity, id: activityId });
  }

  private base(serviceUrl: string): string {
    return serviceUrl.replace(/\/+$/, '');
  }

  private async call(method: 'POST' | 'PUT', url: string, body: object): Promise<SendOutcome> {
    let response: Response;
    try {
      const token = await this.token();
      response = await fetch(url, {
        method,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch {
      // Network errors, timeouts and token failures are transient from here: try again later.
      return { kind: 'retry', afterMs: undefined, status: 0 };
    }
    if (response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { kind: 'sent', activityId: typeof answer.id === 'string' ? answer.id : undefined };
    }
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'retry', afterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()), status: 429 };
    }
    if (RETRIABLE.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'retry', afterMs: undefined, status: response.status };
    }
    const code = await errorCode(response);
    // 403: the user blocked or uninstalled the app (ConversationBlockedByUser, MessageWritesBlocked…); 404: gone.
    if (response.status === 403 || response.status === 404) return { kind: 'unreachable', reason: code };
    return { kind: 'failed', reason: code };
  }
}
