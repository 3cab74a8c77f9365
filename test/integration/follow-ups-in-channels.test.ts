import { click, message, submitAction, teamsDelivers } from '../harness/activities';
import { harnessPerSuite, type BotHarness } from '../harness/bot-harness';

/**
 * In a channel or a group chat Teams hands certibot only the messages that @mention it: an answer typed in the thread
 * without a mention never arrives. So a question certibot asks there is answered with the card's own inputs and
 * buttons, or says plainly that a typed answer must mention @certibot — and an answer that does is taken.
 */
let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { env: { REMINDER_TICK_SECONDS: '3600' } });

const MENTION_FR = 'Pour me répondre par écrit ici, mentionnez-moi (@certibot) dans votre message : sans mention, Teams ne me le transmet pas.';

describe('follow-up questions in channels and group chats', () => {
  it('« calcule mes dates » in a channel: the question says to mention certibot; the plain reply never arrives, the mentioned one is answered', async () => {
    const channel = harness.teamChannel({ locale: 'fr-FR' });
    const asked = await harness.send(message(channel, 'calcule mes dates'));
    expect(asked.texts).toEqual([expect.stringContaining("Donnez-moi la date de délivrance ou la date d'expiration"), MENTION_FR]);

    expect(teamsDelivers(message(channel, '15/03/2027', { mention: false }))).toBe(false);
    const answered = await harness.send(message(channel, '15/03/2027'));
    expect(answered.cards[0]?.title).toBe('Votre certificat : les dates clés');
  });

  it('in a group chat, in English, the same', async () => {
    const chat = harness.groupChat({ locale: 'en-GB' });
    const asked = await harness.send(message(chat, 'compute my dates'));
    expect(asked.texts.at(-1)).toBe('To answer me in writing here, mention me (@certibot) in your message: without the mention, Teams does not pass it on to me.');
  });

  it('registering in a channel goes through the form, whose Universal Action arrives without a mention; the form says typing needs one', async () => {
    const channel = harness.teamChannel({ locale: 'fr-FR' });
    const form = await harness.send(message(channel, "rappelle-moi avant l'expiration"));
    expect(form.cards[0]?.title).toBe('Programmer des rappels pour un certificat');
    expect(form.texts).toEqual([MENTION_FR]);
    const save = form.cards[0]?.buttons.find((b) => b.title === 'Enregistrer');
    expect(save?.type).toBe('Action.Execute');

    const saved = await harness.send(click(channel, save ?? { type: 'none', data: {} }, { label: 'INSi – GHT Cévennes', expiry: '2027-05-01' }));

    expect(saved.texts[0]).toMatch(/^C'est enregistré : « INSi – GHT Cévennes » expire le 1er mai 2027\./);
  });

  it('the sharing question in a channel: buttons, and a word on mentioning certibot to type the answer', async () => {
    const channel = harness.teamChannel({ locale: 'fr-FR' });
    const asked = await harness.send(submitAction(channel, { verb: 'sharing.start' }));
    expect(asked.cards[0]?.buttons.length).toBeGreaterThan(1);
    expect(asked.texts).toEqual([MENTION_FR]);
  });

  it('in a personal chat, where every message arrives, no such word', async () => {
    const asked = await harness.send(message(harness.personalChat({ locale: 'fr-FR' }), 'calcule mes dates'));
    expect(asked.texts).toHaveLength(1);
  });
});
