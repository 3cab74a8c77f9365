import { message, submitAction } from '../harness/activities';
import { type BotHarness, harnessPerSuite, type TurnResult } from '../harness/bot-harness';
import type { Locale } from '../../src/domain/locale';
import { t } from '../../src/messages/translator';

/** The help and welcome cards' own buttons, as a French reader sees them. */
const SPEAK_ENGLISH = { title: 'Speak English', data: { verb: 'language.set', locale: 'en' } };
const ERASE_MY_DATA = { title: 'Supprimer mes données', data: { verb: 'privacy.erase.request' } };

const buttonsOf = (turn: TurnResult, card = 0) => turn.cards[card]?.buttons.map(({ title, data }) => ({ title, data })) ?? [];

/**
 * certibot's "I do not know that" answer, in a locale: the out-of-scope card once the knowledge base answers
 * unknown questions, the plain fallback text otherwise. Either way exactly one reply, in that language.
 */
function expectNotUnderstood(turn: TurnResult, locale: Locale): void {
  expect(turn.status).toBe(200);
  expect(turn.replies).toHaveLength(1);
  const said = turn.texts[0] ?? turn.cards[0]?.title;
  expect([t(locale, 'fallback.notUnderstood'), t(locale, 'outOfScope.title')]).toContain(said);
}

describe('certibot answers what a user writes, in the language they write in', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  it('answers "bonjour" in a personal chat with the French welcome card, whose first button opens the help', async () => {
    const chat = harness.personalChat();
    const turn = await harness.send(message(chat, 'bonjour'));

    expect(turn.status).toBe(200);
    expect(turn.replies).toHaveLength(1);
    expect(turn.texts).toEqual([]);
    expect(turn.cards[0]?.title).toBe('Bonjour, je suis certibot');
    expect(turn.cards[0]?.texts).toContain('Écrivez-moi comme à un collègue, ou choisissez ci-dessous.');
    expect(buttonsOf(turn)[0]).toEqual({ title: 'Ce que je sais faire', data: { verb: 'help' } });
    expect(buttonsOf(turn)).toEqual(expect.arrayContaining([SPEAK_ENGLISH, ERASE_MY_DATA]));
  });

  it('answers "aide" with the French help card, with buttons to speak English and to erase one\'s data', async () => {
    const turn = await harness.send(message(harness.personalChat(), 'aide'));

    expect(turn.cards).toHaveLength(1);
    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
    expect(turn.cards[0]?.texts).toEqual(
      expect.arrayContaining([
        'Changer de langue',
        'Je parle français et anglais. Dites « parle anglais » ou « switch to French ».',
        'Vos données',
      ]),
    );
    expect(buttonsOf(turn)).toEqual(expect.arrayContaining([SPEAK_ENGLISH, ERASE_MY_DATA]));
  });

  it('answers "hi, what can you do?" with the English help card even from a French client, when the user never chose a language', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, 'hi, what can you do?'));

    expect(turn.cards[0]?.title).toBe('What I can do');
    expect(buttonsOf(turn)).toEqual(
      expect.arrayContaining([
        { title: 'Parler français', data: { verb: 'language.set', locale: 'fr' } },
        { title: 'Delete my data', data: { verb: 'privacy.erase.request' } },
      ]),
    );
    // Answering in English is not choosing English: nothing is saved about this user.
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBeUndefined();
  });

  it('answers a clearly French message in French even from an English client', async () => {
    const turn = await harness.send(message(harness.personalChat({ locale: 'en-US' }), 'aide'));

    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
  });

  it('follows the client locale (en-US) when there is no text to read a language from', async () => {
    const chat = harness.personalChat({ locale: 'en-US' });

    const clicked = await harness.send(submitAction(chat, { verb: 'help' }));
    expect(clicked.cards[0]?.title).toBe('What I can do');

    // Emoji carry no language (nor intent): the answer follows the client.
    expectNotUnderstood(await harness.send(message(chat, '🤷')), 'en');
  });

  it('falls back to French for a client locale it does not speak', async () => {
    const turn = await harness.send(submitAction(harness.personalChat({ locale: 'de-DE' }), { verb: 'help' }));

    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
  });

  it.each([
    ['an empty message', ''],
    ['a whitespace-only message', ' \t\n  '],
  ])('answers %s with the translated "empty" message', async (_label, text) => {
    const turn = await harness.send(message(harness.personalChat(), text));

    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual(['Votre message est vide. Tapez « aide » pour voir ce que je sais faire.']);
  });

  it('answers a 10,000-character message it cannot read as a question with "not understood", without error', async () => {
    const text = 'blabla bla '.repeat(1000).slice(0, 10_000);
    expect(text).toHaveLength(10_000);

    expectNotUnderstood(await harness.send(message(harness.personalChat(), text)), 'fr');
  });

  it('does not understand a message made only of emoji', async () => {
    expectNotUnderstood(await harness.send(message(harness.personalChat(), '👍🎉🙂')), 'fr');
  });

  it('answers a lone "?" with the help card', async () => {
    const turn = await harness.send(message(harness.personalChat(), '?'));

    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
  });

  it('says it did not understand a "oui" when no question is pending', async () => {
    const turn = await harness.send(message(harness.personalChat(), 'oui'));

    expect(turn.texts).toEqual([t('fr', 'fallback.notUnderstood')]);
  });

  it('thanks back in the language of the thanks', async () => {
    const chat = harness.personalChat();

    expect((await harness.send(message(chat, 'merci beaucoup'))).texts).toEqual(['Avec plaisir ! Autre chose ?']);
    expect((await harness.send(message(chat, 'thanks'))).texts).toEqual(["You're welcome! Anything else?"]);
  });

  it('understands a channel message that @mentions it, and answers in the thread', async () => {
    const channel = harness.teamChannel();
    const activity = message(channel, 'aide');
    expect(activity.text).toBe('<at>certibot</at> aide');

    const turn = await harness.send(activity);

    expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
    expect(turn.calls).toHaveLength(1);
    expect(turn.calls[0]?.kind).toBe('reply');
    expect(turn.calls[0]?.conversationId).toBe(`${channel.conversationId};messageid=${activity.id}`);
    expect(turn.calls[0]?.activityId).toBe(activity.id);
  });

  it('understands a group chat message that @mentions it, and says how to mention it there', async () => {
    const turn = await harness.send(message(harness.groupChat(), 'bonjour'));

    expect(turn.cards[0]?.title).toBe('Bonjour, je suis certibot');
    expect(turn.cards[0]?.texts).toContain(
      "Merci de m'avoir ajouté à cette équipe. Mentionnez-moi (@certibot) pour me poser une question ici.",
    );
  });
});
