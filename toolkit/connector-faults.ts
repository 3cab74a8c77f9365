import { seededRandom } from '../src/domain/seeded-random';
import { matcherOf, type CallMatcher, type ConnectorCall } from './connector-calls';

/** An answer a test can script. A delay makes a slow connector (a turn stays in flight meanwhile). */
export interface ScriptedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
}

/**
 * Decides the answer to a call, and may wait (e.g. until a test opens a gate). Undefined leaves the call to what
 * comes next: the next fault rule, the fallback, then the connector's normal answer.
 */
export type Responder = (call: ConnectorCall) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>;

/** An error answer in the Bot Framework shape (`{ error: { code, message } }`), for codes the catalogue below lacks. */
export function connectorError(status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): ScriptedResponse {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

/**
 * Answers the Teams connector gives when it refuses a call: throttled (429 with Retry-After), transient (412, 500,
 * 502, 503, 504), refused for good (403 with the Teams code, 404) or unauthenticated (401).
 */
export const connectorFailures = {
  throttled: (retryAfterSeconds = 1): ScriptedResponse =>
    connectorError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': String(retryAfterSeconds) }),
  preconditionFailed: (): ScriptedResponse => connectorError(412, 'PreconditionFailed', 'Precondition failed, please try again.'),
  internalError: (message = 'connector exploded at ConnectorService.send (internal.cs:42)'): ScriptedResponse =>
    connectorError(500, 'InternalServerError', message),
  badGateway: (): ScriptedResponse => connectorError(502, 'BadGateway', 'Bad gateway'),
  unavailable: (): ScriptedResponse => connectorError(503, 'ServiceUnavailable', 'Service unavailable'),
  gatewayTimeout: (): ScriptedResponse => connectorError(504, 'GatewayTimeout', 'Gateway timeout'),
  blockedByUser: (): ScriptedResponse => connectorError(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.'),
  writesBlocked: (): ScriptedResponse => connectorError(403, 'MessageWritesBlocked', 'Thread is blocked.'),
  notInRoster: (): ScriptedResponse => connectorError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.'),
  conversationNotFound: (): ScriptedResponse => connectorError(404, 'ConversationNotFound', 'Conversation not found.'),
  // The connector's own 401 carries no error code, only a message.
  unauthorized: (): ScriptedResponse => ({ status: 401, body: { message: 'Authorization has been denied for this request.' } }),
} as const;

/**
 * Which calls get a fault, and what they get. Rules are tried in the order they were added; the first that takes a
 * call answers it. A rule without `answer` only adds latency: the search goes on, so a slow connector and a failing
 * one combine.
 */
export interface FaultRule {
  /** The calls it may take: a kind or a predicate; every call when absent. */
  readonly match?: CallMatcher;
  /** The share of matching calls it takes, drawn from the connector's seeded random; all of them when absent. */
  readonly rate?: number;
  /** It takes this many calls ("the next N"), then stands down; no limit when absent. */
  readonly times?: number;
  /** The answer: one, one of several drawn at random, or a responder. Absent: the normal answer, after `delayMs`. */
  readonly answer?: ScriptedResponse | readonly ScriptedResponse[] | Responder;
  /** Latency added before the answer is written. */
  readonly delayMs?: number;
}

/** A fault rule once added: how often it struck, and a way to lift it. */
export interface Fault {
  /** Calls it has taken. */
  readonly hits: number;
  /** Whether it has taken its `times` calls. */
  readonly spent: boolean;
  remove(): void;
}

/** What the rules decided for one call: an answer (undefined when none took it) and the latency to add. */
export interface FaultDecision {
  readonly response: ScriptedResponse | undefined;
  readonly delayMs: number;
}

class ActiveFault implements Fault {
  hits = 0;
  readonly matches: (call: ConnectorCall) => boolean;

  constructor(
    readonly rule: FaultRule,
    private readonly onRemove: (fault: ActiveFault) => void,
  ) {
    const { rate, times, answer } = rule;
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error(`fault rate ${rate} is not between 0 and 1`);
    if (times !== undefined && !(Number.isInteger(times) && times >= 1)) throw new Error(`fault times ${times} is not a positive integer`);
    if (Array.isArray(answer) && answer.length === 0) throw new Error('a fault needs at least one answer to draw from');
    this.matches = matcherOf(rule.match);
  }

  get spent(): boolean {
    return this.rule.times !== undefined && this.hits >= this.rule.times;
  }

  remove(): void {
    this.onRemove(this);
  }
}

/** The fault rules of one connector, and the seeded random their rates and answer lists draw from. */
export class FaultInjector {
  private readonly faults: ActiveFault[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Adds a rule after the others. */
  add(rule: FaultRule): Fault {
    const fault = new ActiveFault(rule, (removed) => {
      const index = this.faults.indexOf(removed);
      if (index >= 0) this.faults.splice(index, 1);
    });
    this.faults.push(fault);
    return fault;
  }

  /** Lifts every rule (the random stream goes on, so a run stays reproducible as a whole). */
  clear(): void {
    this.faults.length = 0;
  }

  /** Runs the call through the rules: the answer of the first that takes it, and the latency of those on the way. */
  async decide(call: ConnectorCall): Promise<FaultDecision> {
    let delayMs = 0;
    // A copy: a responder may add or remove rules while it waits.
    for (const fault of [...this.faults]) {
      const { rule } = fault;
      if (fault.spent || !fault.matches(call)) continue;
      if (rule.rate !== undefined && rule.rate < 1 && this.random() >= rule.rate) continue;
      const response = await this.answerOf(rule, call);
      if (rule.answer !== undefined && response === undefined) continue;
      fault.hits += 1;
      delayMs += rule.delayMs ?? 0;
      if (response !== undefined) return { response, delayMs };
    }
    return { response: undefined, delayMs };
  }

  private answerOf(rule: FaultRule, call: ConnectorCall): ScriptedResponse | undefined | Promise<ScriptedResponse | undefined> {
    const { answer } = rule;
    if (answer === undefined) return undefined;
    if (typeof answer === 'function') return answer(call);
    if (isResponseList(answer)) return answer[Math.min(answer.length - 1, Math.floor(this.random() * answer.length))];
    return answer;
  }
}

function isResponseList(answer: ScriptedResponse | readonly ScriptedResponse[]): answer is readonly ScriptedResponse[] {
  return Array.isArray(answer);
}
