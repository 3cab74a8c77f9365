import { message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * Requests are not questions (understanding, class 5), in words written apart from the corpus: asking certibot to
 * write to the ANS or the GRADeS opens a request, never an information answer about e-mails; the register asked about
 * in other words shows the register; changing or removing is shown where it is done, never a new registration.
 */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
});
afterAll(async () => harness.stop());

async function ask(text: string, locale = 'fr-FR') {
  const chat = harness.personalChat({ locale, userName: 'Camille Martin' });
  await harness.send(message(chat, locale.startsWith('en') ? 'hello' : 'bonjour'));
  await harness.send(submitAction(chat, { verb: 'register.submit', label: 'INSi – CH de Nîmes', expiry: '2027-03-15' }));
  const result = await harness.send(message(chat, text));
  return { titles: result.cards.map((card) => card.title), all: [...result.texts, ...result.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n') };
}

describe('asking certibot to reach someone opens a request', () => {
  it.each([
    ["peux-tu envoyer un mail à l'ANS pour notre certificat révoqué ?", 'fr-FR', 'Demander à un conseiller'],
    ['mets-moi en contact avec le GRADeS, on est bloqués', 'fr-FR', 'Demander à un conseiller'],
    ['please write to the ANS about our blocked order', 'en-US', 'Ask an advisor'],
    ['can you get me through to the GRADeS?', 'en-US', 'Ask an advisor'],
  ])('%s', async (text, locale, title) => {
    const { titles } = await ask(text, locale);
    expect(titles).toContain(title);
  });
});

describe('the register in other words', () => {
  it.each([
    ["qu'est-ce que tu surveilles pour nous ?", 'fr-FR', 'Mes certificats'],
    ['tu as quoi comme certificats enregistrés ?', 'fr-FR', 'Mes certificats'],
    ['which certificates are you keeping for me?', 'en-US', 'My certificates'],
    ["je veux voir les certificats qu'on a chez toi", 'fr-FR', 'Mes certificats'],
    ['let me see the certs you follow for us', 'en-US', 'My certificates'],
  ])('%s shows the register', async (text, locale, title) => {
    const { titles, all } = await ask(text, locale);
    expect(titles).toContain(title);
    expect(all).toContain('INSi – CH de Nîmes');
  });

  it.each([
    ['je voudrais retirer le rappel du certificat INSi', 'fr-FR', '« Réglages »'],
    ['corrige la date de fin de notre certificat INSi', 'fr-FR', '« Modifier »'],
    ['please remove the reminder on the INSi certificate', 'en-US', '"Settings"'],
  ])('%s shows where the change is made, registers nothing', async (text, locale, button) => {
    const { all } = await ask(text, locale);
    expect(all).toContain(button);
    expect(all).toContain('INSi – CH de Nîmes');
    expect(all).not.toMatch(/Programmer des rappels pour un certificat|Set up reminders for a certificate/);
  });

  it.each([
    ['on a reçu un nouveau certificat, tu peux le suivre ?', 'fr-FR'],
    ['I have another certificate for you to track', 'en-US'],
    ['enregistre aussi le certificat de la radiologie', 'fr-FR'],
    ['register the radiology certificate as well', 'en-US'],
  ])('%s starts a registration', async (text, locale) => {
    const { all } = await ask(text, locale);
    expect(all).toMatch(/Programmer des rappels pour un certificat|Set up reminders for a certificate|Nom du certificat|Certificate name|nom du certificat|name of the certificate/i);
  });
});

describe('« Non » to an answer', () => {
  it('asks what was missing and offers a person; what is said next goes to the support team’s report', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(chat, 'combien de temps est valable le certificat ?'));
    const no = await harness.send(submitAction(chat, { verb: 'feedback', answer: 'topic.validity', helpful: false }));
    const asked = no.cards.flatMap((card) => card.texts).join('\n');
    expect(asked).toContain("Qu'est-ce qui vous manquait ?");
    expect(no.cards[0]?.buttons.map((b) => b.title)).toEqual(['Demander à un conseiller']);

    const told = await harness.send(message(chat, 'il manque le cas des certificats de test, marie.dupont@chu.fr'));
    expect(told.cards.flatMap((card) => card.texts).join('\n')).toContain("c'est transmis à l'équipe support");
    const gaps = await harness.app.store.unanswered.mostFrequent(new Date('2026-11-01T00:00:00Z'), 10);
    expect(gaps.map((g) => g.text)).toContain('il manque le cas des certificats de test, [email]');
  });

  it('a new question after « Non » is answered as a question', async () => {
    const chat = harness.personalChat({ locale: 'en-US' });
    await harness.send(message(chat, 'how long is a certificate valid?'));
    await harness.send(submitAction(chat, { verb: 'feedback', answer: 'topic.validity', helpful: false }));
    const next = await harness.send(message(chat, 'where do I renew it?'));
    expect(next.cards.flatMap((card) => card.texts).join('\n')).not.toContain('passed on to the support team');
  });
});

describe('"how do I get reminders in a channel?"', () => {
  it('in the personal chat, explains « rappels ici » where it must be said, with the mention', async () => {
    const { all } = await ask('comment je fais pour avoir les rappels dans le canal de mon équipe ?');
    expect(all).toContain('**@certibot rappels ici**');
    expect(all).not.toMatch(/Programmer des rappels pour un certificat/);
    const en = await ask('how can we get the reminders in a Teams channel?', 'en-US');
    expect(en.all).toContain('**@certibot reminders here**');
  });

  it('asked in the channel itself, offers to do it there at once', async () => {
    const personal = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
    await harness.send(message(personal, 'bonjour'));
    await harness.send(submitAction(personal, { verb: 'register.submit', label: 'INSi – CH de Nîmes', expiry: '2027-03-15' }));
    const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id, userName: 'Camille Martin' });
    const asked = await harness.send(message(channel, 'comment avoir les rappels dans ce canal ?'));
    const all = [...asked.texts, ...asked.cards.flatMap((card) => [...card.texts, ...card.buttons.map((b) => b.title)])].join('\n');
    expect(all).toContain('Ici, c\'est possible tout de suite : choisissez « Rappels ici aussi »');
    expect(all).toContain('Rappels ici aussi');
  });
});

describe('registration that listens', () => {
  it('what the first message says fills the form: the expiry, the use, the FINESS', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const form = await harness.send(message(chat, "rappelle-moi deux mois avant l'échéance du certificat INSi de l'EHPAD (FINESS 010780914), il expire le 15/03/2027"));
    const json = JSON.stringify(form.replies);
    expect(json).toContain('"id":"expiry"');
    expect(json).toMatch(/"id":"expiry"[^}]*"value":"2027-03-15"/);
    expect(json).toMatch(/"id":"label"[^}]*"value":"INSi"/);
    expect(json).toMatch(/"id":"finess"[^}]*"value":"01 078 091 4"/);
  });

  it('an issue date given first becomes the expiry three years on (the form, or the dates with « Set reminders » for it)', async () => {
    const chat = harness.personalChat({ locale: 'en-US' });
    const form = await harness.send(message(chat, 'remind me about our DMP certificate, it was issued on 12 September 2024'));
    expect(JSON.stringify(form.replies)).toMatch(/"id":"expiry"[^}]*"value":"2027-09-12"|"verb":"register.start","expiry":"2027-09-12"/);
    const fr = harness.personalChat({ locale: 'fr-FR' });
    const formFr = await harness.send(message(fr, 'peux-tu me rappeler le renouvellement du certificat DMP délivré le 12/09/2024 ?'));
    expect(JSON.stringify(formFr.replies)).toMatch(/"id":"expiry"[^}]*"value":"2027-09-12"|"verb":"register.start","expiry":"2027-09-12"/);
  });

  it('a question typed while the name is expected is answered, never stored as a name', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(chat, 'je voudrais enregistrer un nouveau certificat'));
    await harness.send(message(chat, 'combien de temps dure un certificat ?'));
    const summaries = await harness.app.store.reminders.listForUser(chat.user.id, harness.clock.now());
    expect(summaries).toEqual([]);
  });
});

describe('« rappels ici » in a channel', () => {
  it("lists what that channel is reminded of, not the speaker's personal list only, then offers theirs", async () => {
    const alex = harness.personalChat({ locale: 'fr-FR', userName: 'Alex Durand' });
    await harness.send(message(alex, 'bonjour'));
    await harness.send(submitAction(alex, { verb: 'register.submit', label: 'DMP – [lien](https://evil.example)', expiry: '2027-05-20' }));
    const [summary] = await harness.app.store.reminders.listForUser(alex.user.id, harness.clock.now());
    const channel = harness.teamChannel({ locale: 'fr-FR', userId: alex.user.id, userName: 'Alex Durand' });
    await harness.send(submitAction(channel, { verb: 'register.here', certificate: summary?.certificate.id ?? '' }));

    const camille = harness.teamChannel({ locale: 'fr-FR', team: channel.team, conversationId: channel.conversationId, userName: 'Camille Martin' });
    const here = await harness.send(message(camille, 'rappels ici'));
    expect(here.texts[0]).toContain('Déjà rappelés dans ce canal :');
    expect(here.texts[0]).toContain('DMP – \\[lien\\]');
    expect(here.texts[0]).toContain('expire le 20 mai 2027');
  });

  it('says when nothing is reminded there yet', async () => {
    const channel = harness.teamChannel({ locale: 'fr-FR' });
    const here = await harness.send(message(channel, 'rappels ici'));
    expect(here.texts[0]).toBe("Aucun certificat n'est encore rappelé dans ce canal.");
  });
});
