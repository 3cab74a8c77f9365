import { message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/** Dates people actually write (understanding, class 7): a month without its day concludes from its first day, and says so. */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
});
afterAll(async () => harness.stop());

async function ask(text: string, locale = 'fr-FR'): Promise<string> {
  const chat = harness.personalChat({ locale });
  const result = await harness.send(message(chat, text));
  return [...result.texts, ...result.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n');
}

describe('a month without its day', () => {
  it('an expiry month: the timeline from its first day, with the range said', async () => {
    const all = await ask('notre certificat expire en mars 2027, quand faut-il renouveler ?');
    expect(all).toContain('je compte au plus tôt, à partir du 1er mars 2027 (la date réelle est entre le 1er mars 2027 et le 31 mars 2027)');
    expect(all).toContain('expire le 1er mars 2027');
  });

  it('an issue month: three years from its first day', async () => {
    const all = await ask('certificat délivré en février 2025');
    expect(all).toContain('entre le 1er février 2025 et le 28 février 2025');
    expect(all).toContain('expire le 1er février 2028');
  });

  it('in English, numeric', async () => {
    const all = await ask('our certificate expires 06/2027, when do we renew?', 'en-US');
    expect(all).toContain('the real date is between 1 June 2027 and 30 June 2027');
  });
});

describe('the next reminder is never a date in the past', () => {
  it('a threshold already passed at registration goes right away, and says so', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(chat, 'bonjour'));
    const done = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'INSi – CH', expiry: '2026-11-30' }));
    expect(done.texts.join('\n')).toContain('Prochain rappel : tout de suite');
    expect(done.texts.join('\n')).not.toContain('23 novembre 2026');
    const later = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP – CH', expiry: '2027-03-15' }));
    expect(later.texts.join('\n')).toContain('Prochain rappel : 15 décembre 2026');
  });
});
