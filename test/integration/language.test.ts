import { executeAction, message, submitAction } from '../harness/activities';
import { BotHarness, harnessPerSuite } from '../harness/bot-harness';

const SWITCHED_TO_ENGLISH = "OK, I'll speak English with you from now on.";
const SWITCHED_TO_FRENCH = "D'accord, je vous parle désormais en français.";

describe('a user chooses the language certibot speaks with them', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  it('switches to English on "parle anglais" and keeps answering French messages in English', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });

    const switched = await harness.send(message(chat, 'parle anglais'));
    expect(switched.texts).toEqual([SWITCHED_TO_ENGLISH]);
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('en');

    const greeted = await harness.send(message(chat, 'bonjour'));
    expect(greeted.cards[0]?.title).toBe("Hello, I'm certibot");

    const helped = await harness.send(message(chat, 'aide'));
    expect(helped.cards[0]?.title).toBe('What I can do');
  });

  it('switches back to French on "switch to French", and says so when it already speaks it', async () => {
    const chat = harness.personalChat({ locale: 'en-US' });

    expect((await harness.send(message(chat, 'switch to French'))).texts).toEqual([SWITCHED_TO_FRENCH]);
    expect((await harness.send(message(chat, 'hi, what can you do?'))).cards[0]?.title).toBe('Ce que je sais faire');
    expect((await harness.send(message(chat, 'parle français'))).texts).toEqual(['Je vous parle déjà en français.']);
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('fr');
  });

  it("switches when the help card's language button is clicked (Action.Submit with the card's own data)", async () => {
    const chat = harness.personalChat();
    const help = await harness.send(message(chat, 'aide'));
    const button = help.cards[0]?.buttons.find((candidate) => candidate.title === 'Speak English');
    expect(button?.data).toEqual({ verb: 'language.set', locale: 'en' });

    const clicked = await harness.send(submitAction(chat, button?.data));

    expect(clicked.texts).toEqual([SWITCHED_TO_ENGLISH]);
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('en');
  });

  it('switches on an Action.Execute of the same verb, answering the invoke and posting the confirmation', async () => {
    const chat = harness.personalChat();

    const clicked = await harness.send(executeAction(chat, { verb: 'language.set', data: { verb: 'language.set', locale: 'en' } }));

    expect(clicked.status).toBe(200);
    // No card to replace the clicked one: the invoke answers "a message", and the text goes out as a reply.
    expect(clicked.json).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' });
    expect(clicked.texts).toEqual([SWITCHED_TO_ENGLISH]);
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('en');
  });

  it('replaces the clicked card with the help card on an Action.Execute "help"', async () => {
    const clicked = await harness.send(executeAction(harness.personalChat(), { verb: 'help', data: { verb: 'help' } }));

    expect(clicked.replies).toEqual([]);
    const body = clicked.json as { statusCode: number; type: string; value: { body: Array<{ text?: string }> } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.body[0]?.text).toBe('Ce que je sais faire');
  });

  it('refuses a language it does not speak, changing nothing', async () => {
    const chat = harness.personalChat();

    const clicked = await harness.send(submitAction(chat, { verb: 'language.set', locale: 'de' }));

    expect(clicked.texts).toEqual([
      "Je n'ai pas pu traiter cette action : elle est incomplète ou ne vient pas d'une de mes cartes. Rien n'a été modifié.",
    ]);
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBeUndefined();
  });
});

describe('the language a user chose survives a restart', () => {
  it('still answers in English after the app restarts on the same SQLite file, and back in French after "switch to French"', async () => {
    const harness = await BotHarness.start();
    try {
      const chat = harness.personalChat({ locale: 'fr-FR' });
      expect((await harness.send(message(chat, 'parle anglais'))).texts).toEqual([SWITCHED_TO_ENGLISH]);
      const before = harness.app.url;

      await harness.restart();

      expect(harness.app.url).not.toBe(before);
      expect((await harness.send(message(chat, 'aide'))).cards[0]?.title).toBe('What I can do');
      expect((await harness.send(message(chat, 'switch to French'))).texts).toEqual([SWITCHED_TO_FRENCH]);

      await harness.restart();

      expect((await harness.send(message(chat, 'hello'))).cards[0]?.title).toBe('Bonjour, je suis certibot');
    } finally {
      await harness.stop();
    }
  });
});
