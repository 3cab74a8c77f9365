import type { CardAction } from '../../cards/actions';
import type { AdaptiveCard } from '../../cards/adaptive';
import type { DialogInput } from '../../src/conversation/dialog';
import { ERASE_DATA_DIALOG, EraseDataDialog } from '../../dialogs/erase-data-dialog';
import type { Turn, TurnOutcome } from '../../src/conversation/turn';
import type { Locale } from '../../src/domain/locale';
import type { PersonalDataCategory, PersonalDataHolder } from '../../src/domain/personal-data';
import type { Entities } from '../../src/parsing/entities';
import type { IntentName } from '../../src/understanding/intents';
import { t, translator } from '../../src/messages/translator';
import { NOW, turnRequest } from '../harness/turn-request';

const NO_ENTITIES: Entities = { corridor: undefined, structure: undefined, sites: undefined, finess: [] };

/** Per-user item counts held in memory, one map per category. */
class MemoryHolder implements PersonalDataHolder {
  constructor(
    readonly category: PersonalDataCategory,
    readonly counts: Map<string, number>,
  ) {}
  count(userId: string): Promise<number> {
    return Promise.resolve(this.counts.get(userId) ?? 0);
  }
  erase(userId: string): Promise<number> {
    const n = this.counts.get(userId) ?? 0;
    this.counts.delete(userId);
    return Promise.resolve(n);
  }
}

function world() {
  const holders = [
    new MemoryHolder('preferences', new Map([['29:alice', 1], ['29:bob', 1]])),
    new MemoryHolder('conversations', new Map([['29:alice', 1]])),
    new MemoryHolder('conversationState', new Map([['29:alice', 1]])),
  ];
  const total = async (userId: string) => (await Promise.all(holders.map((h) => h.count(userId)))).reduce((a, b) => a + b, 0);
  return { holders, dialog: new EraseDataDialog(holders), total };
}

function turn(userId: string, locale: Locale = 'fr'): Turn {
  return {
    request: turnRequest({ userId }),
    locale,
    tr: translator(locale),
    dialog: { id: ERASE_DATA_DIALOG, startedAt: NOW.toISOString() },
  };
}

const typed = (intent: IntentName): DialogInput => ({ kind: 'text', recognition: { intent, score: 1, language: undefined, entities: NO_ENTITIES } });
const clicked = (action: CardAction): DialogInput => ({ kind: 'action', action });

function cardOf(outcome: TurnOutcome | undefined): AdaptiveCard {
  const reply = outcome?.replies[0];
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return reply.card;
}

describe('EraseDataDialog', () => {
  test('has a stable id and stays open 15 minutes', () => {
    const { dialog } = world();
    expect(dialog.id).toBe('eraseData');
    expect(ERASE_DATA_DIALOG).toBe('eraseData');
    expect(dialog.ttlMs).toBe(900_000);
  });

  describe('start', () => {
    test('a user the bot holds nothing about is told so, and no question stays open', async () => {
      const { dialog } = world();
      await expect(dialog.start(turn('29:carol', 'en'))).resolves.toEqual({
        replies: [{ kind: 'text', text: t('en', 'privacy.nothing') }],
        dialog: null,
      });
    });

    test('a user with data gets a confirmation card listing each category, and the question stays open', async () => {
      const { dialog, total } = world();
      const outcome = await dialog.start(turn('29:alice'));
      expect(outcome.dialog).toEqual({ id: 'eraseData', startedAt: '2025-03-01T09:00:00.000Z' });
      const card = cardOf(outcome);
      expect(JSON.stringify(card.body)).toContain(
        JSON.stringify(
          [
            `- ${t('fr', 'privacy.category.preferences', { count: 1 })}`,
            `- ${t('fr', 'privacy.category.conversations', { count: 1 })}`,
            `- ${t('fr', 'privacy.category.conversationState', { count: 1 })}`,
          ].join('\n'),
        ),
      );
      expect(card.actions?.map((action) => ('data' in action ? action.data : undefined))).toEqual([
        { verb: 'privacy.erase.confirm' },
        { verb: 'privacy.erase.cancel' },
      ]);
      // Starting asks; it erases nothing.
      await expect(total('29:alice')).resolves.toBe(3);
    });

    test('the card lists only the categories that hold something', async () => {
      const { dialog } = world();
      const body = JSON.stringify(cardOf(await dialog.start(turn('29:bob', 'en'))).body);
      expect(body).toContain(t('en', 'privacy.category.preferences', { count: 1 }));
      expect(body).not.toContain('personal chat');
      expect(body).not.toContain('ongoing exchanges');
    });
  });

  describe('resume', () => {
    test.each([
      ['a typed yes', typed('answer.yes')],
      ['the confirm button', clicked({ verb: 'privacy.erase.confirm' })],
    ])('%s erases everything held about the user and says how much', async (_label, input) => {
      const { dialog, total } = world();
      await expect(dialog.resume(turn('29:alice'), input)).resolves.toEqual({
        replies: [
          {
            kind: 'text',
            text: [
              t('fr', 'privacy.deleted', { count: 3 }),
              '- votre préférence de langue (1)',
              '- la référence de notre conversation privée, pour vous écrire (1)',
              "- l'état de nos échanges en cours (1)",
              t('fr', 'privacy.deletedAfter'),
            ].join('\n'),
          },
        ],
        dialog: null,
      });
      await expect(total('29:alice')).resolves.toBe(0);
    });

    test("confirming erases only the asking user's data", async () => {
      const { dialog, total } = world();
      await dialog.resume(turn('29:alice', 'en'), typed('answer.yes'));
      await expect(total('29:bob')).resolves.toBe(1);
    });

    test('the confirmation reply speaks the turn locale', async () => {
      const { dialog } = world();
      const outcome = await dialog.resume(turn('29:alice', 'en'), typed('answer.yes'));
      expect(outcome?.replies).toEqual([
        {
          kind: 'text',
          text: [
            'Done: 3 items deleted.',
            '- your language preference (1)',
            '- the reference of our personal chat, to write to you (1)',
            '- the state of our ongoing exchanges (1)',
            'If you write to me again, I will keep only what I need to answer you in this conversation.',
          ].join('\n'),
        },
      ]);
    });

    test.each([
      ['a typed no', typed('answer.no')],
      ['the cancel button', clicked({ verb: 'privacy.erase.cancel' })],
    ])('%s cancels, erases nothing and closes the question', async (_label, input) => {
      const { dialog, total } = world();
      await expect(dialog.resume(turn('29:alice'), input)).resolves.toEqual({
        replies: [{ kind: 'text', text: t('fr', 'privacy.cancelled') }],
        dialog: null,
      });
      await expect(total('29:alice')).resolves.toBe(3);
    });

    test.each([
      ['a typed greeting', typed('greeting')],
      ['a typed request for help', typed('help')],
      ['an unrecognized message', typed('none')],
      ['another "delete my data"', typed('privacy.erase')],
      ['the help button', clicked({ verb: 'help' })],
      ['a language button', clicked({ verb: 'language.set', locale: 'en' })],
      ['the delete-my-data button again', clicked({ verb: 'privacy.erase.request' })],
    ])('%s is not an answer: resume answers undefined and erases nothing', async (_label, input) => {
      const { dialog, total } = world();
      await expect(dialog.resume(turn('29:alice'), input)).resolves.toBeUndefined();
      await expect(total('29:alice')).resolves.toBe(3);
    });
  });
});
