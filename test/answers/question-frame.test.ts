import { message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * The sharing answer's first line answers the question as it was asked — may we share? must each site have its own?
 * how many? — for every rule, in both languages, also when the structure is asked for first (questions in new words).
 */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
});
afterAll(async () => harness.stop());

async function ask(text: string, locale = 'fr-FR') {
  const chat = harness.personalChat({ locale });
  const result = await harness.send(message(chat, text));
  return { chat, all: [...result.texts, ...result.cards.flatMap((card) => card.texts)].join('\n') };
}

describe('the headline answers the question asked', () => {
  it.each([
    ['chaque site de notre CH public doit-il avoir son propre certificat ?', "**Non, ce n'est pas obligatoire.**"],
    ['peut-on mutualiser un certificat entre les sites de notre CH public ?', '**Oui.**'],
    ['combien de certificats pour les 3 sites de notre CH public ?', '**Un seul suffit**'],
    ['faut-il un certificat par site pour nos centres de dialyse ?', "**Non, ce n'est pas obligatoire.**"],
    ['notre organisme gestionnaire a 4 EHPAD : faut-il un certificat par EHPAD ?', "**Non, ce n'est pas obligatoire.**"],
    ['dans notre GHT, chaque établissement doit-il avoir son propre certificat ?', '**Oui, chaque entité juridique a le sien.**'],
    ['combien de certificats pour notre GHT de 3 établissements ?', '**Au moins un par entité juridique**'],
  ])('%s', async (question, headline) => {
    const { all } = await ask(question);
    expect(all).toContain(headline);
    // Never the opposite word first.
    expect(all).not.toMatch(headline.startsWith('**Non') ? /\*\*Oui\.\*\*/ : /\*\*Non\.\*\*/);
  });

  it.each([
    ['must each site of our public hospital have its own certificate?', '**No, it is not required.**'],
    ['can our public hospital use one certificate for all its sites?', '**Yes.**'],
    ['how many certificates for the 3 sites of our dialysis centre?', '**One is enough**'],
    ['in our hospital group (GHT), does each establishment need its own certificate?', '**Yes, each legal entity has its own.**'],
  ])('%s', async (question, headline) => {
    const { all } = await ask(question, 'en-US');
    expect(all).toContain(headline);
  });

  it('keeps the question’s frame across the structure question', async () => {
    const { chat, all } = await ask('chaque site doit-il avoir son propre certificat ?');
    expect(all).toContain('quel type de structure êtes-vous');
    const answered = await harness.send(submitAction(chat, { verb: 'sharing.structure', structure: 'public' }));
    expect(answered.cards.flatMap((card) => card.texts).join('\n')).toContain("**Non, ce n'est pas obligatoire.**");
    const { chat: other } = await ask('chaque site doit-il avoir son propre certificat ?');
    const typed = await harness.send(message(other, 'un GHT'));
    expect(typed.cards.flatMap((card) => card.texts).join('\n')).toContain('**Oui, chaque entité juridique a le sien.**');
  });
});

describe('the message to the ANS, when the sheet has no answer', () => {
  it('carries a subject and an editable body with the question and the situation', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const result = await harness.send(message(chat, 'nous sommes un laboratoire de biologie avec 4 sites, un seul certificat possible ?'));
    const url = result.cards.flatMap((card) => card.buttons).find((b) => b.url?.startsWith('mailto:'))?.url ?? '';
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(query.get('subject')).toBe('Un certificat pour plusieurs sites ?');
    expect(query.get('body')).toContain('Ma question : nous sommes un laboratoire de biologie avec 4 sites, un seul certificat possible ?');
    expect(query.get('body')).toContain('Notre situation : laboratoire de biologie');
  });
});
