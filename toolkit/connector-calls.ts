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
  /** Empty when the connector does not record content (`recordContent: false`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, or the raw text when it is not JSON, or undefined when empty or not recorded. */
  readonly body: unknown;
  /** The item a posted activity is about (the connector's `itemKey`), for sends and replies. */
  readonly itemKey: string | undefined;
  readonly receivedAt: number;
  /** Set once answered. */
  status: number | undefined;
  /** The id answered for a delivered activity. */
  answeredId: string | undefined;
  /** The caller's connection closed before the answer was written (it gave up, or its process died). */
  abandoned: boolean;
}

/** Whether a parsed body is an activity: a JSON object. */
export function isWireActivity(value: unknown): value is WireActivity {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which calls something applies to: a kind, or any predicate. */
export type CallMatcher = ConnectorCallKind | ((call: ConnectorCall) => boolean);

/** A matcher as a predicate; no matcher matches every call. */
export function matcherOf(matcher: CallMatcher | undefined): (call: ConnectorCall) => boolean {
  if (matcher === undefined) return () => true;
  return typeof matcher === 'function' ? matcher : (call) => call.kind === matcher;
}

/** Whether a call posts an activity to a conversation (a send or a reply), as opposed to an update or a lookup. */
export function postsActivity(call: Pick<ConnectorCall, 'kind'>): boolean {
  return call.kind === 'send' || call.kind === 'reply';
}

/** Whether a status is a 2xx. */
export function isSuccess(status: number | undefined): boolean {
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
