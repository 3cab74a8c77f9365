import { message } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * Near-miss situations get their own answer, never the nearest intent's (understanding, classes 2–4), in new words,
 * through the HTTP pipeline, each with its source or saying that the sources do not cover it.
 */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
});
afterAll(async () => harness.stop());

async function ask(text: string, locale = 'fr-FR') {
  const chat = harness.personalChat({ locale });
  const result = await harness.send(message(chat, text));
  return { result, all: [...result.texts, ...result.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n') };
}

describe('situations with their own answer', () => {
  it.each([
    ["l'ANS a révoqué notre certificat DMP, on fait quoi ?", 'fr-FR', ['Une révocation est **définitive**', 'commander un nouveau certificat', 'Arrêté du 4 avril 2022, art. 3']],
    ['our INSi certificate was revoked this morning', 'en-US', ['A revocation is **final**', 'order a new certificate', 'Order of 4 April 2022, art. 3']],
    ['le prestataire a peut-être copié la clé privée du certificat', 'fr-FR', ['La fiche ne traite pas ce cas', '**sans attendre**']],
    ['INSi nous renvoie DESIR_560 depuis la mise à jour', 'fr-FR', ['**DESIR_560**', 'INSI-MANU ou INSI-AUTO', 'esante.gouv.fr']],
    ['the DMP answers ERR_AUTH_0042 with our certificate', 'en-US', ['I do not know the error code **ERR\\_AUTH\\_0042**']],
    ['un seul certificat pour nos deux logiciels de soins ?', 'fr-FR', ['**un certificat pour une seule solution**', 'couloir hôpital', 'Fiche pratique']],
    ['comment je consulte mon DMP ?', 'fr-FR', ['Pour votre propre dossier', 'Mon espace santé']],
    ['I am a patient, how do I open my health record?', 'en-US', ['For your own record']],
    ['notre EHPAD a été rebaptisé, on garde le certificat ?', 'fr-FR', ['La fiche ne traite pas le changement de nom']],
    ['we switched software vendor, is our certificate still usable?', 'en-US', ['The sheet does not cover a change of vendor']],
  ])('%s', async (question, locale, expected) => {
    const { all } = await ask(question, locale);
    for (const text of expected) expect(all).toContain(text);
    // Never the expiry answer for what is not an expiry.
    expect(all).not.toContain('ne peut plus être renouvelé');
    expect(all).not.toContain('can no longer be renewed');
  });

  it('a question about the certificates a structure uses to reach the DMP stays in scope', async () => {
    const { all } = await ask('quel certificat faut-il à notre logiciel pour accéder au DMP ?');
    expect(all).not.toContain('Pour votre propre dossier');
  });
});
