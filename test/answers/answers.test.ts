import { message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * The knowledge base through the real HTTP pipeline: the example questions of the knowledge brief (§3) and every
 * sharing rule, each answered with its source, in the asker's language.
 */
const FICHE_FR = 'Fiche pratique certificats logiciels (GRADeS e-santé Occitanie)';
const FICHE_EN = 'Software certificates practical sheet (GRADeS e-santé Occitanie)';
const SEGUR_FR = 'Guide commande de certificats SEGUR – Couloir hôpital, v0.8 (13/10/2023)';

let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
});

afterAll(async () => {
  await harness.stop();
});

async function ask(text: string, locale = 'fr-FR') {
  const chat = harness.personalChat({ locale });
  const result = await harness.send(message(chat, text));
  expect(result.status).toBe(200);
  return { chat, result, all: [...result.texts, ...result.cards.flatMap((card) => card.texts)].join('\n') };
}

describe('example questions of the knowledge brief', () => {
  it('"combien de temps est valable le certificat ?" → 3 years, from the sheet', async () => {
    const { all } = await ask('combien de temps est valable le certificat ?');
    expect(all).toContain('valable **3 ans** à compter de son obtention');
    expect(all).toContain(`Source : ${FICHE_FR}`);
  });

  it('"je n\'ai pas reçu le mail d\'expiration" → both notice periods, each with its source', async () => {
    const { all } = await ask("je n'ai pas reçu le mail d'expiration");
    expect(all).toContain(`notification **un mois** avant l'expiration — ${FICHE_FR}`);
    expect(all).toContain("notification **60 jours** avant l'expiration — FAQ ANS pour les industriels (industriels.esante.gouv.fr)");
    expect(all).toContain('noreply@pfc.eservices.esante.gouv.fr');
  });

  it('"où renouveler ?" → the IGC Santé platform, not automatic, impossible once expired', async () => {
    const { all } = await ask('où renouveler ?');
    expect(all).toContain('**plateforme IGC Santé**');
    expect(all).toContain("il faut commander un nouveau certificat");
  });

  it('"qui contacter ?" → the ANS certificate team and the GRADeS', async () => {
    const { all } = await ask('qui contacter ?');
    expect(all).toContain('ans-certificats@esante.gouv.fr');
    expect(all).toContain('acssi@esante-occitanie.fr');
  });

  it('"clinique privée : certificat commun possible ?" → the dated rule, its date, that it may have changed, newer guide, ask the ANS', async () => {
    const { result, all } = await ask('clinique privée : certificat commun possible ?');
    expect(all).toContain('**Ça a pu changer.**');
    expect(all).toContain("jusqu'à début 2023");
    expect(all).toContain('Nous sommes le 26 novembre 2026 : elle a pu changer depuis.');
    expect(all).toContain(`Sources : ${FICHE_FR} ; ${SEGUR_FR}`);
    const buttons = result.cards[0]?.buttons.map((b) => b.title);
    expect(buttons).toContain("Demander à l'ANS");
  });

  it('"EHPAD, un certificat par établissement ?" → a managing body may pool, from the sheet', async () => {
    const { all } = await ask('EHPAD, un certificat par établissement ?');
    expect(all).toContain('Organisme gestionnaire');
    // The question asks whether one per establishment is owed: it is not (a bare « Oui » would contradict the rule).
    expect(all).toContain("**Non, ce n'est pas obligatoire.** Un seul certificat peut servir à tous les sites");
    expect(all).toContain('un certificat pour une seule solution');
  });

  it('"Un seul certificat pour nos 3 sites ?" asks only the structure, then answers with the 3 sites kept', async () => {
    const { chat, result } = await ask('Un seul certificat pour nos 3 sites ?');
    expect(result.cards[0]?.title).toBe('Partager un certificat entre plusieurs sites');
    const typed = await harness.send(message(chat, 'nous sommes un centre de dialyse'));
    const all = typed.cards.flatMap((card) => card.texts).join('\n');
    expect(all).toContain('Votre situation : Centre de dialyse, 3 sites. **Oui.**');
    expect(all).toContain(`Source : ${FICHE_FR}`);
  });

  it('"can I share one certificate across sites?" is answered in English, and a button gives the structure', async () => {
    const { chat, result } = await ask('can I share one certificate across sites?', 'fr-FR');
    expect(result.cards[0]?.title).toBe('Sharing one certificate across several sites');
    const button = result.cards[0]?.buttons.find((b) => b.title === 'Private health establishment (clinic)');
    const clicked = await harness.send(submitAction(chat, button?.data));
    const all = clicked.cards.flatMap((card) => card.texts).join('\n');
    expect(all).toContain('**This may have changed.**');
    expect(all).toContain(FICHE_EN);
  });
});

describe('every sharing rule through the structure buttons', () => {
  it.each([
    ['public', '**Oui.**', [FICHE_FR]],
    ['dialysis', '**Oui.**', [FICHE_FR]],
    ['private', '**Ça a pu changer.**', [FICHE_FR, SEGUR_FR]],
    ['managing-body', '**Oui.**', [FICHE_FR]],
    ['multi-entity-group', '**Non, pas entre plusieurs entités juridiques.**', [SEGUR_FR]],
  ])('%s → %s', async (structure, verdict, sources) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const result = await harness.send(submitAction(chat, { verb: 'sharing.structure', structure }));
    const all = result.cards.flatMap((card) => card.texts).join('\n');
    expect(all).toContain(verdict);
    expect(all).toContain(`${sources.length > 1 ? 'Sources' : 'Source'} : ${sources.join(' ; ')}`);
  });

  it('a managing body in the hospital corridor is not covered: the bot says so and offers the ANS', async () => {
    const { result, all } = await ask('organisme gestionnaire du couloir hôpital, peut-on mutualiser le certificat entre sites ?');
    expect(all).toContain('La fiche ne prévoit pas ce cas');
    expect(result.cards[0]?.buttons.some((b) => b.url?.startsWith('mailto:ans-certificats@esante.gouv.fr'))).toBe(true);
  });
});

describe('honest limits', () => {
  it('weather is out of scope, recorded as a gap, with the offer to reach a person', async () => {
    const { result, all } = await ask('quel temps fera-t-il demain à Montpellier ?');
    expect(all).toContain('Je ne peux pas vous aider sur ce sujet');
    // The offer to reach a person is a support request (relayed back here), not a bare e-mail address.
    expect(result.cards[0]?.buttons.some((b) => b.title === 'Demander à un conseiller' && (b.data as { verb?: string } | undefined)?.verb === 'ticket.form')).toBe(true);
    const gaps = await harness.app.store.unanswered.mostFrequent(new Date('2026-11-01T00:00:00Z'), 10);
    expect(gaps.map((g) => g.text)).toContain('quel temps fera-t-il demain à Montpellier ?');
  });

  it('a FINESS with a wrong key is refused with the expected format', async () => {
    const { all } = await ask('010780915');
    expect(all).toContain('Le numéro FINESS 010780915 a une clé incorrecte');
    expect(all).toContain('« NN NNN NNN K »');
  });

  it('a valid FINESS is said valid, formatted', async () => {
    const { all } = await ask('notre FINESS : 010780914');
    expect(all).toContain('FINESS 01 078 091 4 : numéro valide.');
  });

  it('feedback on an answer is stored once per user and answer', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(submitAction(chat, { verb: 'feedback', answer: 'topic.validity', helpful: false }));
    const second = await harness.send(submitAction(chat, { verb: 'feedback', answer: 'topic.validity', helpful: true }));
    expect(second.texts).toEqual(['Merci pour votre retour !']);
    const summary = await harness.app.store.feedback.summary();
    expect(summary.find((row) => row.answerId === 'topic.validity')).toEqual({ answerId: 'topic.validity', helpful: 1, notHelpful: 0 });
  });

  it('the gap report is for support agents only', async () => {
    const { all } = await ask('questions sans réponse');
    expect(all).toBe("Cette commande est réservée à l'équipe support.");
  });
});

describe('structures the sheet does not cover', () => {
  it('a laboratory is told the sheet does not cover it, with the offer to ask the ANS', async () => {
    const { result, all } = await ask('nous sommes un laboratoire de biologie avec 4 sites, un seul certificat possible ?');
    expect(all).toContain('La fiche ne couvre pas le cas « laboratoire de biologie »');
    expect(result.cards[0]?.buttons.some((b) => b.url?.startsWith('mailto:ans-certificats@esante.gouv.fr'))).toBe(true);
  });

  it('typed in answer to the structure question, a pharmacy gets the same honest answer', async () => {
    const { chat } = await ask('Un seul certificat pour nos 3 sites ?');
    const typed = await harness.send(message(chat, 'une pharmacie'));
    expect(typed.cards.flatMap((card) => card.texts).join('\n')).toContain('La fiche ne couvre pas le cas « pharmacie »');
  });
});
