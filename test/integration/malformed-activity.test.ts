import { executeAction, message, submitAction, without, type TeamsActivity, type TeamsChat } from '../harness/activities';
import { BotHarness } from '../harness/bot-harness';
import { t } from '../../src/messages/translator';
import { INTERNALS } from './internals';

// Every log line of the app: a malformed activity is the sender's fault, never an error of certibot's.
const mockLogLines: Array<{ readonly level: number; readonly msg: string }> = [];
jest.mock('../../src/logging/logging', () => {
  const actual = jest.requireActual<typeof import('../../src/logging/logging')>('../../src/logging/logging');
  return {
    ...actual,
    createLogger: () => actual.createLogger('warn', { write: (line: string) => void mockLogLines.push(JSON.parse(line) as { level: number; msg: string }) }),
  };
});

const errorsLogged = () => mockLogLines.filter((line) => line.level >= 50).map((line) => line.msg);

/** An activity as JSON with one field set to `value`, the way a test writes a path: 'from.name', 'entities.0'. */
function withField(activity: TeamsActivity, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = value;
  return copy;
}

const jsonHeaders = { headers: { 'Content-Type': 'application/json' } };

describe('activities with fields of the wrong type or shape', () => {
  let harness: BotHarness;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    harness = await BotHarness.start();
  });

  beforeEach(() => {
    mockLogLines.length = 0;
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    consoleError.mockRestore();
  });

  afterAll(async () => {
    await harness.stop();
  });

  const hello = (): TeamsActivity => message(harness.personalChat(), 'aide');
  const inChannel = (): TeamsActivity => message(harness.teamChannel(), 'aide');
  const nested = (depth: number, leaf: unknown): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), leaf);

  it.each<[string, () => unknown]>([
    ['a number as locale', () => withField(hello(), 'locale', 42)],
    ['an object as locale', () => withField(hello(), 'locale', { tag: 'fr-FR' })],
    ['a number as text', () => withField(hello(), 'text', 42)],
    ['an object as text', () => withField(hello(), 'text', { fr: 'aide' })],
    ['an object as entities', () => withField(hello(), 'entities', { type: 'clientInfo' })],
    ['a string as entities', () => withField(hello(), 'entities', 'mention')],
    ['null in entities', () => withField(hello(), 'entities', [null])],
    ['an entity without a type', () => withField(hello(), 'entities', [{ locale: 'fr-FR' }])],
    ['a mention that names nobody', () => withField(inChannel(), 'entities.1.mentioned', undefined)],
    ['an object as attachments', () => withField(hello(), 'attachments', { contentType: 'text/plain' })],
    ['a string in attachments', () => withField(hello(), 'attachments', ['file.pem'])],
    ['a string as channelData', () => withField(hello(), 'channelData', 'msteams')],
    ['null as channelData', () => withField(hello(), 'channelData', null)],
    ['a number as the tenant id in channelData', () => withField(hello(), 'channelData.tenant.id', 42)],
    ['an array as the team id in channelData', () => withField(inChannel(), 'channelData.team.id', ['19:a'])],
    ['a number as from.name', () => withField(hello(), 'from.name', 5)],
    ['a number as from.aadObjectId', () => withField(hello(), 'from.aadObjectId', 5)],
    ['an object as recipient.name', () => withField(hello(), 'recipient.name', {})],
    ['a string as conversation.isGroup', () => withField(hello(), 'conversation.isGroup', 'no')],
    ['an object as conversation.conversationType', () => withField(hello(), 'conversation.conversationType', { type: 'personal' })],
    ['a number as conversation.name', () => withField(hello(), 'conversation.name', 7)],
    ['a conversation id with a control character', () => withField(hello(), 'conversation.id', 'a:1\u0007x')],
    ['a conversation id in another script', () => withField(hello(), 'conversation.id', 'a:1日本')],
    ['an activity id with a lone surrogate', () => withField(hello(), 'id', '1700\ud800')],
    ['a number as name', () => withField(hello(), 'name', 5)],
    ['an object as membersAdded', () => ({ ...withField(hello(), 'membersAdded', { id: '28:x' }), type: 'conversationUpdate' })],
    ['null in membersAdded', () => ({ ...withField(hello(), 'membersAdded', [null]), type: 'conversationUpdate' })],
    ['a string as membersRemoved', () => ({ ...withField(hello(), 'membersRemoved', 'bot'), type: 'conversationUpdate' })],
    ['a value nested 1000 deep', () => withField(hello(), 'value', nested(1000, 1))],
    ['an object whose length cannot be compared', () => withField(hello(), 'text', { length: { toString: 'x' } })],
    ['an own __proto__ key', () => withField(hello(), 'value', JSON.parse('{"__proto__": {"admin": true}}'))],
    ['a NUL character in the text', () => withField(hello(), 'text', 'aide\u0000')],
  ])('answers an activity with %s with 400, logs no error and sends nothing', async (_case, body) => {
    const before = harness.connector.calls.length;

    const response = await harness.post('/api/messages', JSON.stringify(body()), jsonHeaders);

    expect([response.status, response.body]).toEqual([400, '{"error":"Bad request"}']);
    expect(harness.connector.calls.length).toBe(before);
    expect(errorsLogged()).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['a string', 'help'],
    ['a number', 5],
    ['an array', [{ verb: 'help' }]],
    ['an object without a verb', { action: 'help' }],
  ])('answers a card click whose value is %s with the bad-action reply', async (_case, value) => {
    const chat = harness.personalChat();

    const turn = await harness.send(submitAction(chat, value));

    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual([t('fr', 'input.badAction')]);
    expect(errorsLogged()).toEqual([]);
  });

  it('answers a message that mentions the bot but has no text as an empty message', async () => {
    const chat = harness.teamChannel();

    const turn = await harness.send(without(message(chat, 'aide'), 'text') as unknown as TeamsActivity);

    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual([t('fr', 'input.empty')]);
    expect(errorsLogged()).toEqual([]);
  });
});

describe('invokes certibot does not handle or cannot read', () => {
  let harness: BotHarness;
  let chat: TeamsChat;

  beforeAll(async () => {
    harness = await BotHarness.start();
    chat = harness.personalChat();
  });

  beforeEach(() => {
    mockLogLines.length = 0;
  });

  afterAll(async () => {
    await harness.stop();
  });

  const click = (value: unknown): Record<string, unknown> => ({ ...executeAction(chat, { verb: 'help' }), value });

  it.each<[string, unknown]>([
    ['no value', undefined],
    ['an empty value', {}],
    ['a string as value', 'help'],
    ['a null action', { action: null }],
    ['an action without a verb', { action: { type: 'Action.Execute', data: { verb: 'help' } } }],
    ['a number as verb', { action: { type: 'Action.Execute', verb: 5, data: { verb: 'help' } } }],
    ['a string as data', { action: { type: 'Action.Execute', verb: 'help', data: 'help' } }],
    ['an array as data', { action: { type: 'Action.Execute', verb: 'help', data: ['help'] } }],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'help', data: { verb: 'help' } } }],
  ])('answers an adaptiveCard/action with %s with the Universal Actions error, 200, and no error log', async (_case, value) => {
    const response = await harness.post('/api/messages', JSON.stringify(click(value)), jsonHeaders);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: t('fr', 'input.malformedAction') },
    });
    expect(response.body).not.toMatch(INTERNALS);
    expect(errorsLogged()).toEqual([]);
  });

  it('words the Universal Actions error in the language of the clicker', async () => {
    const english = harness.personalChat({ locale: 'en-US' });

    const response = await harness.post('/api/messages', JSON.stringify({ ...executeAction(english, { verb: 'help' }), value: {} }), jsonHeaders);

    expect(response.json).toMatchObject({ value: { message: t('en', 'input.malformedAction') } });
  });

  it('still answers a well-formed click with the replacement card', async () => {
    const response = await harness.post('/api/messages', JSON.stringify(executeAction(chat, { verb: 'help', data: { verb: 'help' } })), jsonHeaders);

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['task/fetch', { name: 'task/fetch' }],
    ['composeExtension/query', { name: 'composeExtension/query', value: null }],
    ['fileConsent/invoke with no value', { name: 'fileConsent/invoke', value: null }],
    ['an unknown name', { name: 'certibot/nothing' }],
    ['no name', { name: undefined }],
  ])('answers an invoke named %s with 501, the public text and no error log', async (_case, fields) => {
    const response = await harness.post('/api/messages', JSON.stringify({ ...executeAction(chat, { verb: 'help' }), ...fields }), jsonHeaders);

    expect([response.status, response.body]).toEqual([501, '{"error":"Internal error"}']);
    expect(errorsLogged()).toEqual([]);
  });
});

describe('an error a route throws', () => {
  it('is answered 500 with the public text, not restify\'s rendering of the error', async () => {
    const harness = await BotHarness.start();
    try {
      await harness.app.store.close();

      const response = await harness.get(`/calendar/${'a'.repeat(43)}.ics`);

      expect([response.status, response.body]).toEqual([500, '{"error":"Internal error"}']);
      expect((await harness.get('/healthz')).status).toBe(200);
    } finally {
      await harness.stop();
    }
  });
});
