import { cardActionSchema, type CardVerb } from '../../cards/actions';
import type { Dialog, DialogInput } from '../../src/conversation/dialog';
import { disambiguationCard } from '../../cards/disambiguation-card';
import { DISAMBIGUATION_DIALOG, Router, type IntentTable, type VerbTable } from '../../src/conversation/router';
import { cardReply, textReply, type ActiveDialog, type Turn, type TurnOutcome } from '../../src/conversation/turn';
import type { FinessCheck } from '../../src/domain/finess';
import type { Locale } from '../../src/domain/locale';
import type { Entities } from '../../src/parsing/entities';
import { INTENTS, type IntentName, type IntentRecognizer, type Recognition } from '../../src/understanding/intents';
import { t, translator } from '../../src/messages/translator';
import { NOW, turnRequest } from '../harness/turn-request';

const minutesAgo = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const NO_ENTITIES: Entities = { corridor: undefined, structure: undefined, sites: undefined, finess: [] };

function recognition(intent: IntentName, language?: Locale): Recognition {
  return { intent, score: intent === 'none' ? 0 : 1, language, entities: NO_ENTITIES };
}

/** A recognizer that answers from a table of exact texts, and remembers what it was asked. */
class TableRecognizer implements IntentRecognizer {
  readonly seen: string[] = [];
  constructor(private readonly table: Readonly<Record<string, Recognition>>) {}
  recognize(text: string): Promise<Recognition> {
    this.seen.push(text);
    return Promise.resolve(this.table[text] ?? recognition('none'));
  }
}

/** Every handler of both tables, recording who was called, in which locale, with what. */
class Handlers {
  readonly calls: Array<{ name: string; locale: Locale; argument: unknown }> = [];

  private handler(name: string) {
    return (turn: Turn, argument: unknown): Promise<TurnOutcome> => {
      this.calls.push({ name, locale: turn.locale, argument });
      return Promise.resolve({ replies: [textReply(`${name} in ${turn.locale}`)] });
    };
  }

  readonly intents = Object.fromEntries(INTENTS.map((intent) => [intent, this.handler(`intent:${intent}`)])) as IntentTable;

  readonly verbs = Object.fromEntries(
    cardActionSchema.options
      .flatMap((option) => [...option.shape.verb.values])
      .map((verb: CardVerb) => [verb, this.handler(`verb:${verb}`)]),
  ) as unknown as VerbTable;

  get names(): string[] {
    return this.calls.map((call) => call.name);
  }
}

/** A dialog that answers 'answer.yes' and the 'privacy.erase.confirm' verb, and lets everything else go. */
class YesDialog implements Dialog {
  readonly id = 'confirm';
  readonly ttlMs = 15 * 60_000;
  readonly inputs: DialogInput[] = [];

  resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    this.inputs.push(input);
    const answer = input.kind === 'text' ? input.recognition.intent : input.action.verb;
    if (answer === 'answer.yes' || answer === 'privacy.erase.confirm') {
      return Promise.resolve({ replies: [textReply(`confirmed in ${turn.locale}`)], dialog: null });
    }
    return Promise.resolve(undefined);
  }
}

const request = turnRequest;

function setup(table: Readonly<Record<string, Recognition>> = {}, defaultLocale: Locale = 'fr') {
  const recognizer = new TableRecognizer({
    oui: recognition('answer.yes', 'fr'),
    aide: recognition('help', 'fr'),
    help: recognition('help', 'en'),
    '?': recognition('help'),
    ...table,
  });
  const handlers = new Handlers();
  const dialog = new YesDialog();
  const router = new Router({ recognizer, intents: handlers.intents, verbs: handlers.verbs, dialogs: [dialog], defaultLocale });
  return { router, recognizer, handlers, dialog };
}

const live: ActiveDialog = { id: 'confirm', startedAt: minutesAgo(5) };

describe('Router', () => {
  describe('intents', () => {
    test('a recognized message goes to its intent handler and is reported as handled by that intent', async () => {
      const { router, handlers } = setup();
      await expect(router.route(request({ text: 'aide' }), undefined, undefined)).resolves.toEqual({
        replies: [textReply('intent:help in fr')],
        handledAs: 'intent:help',
      });
      expect(handlers.calls).toEqual([{ name: 'intent:help', locale: 'fr', argument: recognition('help', 'fr') }]);
    });

    test('the text is trimmed before recognition, and anything beyond 2000 characters is not read', async () => {
      const { router, recognizer } = setup();
      await router.route(request({ text: '  aide  ' }), undefined, undefined);
      await router.route(request({ text: `${'x'.repeat(2500)}` }), undefined, undefined);
      expect(recognizer.seen).toEqual(['aide', 'x'.repeat(2000)]);
    });

    test('typed text wins over a card payload sent with it', async () => {
      const { router, handlers } = setup();
      const outcome = await router.route(request({ text: 'aide', actionPayload: { verb: 'privacy.erase.request' } }), undefined, undefined);
      expect(outcome.handledAs).toBe('intent:help');
      expect(handlers.names).toEqual(['intent:help']);
    });
  });

  describe('empty input', () => {
    test.each([[undefined], [''], ['   '], ['\n\t']])('text %j with no card payload answers input.empty and calls nothing', async (text) => {
      const { router, handlers, recognizer } = setup();
      await expect(router.route(request({ text, clientLocale: 'en-US' }), undefined, undefined)).resolves.toEqual({
        replies: [textReply(t('en', 'input.empty'))],
        handledAs: 'empty',
      });
      expect(handlers.calls).toEqual([]);
      expect(recognizer.seen).toEqual([]);
    });

    test('an empty message with a null payload also answers input.empty', async () => {
      const { router } = setup();
      const outcome = await router.route(request({ actionPayload: null }), undefined, undefined);
      expect(outcome).toEqual({ replies: [textReply(t('fr', 'input.empty'))], handledAs: 'empty' });
    });
  });

  describe('card actions', () => {
    test('a valid payload goes to its verb handler with the parsed action, unknown fields dropped', async () => {
      const { router, handlers } = setup();
      const outcome = await router.route(request({ actionPayload: { verb: 'language.set', locale: 'en', extra: 'x' } }), 'fr', undefined);
      expect(outcome).toEqual({ replies: [textReply('verb:language.set in fr')], handledAs: 'action:language.set' });
      expect(handlers.calls).toEqual([{ name: 'verb:language.set', locale: 'fr', argument: { verb: 'language.set', locale: 'en' } }]);
    });

    test.each([
      ['an unknown verb', { verb: 'privacy.erase.everyone' }],
      ['a known verb with a bad id', { verb: 'language.set', locale: 'de' }],
      ['a known verb missing its id', { verb: 'language.set' }],
      ['no verb', { locale: 'en' }],
      ['a string', 'privacy.erase.confirm'],
      ['a number', 42],
      ['an array', [{ verb: 'help' }]],
      ['an empty object', {}],
    ])('%s is refused to the clicker with input.badAction and no handler runs', async (_label, payload) => {
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ actionPayload: payload }), 'en', undefined)).resolves.toEqual({
        replies: [],
        refusal: t('en', 'input.badAction'),
        handledAs: 'action.invalid',
      });
      expect(handlers.calls).toEqual([]);
      expect(dialog.inputs).toEqual([]);
    });

    test('an invalid payload does not reach a live dialog nor end it', async () => {
      const { router, handlers, dialog } = setup();
      const outcome = await router.route(request({ actionPayload: { verb: 'nope' } }), undefined, live);
      expect(outcome).toEqual({ replies: [], refusal: t('fr', 'input.badAction'), handledAs: 'action.invalid' });
      expect(outcome.dialog).toBeUndefined();
      expect(dialog.inputs).toEqual([]);
      expect(handlers.calls).toEqual([]);
    });
  });

  describe('pending dialogs', () => {
    test('a live dialog gets the first look at typed text and its answer is final', async () => {
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ text: 'oui' }), undefined, live)).resolves.toEqual({
        replies: [textReply('confirmed in fr')],
        dialog: null,
        handledAs: 'dialog:confirm',
      });
      expect(dialog.inputs).toEqual([{ kind: 'text', recognition: recognition('answer.yes', 'fr') }]);
      expect(handlers.calls).toEqual([]);
    });

    test('a live dialog gets the first look at a card action', async () => {
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ actionPayload: { verb: 'privacy.erase.confirm' } }), 'en', live)).resolves.toEqual({
        replies: [textReply('confirmed in en')],
        dialog: null,
        handledAs: 'action:privacy.erase.confirm',
      });
      expect(dialog.inputs).toEqual([{ kind: 'action', action: { verb: 'privacy.erase.confirm' } }]);
      expect(handlers.calls).toEqual([]);
    });

    test('text that does not answer the dialog ends it and is handled as a new request', async () => {
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ text: 'aide' }), undefined, live)).resolves.toEqual({
        replies: [textReply('intent:help in fr')],
        dialog: null,
        handledAs: 'intent:help',
      });
      expect(dialog.inputs).toHaveLength(1);
      expect(handlers.names).toEqual(['intent:help']);
    });

    test('a card action that does not answer the dialog ends it and goes to its verb handler', async () => {
      const { router, handlers } = setup();
      await expect(router.route(request({ actionPayload: { verb: 'help' } }), undefined, live)).resolves.toEqual({
        replies: [textReply('verb:help in fr')],
        dialog: null,
        handledAs: 'action:help',
      });
      expect(handlers.names).toEqual(['verb:help']);
    });

    test('a handler that starts a new dialog replaces the one that ended', async () => {
      const { handlers } = setup();
      const next: ActiveDialog = { id: 'confirm', startedAt: NOW.toISOString() };
      const started: TurnOutcome = { replies: [textReply('started')], dialog: next };
      const verbs = { ...handlers.verbs, 'privacy.erase.request': () => Promise.resolve(started) } as VerbTable;
      const replacing = new Router({
        recognizer: new TableRecognizer({}),
        intents: handlers.intents,
        verbs,
        dialogs: [new YesDialog()],
        defaultLocale: 'fr',
      });
      const outcome = await replacing.route(request({ actionPayload: { verb: 'privacy.erase.request' } }), undefined, live);
      expect(outcome.dialog).toEqual({ ...next, locale: 'fr' });
    });

    test.each([
      ['started longer ago than its TTL', { id: 'confirm', startedAt: minutesAgo(16) }],
      ['of a dialog the router does not know', { id: 'retired-dialog', startedAt: minutesAgo(1) }],
      ['with an unreadable start time', { id: 'confirm', startedAt: 'yesterday-ish' }],
    ])('a pending dialog %s is ignored and cleared (dialog: null)', async (_label, pending: ActiveDialog) => {
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ text: 'oui' }), undefined, pending)).resolves.toEqual({
        replies: [textReply('intent:answer.yes in fr')],
        dialog: null,
        handledAs: 'intent:answer.yes',
      });
      expect(dialog.inputs).toEqual([]);
      expect(handlers.names).toEqual(['intent:answer.yes']);
    });

    test('an expired dialog is also cleared when the turn is a card action or empty', async () => {
      const expired: ActiveDialog = { id: 'confirm', startedAt: minutesAgo(60) };
      const { router, handlers, dialog } = setup();
      await expect(router.route(request({ actionPayload: { verb: 'privacy.erase.confirm' } }), undefined, expired)).resolves.toEqual({
        replies: [textReply('verb:privacy.erase.confirm in fr')],
        dialog: null,
        handledAs: 'action:privacy.erase.confirm',
      });
      await expect(router.route(request({ actionPayload: 7 }), undefined, expired)).resolves.toMatchObject({ dialog: null, handledAs: 'action.invalid' });
      await expect(router.route(request({ text: ' ' }), undefined, expired)).resolves.toMatchObject({ dialog: null, handledAs: 'empty' });
      expect(dialog.inputs).toEqual([]);
      expect(handlers.names).toEqual(['verb:privacy.erase.confirm']);
    });

    test('a dialog is still live at exactly its TTL', async () => {
      const { router, dialog } = setup();
      const outcome = await router.route(request({ text: 'oui' }), undefined, { id: 'confirm', startedAt: minutesAgo(15) });
      expect(outcome.handledAs).toBe('dialog:confirm');
      expect(dialog.inputs).toHaveLength(1);
    });
  });

  describe('did you mean…?', () => {
    const ambiguous: Recognition = { ...recognition('kb.validity', 'fr'), ambiguous: ['kb.validity', 'kb.renewal'] };
    const choice: ActiveDialog = {
      id: DISAMBIGUATION_DIALOG,
      startedAt: minutesAgo(1),
      data: { text: 'combien de temps', options: ['kb.validity', 'kb.renewal'] },
    };

    test('two close intents get a choice card and a pending choice that keeps the question', async () => {
      const { router, handlers } = setup({ 'combien de temps': ambiguous });
      await expect(router.route(request({ text: 'combien de temps' }), undefined, undefined)).resolves.toEqual({
        replies: [cardReply(disambiguationCard(['kb.validity', 'kb.renewal'], translator('fr')))],
        dialog: {
          id: 'disambiguate',
          startedAt: NOW.toISOString(),
          data: { text: 'combien de temps', options: ['kb.validity', 'kb.renewal'] },
          locale: 'fr',
        },
        handledAs: 'ambiguous',
      });
      expect(handlers.calls).toEqual([]);
    });

    test('in a channel the choice card is followed by a word on mentioning certibot to type the answer', async () => {
      const { router } = setup({ 'combien de temps': ambiguous });
      const outcome = await router.route(request({ text: 'combien de temps', conversationKind: 'channel' }), undefined, undefined);
      expect(outcome.replies).toEqual([cardReply(disambiguationCard(['kb.validity', 'kb.renewal'], translator('fr'))), textReply(t('fr', 'followUp.mention'))]);
    });

    test('typing "2" answers the original question as the second intent and ends the choice', async () => {
      const { router, handlers } = setup({ 'combien de temps': ambiguous });
      await expect(router.route(request({ text: ' 2 ' }), undefined, choice)).resolves.toEqual({
        replies: [textReply('intent:kb.renewal in fr')],
        dialog: null,
        handledAs: 'intent:kb.renewal',
      });
      expect(handlers.calls).toEqual([
        { name: 'intent:kb.renewal', locale: 'fr', argument: { ...ambiguous, intent: 'kb.renewal', ambiguous: undefined } },
      ]);
    });

    test('the choice button answers the original question as the chosen intent', async () => {
      const { router, handlers } = setup({ 'combien de temps': ambiguous });
      const outcome = await router.route(request({ actionPayload: { verb: 'intent.choose', intent: 'kb.validity' } }), undefined, choice);
      expect(outcome).toMatchObject({ dialog: null, handledAs: 'intent:kb.validity' });
      expect(handlers.names).toEqual(['intent:kb.validity']);
    });

    test('a choice button with no choice pending goes straight to that intent', async () => {
      const { router, handlers } = setup();
      const outcome = await router.route(request({ actionPayload: { verb: 'intent.choose', intent: 'help' } }), 'en', undefined);
      expect(outcome).toEqual({ replies: [textReply('intent:help in en')], handledAs: 'action:intent.choose' });
      expect(handlers.calls.map((call) => call.name)).toEqual(['intent:help']);
    });

    test('a pending choice whose stored data is not valid is dropped, and the message handled afresh', async () => {
      const { router, handlers } = setup();
      const tampered: ActiveDialog = { ...choice, data: { text: 'x', options: ['privacy.erase'] } };
      await expect(router.route(request({ text: '1' }), undefined, tampered)).resolves.toEqual({
        replies: [textReply('intent:none in fr')],
        dialog: null,
        handledAs: 'intent:none',
      });
      expect(handlers.names).toEqual(['intent:none']);
    });
  });

  describe('FINESS numbers', () => {
    const valid: FinessCheck = { valid: true, value: '750712184', formatted: '75 071 218 4' };
    const badKey: FinessCheck = { valid: false, value: '750712185', reason: 'key' };

    test('a number with barely a word around it is answered by checking the number, whatever the intent', async () => {
      const { router, handlers } = setup({ 'finess 750712185': { ...recognition('help', 'fr'), entities: { ...NO_ENTITIES, finess: [badKey] } } });
      await expect(router.route(request({ text: 'finess 750712185' }), undefined, undefined)).resolves.toEqual({
        replies: [textReply(t('fr', 'finess.invalidKey', { value: '750712185' }))],
        handledAs: 'finess',
      });
      expect(handlers.calls).toEqual([]);
    });

    test('a message that is only FINESS numbers gets each one checked', async () => {
      const { router, handlers } = setup({
        '750712184 750712185': { ...recognition('none'), entities: { ...NO_ENTITIES, finess: [valid, badKey] } },
      });
      await expect(router.route(request({ text: '750712184 750712185' }), 'fr', undefined)).resolves.toEqual({
        replies: [
          textReply(t('fr', 'finess.valid', { formatted: '75 071 218 4' })),
          textReply(t('fr', 'finess.invalidKey', { value: '750712185' })),
        ],
        handledAs: 'finess',
      });
      expect(handlers.calls).toEqual([]);
    });

    test('a question with a FINESS number whose key is wrong is answered after a warning', async () => {
      const question = 'comment renouveler le certificat du 750712185 ?';
      const { router } = setup({ [question]: { ...recognition('help', 'fr'), entities: { ...NO_ENTITIES, finess: [badKey] } } });
      await expect(router.route(request({ text: question }), undefined, undefined)).resolves.toEqual({
        replies: [textReply(t('fr', 'finess.invalidKey', { value: '750712185' })), textReply('intent:help in fr')],
        handledAs: 'intent:help',
      });
    });
  });

  describe('locale', () => {
    test.each([
      ['the saved locale beats the message language and the client', 'en', 'bonjour', 'fr-FR', 'fr', 'en'],
      ['the saved locale beats an English message', 'fr', 'help', 'en-US', 'en', 'fr'],
      ['the message language beats the client locale', undefined, 'help', 'fr-FR', 'fr', 'en'],
      ['the message language beats the default', undefined, 'aide', undefined, 'en', 'fr'],
      ['the client locale is used when the message has no clear language', undefined, '?', 'en-GB', 'fr', 'en'],
      ['the default is used when nothing else says', undefined, '?', 'de-DE', 'en', 'en'],
    ] as const)('%s', async (_label, saved: Locale | undefined, text, client: string | undefined, fallback: Locale, expected: Locale) => {
      const { router, handlers } = setup({ bonjour: recognition('greeting', 'fr') }, fallback);
      await router.route(request({ text, clientLocale: client }), saved, undefined);
      expect(handlers.calls.map((call) => call.locale)).toEqual([expected]);
    });

    test('a card action, which has no text, speaks the saved locale, else the client locale', async () => {
      const { router, handlers } = setup({}, 'fr');
      await router.route(request({ actionPayload: { verb: 'help' }, clientLocale: 'fr-FR' }), 'en', undefined);
      await router.route(request({ actionPayload: { verb: 'help' }, clientLocale: 'en-US' }), undefined, undefined);
      expect(handlers.calls.map((call) => call.locale)).toEqual(['en', 'en']);
    });

    test('the handler receives a translator in the turn locale', async () => {
      const recognizer = new TableRecognizer({ merci: recognition('thanks', 'fr') });
      const handlers = new Handlers();
      const intents: IntentTable = { ...handlers.intents, thanks: (turn) => Promise.resolve({ replies: [textReply(turn.tr('thanks.reply'))] }) };
      const router = new Router({ recognizer, intents, verbs: handlers.verbs, dialogs: [], defaultLocale: 'en' });
      await expect(router.route(request({ text: 'merci', clientLocale: 'en-US' }), undefined, undefined)).resolves.toEqual({
        replies: [textReply('Avec plaisir ! Autre chose ?')],
        handledAs: 'intent:thanks',
      });
    });
  });
});
