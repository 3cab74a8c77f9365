import { seededRandom } from '../../src/domain/seeded-random';
import {
  conversationUpdate,
  executeAction,
  fileMessage,
  installationUpdate,
  message,
  submitAction,
  type TeamsActivity,
  type TeamsChat,
} from '../harness/activities';
import { BotHarness } from '../harness/bot-harness';
import { INTERNALS } from './internals';

/**
 * Property-based fuzzing of /api/messages through the real HTTP pipeline: Teams-shaped activities with fields
 * deleted, retyped or given odd values, sent with odd content types and encodings. Whatever arrives, certibot
 * answers below 500 (but for the Bot Framework's 501 to an invoke it does not implement), with no internal text,
 * logs no error, and stays alive.
 *
 * fast-check is not installed here, so the cases come from a small generator over the project's seeded random:
 * FUZZ_SEED replays a run, FUZZ_CASES sets how many cases (default 1000).
 */

const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_126);

// Every log line of the app, to check that no input makes it log an error (a turn that failed, a stack).
const mockLogLines: Array<{ readonly level: number; readonly msg: string; readonly err?: unknown; readonly fuzzCase: number }> = [];
const mockFuzzCase = { current: -1 };
jest.mock('../../src/logging/logging', () => {
  const actual = jest.requireActual<typeof import('../../src/logging/logging')>('../../src/logging/logging');
  return {
    ...actual,
    createLogger: () =>
      actual.createLogger('warn', {
        write: (line: string) => {
          mockLogLines.push({ ...(JSON.parse(line) as { level: number; msg: string }), fuzzCase: mockFuzzCase.current });
        },
      }),
  };
});

/** Uniform choices over one seeded stream. */
class Gen {
  constructor(private readonly next: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}

const WORDS = [
  'aide',
  'help',
  'bonjour',
  'mes certificats',
  'quand renouveler mon certificat ?',
  'FINESS 750712184',
  '750712185',
  'parle anglais',
  'switch to French',
  'supprimer mes données',
  'oui',
  'non',
  'merci',
  'expire le 31/12/2026',
  '<at>certibot</at>',
  '<at>certibot</at> aide',
];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'aide\u0000',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(40),
  'e\u0301',
  '\u202eedia',
  '\ufeffaide',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '__proto__',
  'constructor',
  'toString',
  '{ref}',
  '{{name}}',
  '%s%n%d',
  '\r\n\t',
  'NaN',
  '1e309',
  'null',
  'x'.repeat(5000),
  '中文字符',
  'مرحبا',
  '\\',
  '"',
  '${process.exit()}',
];

/** Code point ranges: ASCII controls and letters, Latin, the BMP (lone surrogates included), astral planes. */
const CODE_POINT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x7f],
  [0x80, 0x7ff],
  [0x800, 0xffff],
  [0x10000, 0x10ffff],
];

const ACTIVITY_TYPES = [
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'event',
  'typing',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'endOfConversation',
  'contactRelationUpdate',
  'deleteUserData',
  'trace',
  'handoff',
  'command',
  'commandResult',
  'suggestion',
];

const INVOKE_NAMES = [
  'adaptiveCard/action',
  'application/search',
  'task/fetch',
  'task/submit',
  'composeExtension/query',
  'composeExtension/submitAction',
  'config/fetch',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'signin/verifyState',
  'signin/tokenExchange',
  'tab/fetch',
  'healthCheck',
  'unknown/name',
];

const VERBS = [
  'help',
  'language.set',
  'privacy.erase.request',
  'privacy.erase.confirm',
  'privacy.erase.cancel',
  'sharing.start',
  'sharing.structure',
  'feedback',
  'intent.choose',
  'dates.start',
  'dates.pick',
  'dates.role',
  'register.start',
  'register.submit',
  'register.edit',
  'register.history',
  'register.targets',
  'register.owner.add',
  'register.target.remove',
  'register.delete',
  'register.delete.confirm',
  'register.here',
  'register.settings',
  'register.settings.save',
  'reminder.ack',
  'reminder.snooze',
  'reminder.renewed',
  'reminder.stop',
  'no.such.verb',
];

const KEYS = ['verb', 'type', 'id', 'name', 'text', 'data', 'action', 'locale', 'value', 'mentioned', 'tenant', 'content', '__proto__', 'constructor', 'toString', 'length'];

/** The fields botbuilder or certibot read, and a few they do not. */
const PATHS = [
  'type',
  'id',
  'name',
  'text',
  'textFormat',
  'locale',
  'value',
  'value.action',
  'value.action.type',
  'value.action.verb',
  'value.action.data',
  'value.action.data.verb',
  'value.verb',
  'attachments',
  'attachments.0',
  'attachments.0.contentType',
  'attachments.0.content',
  'attachments.0.content.downloadUrl',
  'entities',
  'entities.0',
  'entities.0.type',
  'entities.1',
  'entities.1.mentioned',
  'entities.1.text',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'channelData.team',
  'channelData.team.id',
  'channelData.channel',
  'channelData.eventType',
  'from',
  'from.id',
  'from.name',
  'from.aadObjectId',
  'from.role',
  'from.properties',
  'recipient',
  'recipient.id',
  'recipient.name',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'conversation.isGroup',
  'conversation.name',
  'membersAdded',
  'membersAdded.0',
  'membersRemoved',
  'replyToId',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'serviceUrl',
  'channelId',
  'action',
  'deliveryMode',
  'relatesTo',
  'callerId',
  'expiration',
  'reactionsAdded',
  'summary',
];

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json;charset=UTF-16',
  'application/json; charset=iso-8859-1',
  'application/vnd.api+json',
  'text/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json, text/plain',
  '',
];

class ActivityFuzzer {
  constructor(
    private readonly g: Gen,
    private readonly serviceUrl: string,
    private readonly hostedFileUrl: string,
  ) {}

  string(): string {
    const { g } = this;
    switch (g.int(0, 3)) {
      case 0:
        return g.pick(WORDS);
      case 1:
        return g.pick(ODD_STRINGS);
      default: {
        let text = '';
        for (let i = g.int(0, 40); i > 0; i -= 1) {
          const [low, high] = g.pick(CODE_POINT_RANGES);
          text += String.fromCodePoint(g.int(low, high));
        }
        return text;
      }
    }
  }

  json(depth = 2): unknown {
    const { g } = this;
    switch (g.int(0, depth > 0 ? 7 : 4)) {
      case 0:
        return null;
      case 1:
        return g.chance(0.5);
      case 2:
        return g.pick([0, -1, 1.5, -0, 1e308, 2 ** 53 + 1, g.int(-1000, 1000)]);
      case 3:
      case 4:
        return this.string();
      case 5:
        return Array.from({ length: g.int(0, 4) }, () => this.json(depth - 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = g.int(0, 4); i > 0; i -= 1) {
          // An own "__proto__" key, as JSON.parse makes one, rather than a prototype change.
          Object.defineProperty(object, g.chance(0.8) ? g.pick(KEYS) : this.string(), {
            value: this.json(depth - 1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return object;
      }
    }
  }

  actionData(): Record<string, unknown> {
    const { g } = this;
    const data: Record<string, unknown> = { verb: g.pick(VERBS) };
    for (let i = g.int(0, 3); i > 0; i -= 1) {
      const [key, value] = g.pick<readonly [string, () => unknown]>([
        ['certificate', () => g.pick(['c1', 'x'.repeat(70), '../etc', this.string()])],
        ['delivery', () => g.pick(['d1', '1', this.string()])],
        ['days', () => g.pick([1, 7, 3, '7'])],
        ['locale', () => g.pick(['fr', 'en', 'de', 1])],
        ['date', () => g.pick(['2026-01-31', '2026-02-30', '9999-99-99', this.string()])],
        ['role', () => g.pick(['issue', 'expiry', 'x'])],
        ['structure', () => g.pick(['chu', 'ehpad', this.string()])],
        ['intent', () => g.pick(['help', 'none', 'dates', this.string()])],
        ['answer', () => g.pick(['sharing.rules', this.string()])],
        ['helpful', () => g.pick([true, false, 'yes'])],
        ['label', () => this.string()],
        ['expiry', () => g.pick(['31/12/2026', '2026-12-31', this.string()])],
        ['thresholds', () => g.pick(['90,30,7', 'x', this.string()])],
        ['conversation', () => g.pick(['19:abc@thread.tacv2', this.string()])],
        ['person', () => this.string()],
      ]);
      data[key] = value();
    }
    return data;
  }

  /** A valid Teams activity of some kind, as the harness builds it. */
  base(chat: TeamsChat): TeamsActivity {
    const { g } = this;
    switch (g.int(0, 8)) {
      case 0:
      case 1:
        return message(chat, this.string());
      case 2:
        return submitAction(chat, g.chance(0.8) ? this.actionData() : this.json());
      case 3:
      case 4: {
        const data = this.actionData();
        return executeAction(chat, { verb: String(data.verb), data });
      }
      case 5:
        return installationUpdate(chat, g.pick(['add', 'remove'] as const));
      case 6:
        return conversationUpdate(chat, g.pick(['botAdded', 'botRemoved'] as const));
      case 7:
        return fileMessage(chat, {
          name: g.pick(['certificat.pem', 'cert.p12', 'x.exe', 'clé privée.pem', '..%2f..%2fetc%2fpasswd', 'x'.repeat(300)]),
          downloadUrl: g.pick([this.hostedFileUrl, 'https://contoso.sharepoint.com/f.pem', 'file:///etc/passwd', 'not a url']),
        });
      default:
        return { ...executeAction(chat, { verb: 'help' }), name: g.pick(INVOKE_NAMES), value: this.json() };
    }
  }

  /** A value that makes sense for the field at `path` (or its parent's shape), or undefined for none. */
  plausible(path: string, activity: Record<string, unknown>): unknown {
    const { g } = this;
    const recipient = (activity.recipient as { id?: unknown } | undefined)?.id;
    const last = path.split('.').pop() ?? '';
    switch (last) {
      case 'type':
        return path === 'type' ? g.pick(ACTIVITY_TYPES) : g.pick(['mention', 'clientInfo', 'Action.Execute', 'Action.Submit', 'MENTION']);
      case 'name':
        return path === 'name' ? g.pick(INVOKE_NAMES) : this.string();
      case 'locale':
        return g.pick(['fr-FR', 'en-US', 'en', 'FR', 'de-DE', 'zz', 'fr_FR', 'x'.repeat(300)]);
      case 'serviceUrl':
        return g.pick([this.serviceUrl, this.serviceUrl.replace(/\/$/, ''), this.serviceUrl.toUpperCase(), 'not a url', 'file:///etc/passwd', 'ftp://host/', 'http://']);
      case 'channelId':
        return g.pick(['msteams', 'emulator', 'directline', 'webchat', 'x'.repeat(100)]);
      case 'action':
        return path === 'action' ? g.pick(['add', 'remove', 'add-upgrade', 'remove-upgrade']) : { type: 'Action.Execute', ...this.actionData() };
      case 'deliveryMode':
        return g.pick(['normal', 'expectReplies', 'notification', 'ephemeral', 'stream']);
      case 'textFormat':
        return g.pick(['plain', 'markdown', 'xml']);
      case 'eventType':
        return g.pick(['teamMemberAdded', 'teamMemberRemoved', 'channelCreated', 'channelRenamed', 'teamRenamed', 'teamArchived', 'editMessage']);
      case 'mentioned':
        return { id: recipient, name: 'certibot' };
      case 'isGroup':
        return g.chance(0.5);
      case 'conversationType':
        return g.pick(['personal', 'groupChat', 'channel', 'meeting']);
      case 'data':
        return this.actionData();
      case 'verb':
        return g.pick(VERBS);
      case 'membersAdded':
      case 'membersRemoved':
        return g.pick([[{ id: recipient }], [{ id: '29:someone' }], [], [{ id: recipient, name: 'certibot' }, { id: '29:other' }]]);
      case 'entities':
        return [{ type: 'clientInfo', locale: 'fr-FR' }, { type: 'mention', text: '<at>certibot</at>', mentioned: { id: recipient } }];
      case 'attachments':
        return [{ contentType: 'application/vnd.microsoft.card.adaptive', content: this.json() }];
      case 'channelData':
        return g.pick([{}, { tenant: { id: 't' } }, { eventType: 'teamRenamed', team: { id: '19:t', name: 'T' } }, { settings: { selectedChannel: { id: '19:c' } } }]);
      case 'timestamp':
      case 'localTimestamp':
      case 'expiration':
        return g.pick(['2025-06-02T07:30:00.000Z', 'yesterday', '2025-13-45T99:99:99Z', '']);
      default:
        return undefined;
    }
  }

  /** The activity with 0 to 3 of its fields deleted or replaced. */
  mutate(activity: TeamsActivity): { readonly body: Record<string, unknown>; readonly mutations: string[] } {
    const { g } = this;
    const body = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    const mutations: string[] = [];
    const count = g.chance(0.25) ? 0 : g.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      const path = g.pick(PATHS);
      const roll = g.int(0, 9);
      if (roll < 2) {
        unsetPath(body, path);
        mutations.push(`-${path}`);
        continue;
      }
      const plausible = roll < 6 ? this.plausible(path, body) : undefined;
      const value = plausible !== undefined ? plausible : this.json();
      setPath(body, path, value);
      mutations.push(`${path}=${JSON.stringify(value)?.slice(0, 60)}`);
    }
    return { body, mutations };
  }

  /** How the body travels: mostly plain JSON, sometimes another content type, encoding or a broken body. */
  encode(body: Record<string, unknown>): { readonly payload: string | Buffer; readonly headers: Record<string, string>; readonly encoding: string } {
    const { g } = this;
    const json = JSON.stringify(body);
    const plain = { 'Content-Type': 'application/json' };
    switch (g.chance(0.75) ? -1 : g.int(0, 11)) {
      case 0: {
        const type = g.pick(CONTENT_TYPES);
        return { payload: json, headers: type ? { 'Content-Type': type } : {}, encoding: `content-type ${JSON.stringify(type)}` };
      }
      case 1:
        return { payload: `\ufeff${json}`, headers: plain, encoding: 'byte order mark' };
      case 2:
        return { payload: Buffer.from(json, 'latin1'), headers: plain, encoding: 'latin1 bytes' };
      case 3:
        return { payload: Buffer.from(json, 'utf16le'), headers: { 'Content-Type': 'application/json; charset=utf-16le' }, encoding: 'utf-16le' };
      case 4: {
        const cut = g.int(0, json.length - 1);
        return { payload: json.slice(0, cut), headers: plain, encoding: `truncated at ${cut}` };
      }
      case 5:
        return { payload: Buffer.from(Array.from({ length: g.int(1, 200) }, () => g.int(0, 255))), headers: plain, encoding: 'random bytes' };
      case 6: {
        const raw = g.pick(['null', '[]', '"text"', '123', 'true', '{}', '', ' ', '{"type":"message"}']);
        return { payload: raw, headers: plain, encoding: `body ${JSON.stringify(raw)}` };
      }
      case 7: {
        const depth = g.int(100, 20_000);
        const nested = g.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const field = g.pick(['value', 'channelData', 'entities', 'text']);
        return { payload: `${json.slice(0, -1)},"${field}":${nested}}`, headers: plain, encoding: `${field} nested ${depth} deep` };
      }
      case 8: {
        const contentEncoding = g.pick(['gzip', 'GZIP', 'identity', 'br', 'deflate, gzip', 'x-unknown']);
        return { payload: json, headers: { ...plain, 'Content-Encoding': contentEncoding }, encoding: `content-encoding ${contentEncoding}` };
      }
      case 9:
        return { payload: `${json}${g.pick(['garbage', '}', ',', '\u0000'])}`, headers: plain, encoding: 'trailing bytes' };
      case 10: {
        // A duplicate key: JSON.parse keeps the last one, after the fields a proxy may have checked.
        const key = g.pick(['type', 'locale', 'from', 'conversation', 'text', 'serviceUrl']);
        return { payload: `${json.slice(0, -1)},"${key}":${JSON.stringify(this.json(1))}}`, headers: plain, encoding: `duplicate ${key}` };
      }
      case 11:
        return { payload: json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), headers: plain, encoding: 'escaped non-ASCII' };
      default:
        return { payload: json, headers: plain, encoding: 'json' };
    }
  }
}

/** What the server reads from a payload, when it is JSON text. */
function parsedPayload(payload: string | Buffer): unknown {
  try {
    return JSON.parse(payload.toString()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The one 5xx an endpoint of the Bot Framework gives on purpose: 501 to an invoke the bot does not implement (any
 * name but adaptiveCard/action), with a fixed public text.
 */
function isUnsupportedInvoke(payload: string | Buffer, status: number, responseBody: string): boolean {
  const seen = parsedPayload(payload);
  return (
    status === 501 &&
    responseBody === '{"error":"Internal error"}' &&
    isRecord(seen) &&
    seen.type === 'invoke' &&
    seen.name !== 'adaptiveCard/action'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Sets `path` (dot separated, digits index arrays), replacing whatever is in the way by objects. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const key = keys[i] as string;
    if (!isRecord(node[key])) node[key] = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function unsetPath(root: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) node = isRecord(node) ? node[key] : undefined;
  if (isRecord(node)) delete node[keys[keys.length - 1] as string];
}

describe(`/api/messages under ${CASES} fuzzed activities (seed ${SEED})`, () => {
  let harness: BotHarness;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    harness = await BotHarness.start();
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    consoleError.mockRestore();
    await harness.stop();
  });

  it('answers every one below 500, with no internal text, logs no error and stays alive', async () => {
    const g = new Gen(seededRandom(SEED));
    const fuzzer = new ActivityFuzzer(g, harness.connector.serviceUrl, harness.connector.hostFile('cert.pem', new Uint8Array([0x30, 0x82, 0xff])));
    const chats = [harness.personalChat(), harness.personalChat({ locale: 'en-US' }), harness.groupChat(), harness.teamChannel()];
    const failures: string[] = [];
    const statuses = new Map<number, number>();

    for (let i = 0; i < CASES; i += 1) {
      mockFuzzCase.current = i;
      const { body, mutations } = fuzzer.mutate(fuzzer.base(g.pick(chats)));
      const { payload, headers, encoding } = fuzzer.encode(body);
      const describeCase = () => `case ${i} (FUZZ_SEED=${SEED}): ${String(body.type)}/${String(body.name ?? '')} [${mutations.join(', ')}] as ${encoding}`;
      const response = await harness.post('/api/messages', payload, { headers, timeoutMs: 5000 }).catch((error: Error) => ({ status: 0, body: error.message }));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const unexpected5xx = response.status >= 500 && !isUnsupportedInvoke(payload, response.status, response.body);
      if (response.status === 0 || unexpected5xx) failures.push(`${describeCase()} → ${response.status} ${response.body.slice(0, 120)}`);
      if (INTERNALS.test(response.body)) failures.push(`${describeCase()} → internal text in ${response.body.slice(0, 200)}`);
      for (const line of mockLogLines.filter((entry) => entry.fuzzCase === i && entry.level >= 50)) {
        failures.push(`${describeCase()} → logged ${line.msg}: ${JSON.stringify(line.err ?? '').slice(0, 160)}`);
      }
      if (i % 100 === 99 && (await harness.get('/healthz')).status !== 200) failures.push(`${describeCase()} → /healthz stopped answering`);
      if (failures.length >= 20) break;
    }

    expect(failures).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect((await harness.get('/healthz')).status).toBe(200);
    // The generator reaches the bot, not only the shape check: a good share of the cases are turns answered 200.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(CASES / 4);
  }, CASES * 20 + 10_000);
});
