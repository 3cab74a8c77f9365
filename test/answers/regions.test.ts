import { message } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * The GRADeS contact follows the region named (understanding, class 8): a configured region's own GRADeS, the honest
 * answer for a region certibot does not know — never another region's address — and Occitanie by default.
 */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({
    clock: new TestClock(new Date('2026-11-26T09:00:00Z')),
    env: { SUPPORT_GRADES: 'occitanie|GRADeS e-santé Occitanie|acssi@esante-occitanie.fr;grand-est|Pulsy|support@pulsy.fr' },
  });
});
afterAll(async () => harness.stop());

async function ask(text: string, locale = 'fr-FR'): Promise<string> {
  const chat = harness.personalChat({ locale });
  const result = await harness.send(message(chat, text));
  return [...result.texts, ...result.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n');
}

describe('contacts by region', () => {
  it('a configured region gets its own GRADeS, named the way people write it', async () => {
    const all = await ask('on est en Alsace, qui contacter pour nos certificats ?');
    expect(all).toContain('le GRADeS est **Pulsy** : **support@pulsy.fr**');
    expect(all).not.toContain('acssi@esante-occitanie.fr');
  });

  it('a region certibot does not know gets the ANS and the honest answer, never another region’s address', async () => {
    const all = await ask('quel est le contact certificats pour un hôpital en Bretagne ?');
    expect(all).toContain("Je n'ai pas l'adresse du GRADeS de **Bretagne**");
    expect(all).toContain('ans-certificats@esante.gouv.fr');
    expect(all).not.toMatch(/acssi@esante-occitanie\.fr|support@pulsy\.fr/);
    const en = await ask('who should we contact about certificates in Normandy?', 'en-US');
    expect(en).toContain('I do not have the address of the GRADeS for **Normandie**');
    expect(en).not.toMatch(/acssi@esante-occitanie\.fr|support@pulsy\.fr/);
  });

  it('with no region named, the sheet’s contacts (Occitanie by default)', async () => {
    const all = await ask('qui contacter pour un problème de certificat ?');
    expect(all).toContain('acssi@esante-occitanie.fr');
    expect(all).toContain('ans-certificats@esante.gouv.fr');
  });
});
