import type { SendOutcome } from '../domain/outbox/outbox-item';

/**
 * A bearer token for the Bot Connector, or undefined in local mode (no credentials, loopback only). `refused` is a
 * token the connector has just answered 401 to: the source must not hand it out again.
 */
export type ConnectorToken = (refused?: string) => Promise<string | undefined>;

/** A token as its issuer gives it: the bearer value and when it stops being accepted (epoch ms). */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** How long before its expiry a cached token is replaced, so that no request leaves with a token about to lapse. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Keeps one token until shortly before it expires, with at most one fetch in flight: callers arriving meanwhile share
 * it (a burst of reminders on an empty cache makes one call to the identity platform, not one per send). `fetch`
 * gets `forceRefresh` when the cached token was refused, so that a cache below it is bypassed too.
 */
export function cachingConnectorToken(
  fetch: (forceRefresh: boolean) => Promise<IssuedToken>,
  now: () => number = Date.now,
): ConnectorToken {
  let cached: { readonly token: string; readonly renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const fetchOnce = (forceRefresh: boolean): Promise<string> =>
    (inFlight ??= fetch(forceRefresh)
      .then((issued) => {
        // A short-lived token is renewed halfway through its life rather than fetched again on every call.
        const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, issued.expiresAt - now()) / 2);
        cached = { token: issued.token, renewAt: issued.expiresAt - margin };
        return issued.token;
      })
      .finally(() => {
        inFlight = undefined;
      }));
  return async (refused) => {
    // Several sends refused with the same token ask at once: the first drops it, the others share its refresh.
    if (refused !== undefined && cached?.token === refused) cached = undefined;
    if (cached && now() < cached.renewAt) return cached.token;
    const token = await fetchOnce(refused !== undefined);
    if (refused === undefined || token !== refused) return token;
    // The fetch joined was started before the refusal and brought the refused token back: one forced fetch more.
    cached = undefined;
    return fetchOnce(true);
  };
}

/** The `exp` claim of a JWT bearer token, in epoch milliseconds, or undefined when the token does not carry one. */
export function jwtExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Why a send failed when Teams refused the activity as above its message size limit (HTTP 413). */
export const MESSAGE_TOO_BIG = 'MessageSizeTooBig';

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
 *
 * The single exception is 401: a token can be refused before its expiry (secret rotated, token revoked, clock skew),
 * and waiting for the dispatcher's next attempt would only send the same token again. So a 401 to a request that
 * carried a token fetches a fresh one once and repeats the request once; a second 401 is a failure.
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

  /**
   * Starts a new thread in a team channel with `activity` as its first post (a ticket's card): answers the outcome
   * and, when sent, the thread's conversation id ("19:…;messageid=…") and the post's activity id.
   */
  async startThread(serviceUrl: string, channelId: string, tenantId: string | undefined, activity: object): Promise<SendOutcome & { conversationId?: string }> {
    const body = { isGroup: true, channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) }, activity };
    const answers: { id?: unknown; activityId?: unknown } = {};
    const outcome = await this.call('POST', `${this.base(serviceUrl)}/v3/conversations`, body, answers);
    if (outcome.kind !== 'sent' || typeof answers.id !== 'string') return outcome;
    const activityId = typeof answers.activityId === 'string' ? answers.activityId : (/;messageid=(\d+)/.exec(answers.id)?.[1] ?? answers.id);
    return { kind: 'sent', activityId, conversationId: answers.id };
  }

  /**
   * Whether a person (Entra object id) is a member of a team (its "19:…" id) or chat: true, false (Teams says not a
   * member), or undefined when Teams could not say (network, throttling, no token). The tab's team view asks it.
   */
  async isMember(serviceUrl: string, conversationId: string, aadObjectId: string): Promise<boolean | undefined> {
    const url = `${this.base(serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(aadObjectId)}`;
    try {
      const token = await this.token();
      let response = await this.request('GET', url, undefined, token);
      if (response.status === 401 && token) {
        await response.body?.cancel().catch(() => undefined);
        response = await this.request('GET', url, undefined, await this.token(token));
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return true;
      // 404 MemberNotFoundInConversation; 403 for a conversation the bot is not in.
      return response.status === 404 || response.status === 403 ? false : undefined;
    } catch {
      return undefined;
    }
  }

  private base(serviceUrl: string): string {
    return serviceUrl.replace(/\/+$/, '');
  }

  private request(method: 'POST' | 'PUT' | 'GET', url: string, body: object | undefined, token: string | undefined): Promise<Response> {
    return fetch(url, {
      method,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** One request (and one more after a 401 with a fresh token); `answers` receives the JSON body of a success. */
  private async call(method: 'POST' | 'PUT' | 'GET', url: string, body: object | undefined, answers?: Record<string, unknown>): Promise<SendOutcome> {
    let response: Response;
    try {
      const token = await this.token();
      response = await this.request(method, url, body, token);
      if (response.status === 401 && token) {
        await response.body?.cancel().catch(() => undefined);
        response = await this.request(method, url, body, await this.token(token));
      }
    } catch {
      // Network errors, timeouts and token failures are transient from here: try again later.
      return { kind: 'retry', afterMs: undefined, status: 0 };
    }
    if (response.ok) {
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (answers) Object.assign(answers, answer);
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
    // Above Teams' message size limit: named the same whatever the body says, so that the sender can call it a bug.
    if (response.status === 413) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', reason: MESSAGE_TOO_BIG };
    }
    const code = await errorCode(response);
    // 403: the user blocked or uninstalled the app (ConversationBlockedByUser, MessageWritesBlocked…); 404: gone.
    if (response.status === 403 || response.status === 404) return { kind: 'unreachable', reason: code };
    return { kind: 'failed', reason: code };
  }
}
