import { executeAction, fileMessage, message, submitAction, type TeamsChat } from '../harness/activities';
import { BotHarness, TestClock, type TurnResult } from '../harness/bot-harness';
import { igcSanteChain, makePkcs12 } from '../fixtures/certificates';
import { connectorFailures } from '../../toolkit/fake-connector';

/**
 * A support request beyond the form card, through the real HTTP pipeline: typed field by field when the card cannot be
 * used (same checks, a secret never kept), a certificate file sent while the form is out (it fills the ticket, never a
 * key), a suggested answer chosen instead of sending (counted as deflected in « statistiques »).
 */
const ADMIN = '29:1support-admin';

let harness: BotHarness;
let requester: TeamsChat;

beforeEach(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-12-07T09:00:00Z')), env: { SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '3600' } });
  requester = harness.personalChat({ userName: 'Camille Martin' });
  await harness.send(message(requester, 'bonjour'));
});
afterEach(async () => harness.stop());

const say = (text: string) => harness.send(message(requester, text));
const said = (turn: TurnResult) => [...turn.texts, ...turn.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n');
const tickets = () => harness.app.store.tickets.forRequester(requester.user.id);
async function storedEverywhere(): Promise<string> {
  const rows = await Promise.all(['tickets', 'ticket_events', 'outbox', 'bot_state'].map((table) => harness.app.store.db.query<Record<string, unknown>>(`SELECT * FROM ${table}`)));
  return JSON.stringify(rows);
}

describe('a request typed field by field (no form card)', () => {
  it('asks each missing field with the form’s checks, sums up, and sends on « oui »', async () => {
    const form = await say("je voudrais parler à quelqu'un");
    expect(form.cards[0]?.title).toBe('Demander à un conseiller');
    expect(said(form)).toContain('Vous ne pouvez pas remplir cette carte ? Écrivez-moi ici');

    const described = await say('Le renouvellement de notre certificat INSi échoue sur la plateforme depuis hier');
    expect(said(described)).toContain('Je vous pose les questions ici, une à une');
    expect(said(described)).toContain("Quel est l'établissement concerné ?");

    expect(said(await say('X'))).toContain("Indiquez l'établissement concerné.");
    expect(said(await say('CH de Nîmes'))).toContain('Son numéro FINESS ?');
    const wrongKey = await say('01 078 091 5');
    expect(said(wrongKey)).toContain("Ce FINESS n'est pas valide");
    expect(said(wrongKey)).toContain('Son numéro FINESS ?');
    expect(said(await say('01 078 091 4'))).toContain("À quelle adresse e-mail l'équipe peut-elle vous répondre ?");
    expect(said(await say('pas une adresse'))).toContain('Indiquez une adresse e-mail valide');

    const summary = await say('si@chu-nimes.fr');
    expect(summary.cards[0]?.title).toBe('Votre demande, avant envoi');
    expect(JSON.stringify(summary.replies)).toContain('"title":"Établissement","value":"CH de Nîmes"');
    expect(JSON.stringify(summary.replies)).toContain('"value":"01 078 091 4"');
    expect(summary.cards[0]?.buttons.map((b) => b.title)).toEqual(['Envoyer la demande']);
    expect(await tickets()).toEqual([]);

    const sent = await say('oui');
    expect(said(sent)).toContain('CERT-2026-0001');
    const [ticket] = await tickets();
    expect(ticket).toMatchObject({
      structure: 'CH de Nîmes',
      finess: '010780914',
      description: 'Le renouvellement de notre certificat INSi échoue sur la plateforme depuis hier',
      contactEmail: 'si@chu-nimes.fr',
      // The description speaks of a renewal: that is its topic, and the team proposed for it is the ANS's.
      queueId: 'ans',
      topic: 'renewal',
    });
  });

  it('the summary’s button sends the same request, and the FINESS can be left out', async () => {
    await say("je voudrais parler à quelqu'un");
    await say('Notre certificat MSSanté a été révoqué par erreur ce matin, que faire ?!');
    await say('EHPAD Les Tilleuls');
    expect(said(await say('aucun'))).toContain('À quelle adresse e-mail');
    const summary = await say('direction@tilleuls.fr');
    const send = summary.cards[0]?.buttons[0];
    const sent = await harness.send(executeAction(requester, { verb: 'ticket.submit', data: send?.data }));
    expect(said(sent) + JSON.stringify(sent.json)).toContain('CERT-2026-0001');
    expect((await tickets())[0]).toMatchObject({ structure: 'EHPAD Les Tilleuls', finess: undefined, contactEmail: 'direction@tilleuls.fr' });
  });

  it('refuses a secret at any step, keeps it nowhere (not even in the pending dialog), and asks again', async () => {
    await say("je voudrais parler à quelqu'un");
    const atForm = await say('mot de passe : Hopital2024!');
    expect(said(atForm)).toContain('semble contenir un mot de passe');
    await say('Le renouvellement de notre certificat INSi échoue sur la plateforme depuis hier');
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    const refused = await say(`CH de Nîmes ${key}`);
    expect(said(refused)).toContain('elle contient une clé privée');
    expect(said(refused)).toContain("Quel est l'établissement concerné ?");
    const stored = await storedEverywhere();
    expect(stored).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7');
    expect(stored).not.toContain('Hopital2024');
  });

  it('« non » drops the request: nothing sent, nothing stored', async () => {
    await say("je voudrais parler à quelqu'un");
    await say('Le renouvellement de notre certificat INSi échoue sur la plateforme depuis hier');
    expect(said(await say('non'))).toContain("Demande abandonnée : rien n'a été envoyé ni enregistré.");
    expect(said(await say('CH de Nîmes'))).not.toContain('FINESS');
    expect(await tickets()).toEqual([]);
  });

  it('a question typed while the form is out is answered as a question, and the card still sends', async () => {
    const form = await say("je voudrais parler à quelqu'un");
    const question = await say('combien de temps est valable un certificat ?');
    expect(said(question)).not.toContain('Je vous pose les questions');
    const send = form.cards[0]?.buttons.find((b) => b.title === 'Envoyer la demande');
    const sent = await harness.send(
      executeAction(requester, {
        verb: 'ticket.submit',
        data: { ...(send?.data as object), topic: 'renewal', queue: 'ans', urgency: 'normal', structure: 'CH de Nîmes', description: 'Le renouvellement échoue.', email: 'si@chu-nimes.fr' },
      }),
    );
    expect(said(sent) + JSON.stringify(sent.json)).toContain('CERT-2026-0001');
  });
});

describe('a certificate file sent while the form is out', () => {
  it('is read in memory and joins the request: subject, issuer, serial, expiry; its FINESS fills the form', async () => {
    await say("je voudrais parler à quelqu'un");
    const { leaf } = await igcSanteChain();
    const read = await harness.send(fileMessage(requester, { name: 'insi.cer', downloadUrl: harness.connector.hostFile('insi.cer', leaf.der) }));
    expect(said(read)).toContain("J'ai lu le certificat « INSI-AUTO » (expire le 12 septembre 2027) : il est joint à votre demande.");
    expect(read.cards[0]?.title).toBe('Demander à un conseiller');
    expect(JSON.stringify(read.replies)).toContain('"id":"finess","label":"FINESS (facultatif)","value":"01 078 091 4"');
    expect(said(read)).toContain('Certificat joint (lu dans le fichier, jamais conservé)');

    const send = read.cards[0]?.buttons.find((b) => b.title === 'Envoyer la demande');
    await harness.send(
      executeAction(requester, {
        verb: 'ticket.submit',
        data: { ...(send?.data as object), topic: 'renewal', queue: 'ans', urgency: 'high', structure: 'CH Exemple', finess: '01 078 091 4', description: 'Renouvellement refusé.', email: 'si@ch.fr' },
      }),
    );
    const [ticket] = await tickets();
    expect(ticket?.certificate).toMatchObject({ subject: expect.stringContaining('CN=INSI-AUTO'), issuer: expect.stringContaining('IGC-SANTE'), expiry: '2027-09-12' });
    expect(ticket?.certificate?.serial).toMatch(/^[0-9A-F]+$/);
  });

  it('a .pfx sent instead is refused, nothing of it kept, and the form can still be sent', async () => {
    await say("je voudrais parler à quelqu'un");
    const pfx = await harness.send(fileMessage(requester, { name: 'cert.pfx', downloadUrl: harness.connector.hostFile('cert.pfx', makePkcs12()) }));
    expect(said(pfx)).toMatch(/PKCS#12|\.p12/);
    expect(await tickets()).toEqual([]);
  });
});

describe('deflection', () => {
  it('a suggested answer chosen from the form is counted in « statistiques », beside the tickets', async () => {
    const channel = harness.teamChannel({ userId: ADMIN, userName: 'Admin Support' });
    await harness.send(message(channel, 'support ici'));
    await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'occitanie' } }));

    const form = await say("je veux parler à quelqu'un : peut-on partager un certificat entre deux sites ?");
    const suggestion = form.cards[0]?.buttons.find((b) => (b.data as { verb?: string } | undefined)?.verb === 'intent.choose');
    expect(suggestion).toBeDefined();
    const answered = await harness.send(submitAction(requester, suggestion?.data as Record<string, unknown>));
    expect(answered.cards.length + answered.texts.length).toBeGreaterThan(0);
    expect(await tickets()).toEqual([]);

    const stats = await harness.send(message(channel, 'statistiques'));
    expect(said(stats)).toContain('Demandes évitées (une réponse proposée a suffi) : 1 sur 1 (100 %)');
  });
});

describe('support agents are the members of a support channel’s team', () => {
  it('the unanswered-questions report: refused before any support channel, then to members only, as Teams says', async () => {
    const agent = harness.personalChat({ userName: 'Dominique Bernard' });
    const outsider = harness.personalChat({ userName: 'Intrus' });
    expect(said(await harness.send(message(agent, 'questions sans réponse')))).toBe("Cette commande est réservée à l'équipe support.");

    const channel = harness.teamChannel({ userId: ADMIN, userName: 'Admin Support' });
    await harness.send(message(channel, 'support ici'));
    await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
    harness.connector.inject({ match: (call) => call.kind === 'getMember' && call.memberId === outsider.user.id, answer: connectorFailures.conversationNotFound() });

    expect(said(await harness.send(message(agent, 'questions sans réponse')))).not.toContain('réservée');
    expect(said(await harness.send(message(outsider, 'questions sans réponse')))).toBe("Cette commande est réservée à l'équipe support.");
  });
});

describe('the certificate a request is about', () => {
  it("a forged id of someone else's certificate shows and keeps nothing of it", async () => {
    const alex = harness.personalChat({ userName: 'Alex Durand' });
    await harness.send(message(alex, 'bonjour'));
    await harness.send(submitAction(alex, { verb: 'register.submit', label: 'INSi – EHPAD secret', expiry: '2027-03-15', finess: '01 078 091 4' }));
    const [summary] = await harness.app.store.reminders.listForUser(alex.user.id, harness.clock.now());
    const certificate = summary?.certificate.id ?? '';

    const own = await harness.send(executeAction(alex, { verb: 'ticket.form', data: { verb: 'ticket.form', topic: 'expired', certificate } }));
    expect(JSON.stringify(own.json)).toContain('INSi – EHPAD secret');

    const forged = await harness.send(executeAction(requester, { verb: 'ticket.form', data: { verb: 'ticket.form', topic: 'expired', certificate } }));
    expect(JSON.stringify(forged.json)).not.toContain('INSi – EHPAD secret');
    expect(JSON.stringify(forged.json)).toContain('"id":"finess","label":"FINESS (facultatif)","value":""');
    await harness.send(
      executeAction(requester, {
        verb: 'ticket.submit',
        data: { verb: 'ticket.submit', certificate, topic: 'expired', queue: 'ans', urgency: 'high', structure: 'CH de Nîmes', description: 'Notre certificat a expiré.', email: 'si@chu-nimes.fr' },
      }),
    );
    expect((await tickets())[0]?.certificate).toBeUndefined();
  });
});

describe('a form sends one ticket', () => {
  const fields = { topic: 'renewal', queue: 'ans', urgency: 'high', structure: 'CH de Nîmes', description: 'Le renouvellement échoue.', email: 'si@chu-nimes.fr' };

  it('the sent form is replaced by the confirmation; clicked again, it says which ticket it made and makes none', async () => {
    const form = await say("je voudrais parler à quelqu'un");
    const data = { ...(form.cards[0]?.buttons.find((b) => b.title === 'Envoyer la demande')?.data as object), ...fields };
    const sent = await harness.send(executeAction(requester, { verb: 'ticket.submit', data }));
    expect(JSON.stringify(sent.json)).toContain('Demande envoyée');
    expect(JSON.stringify(sent.json)).toContain('CERT-2026-0001');
    const again = await harness.send(executeAction(requester, { verb: 'ticket.submit', data }));
    expect(JSON.stringify(again.json)).toContain('Cette demande est déjà envoyée');
    expect(JSON.stringify(again.json)).toContain('CERT-2026-0001');
    expect(await tickets()).toHaveLength(1);
  });

  it('clicked twice at once (a retried invoke), one ticket, and both answers name it', async () => {
    const form = await say("je voudrais parler à quelqu'un");
    const data = { ...(form.cards[0]?.buttons.find((b) => b.title === 'Envoyer la demande')?.data as object), ...fields };
    const [one, two] = await Promise.all([
      harness.send(executeAction(requester, { verb: 'ticket.submit', data })),
      harness.send(executeAction(requester, { verb: 'ticket.submit', data })),
    ]);
    expect(await tickets()).toHaveLength(1);
    expect([one?.status, two?.status]).toEqual([200, 200]);
    expect(JSON.stringify(one?.json) + JSON.stringify(two?.json)).toMatch(/CERT-2026-0001[\s\S]*CERT-2026-0001/);
    // A new form is a new request.
    const next = await say("je voudrais parler à quelqu'un");
    const other = { ...(next.cards[0]?.buttons.find((b) => b.title === 'Envoyer la demande')?.data as object), ...fields };
    await harness.send(executeAction(requester, { verb: 'ticket.submit', data: other }));
    expect((await tickets()).map((t) => t.number).sort()).toEqual(['CERT-2026-0001', 'CERT-2026-0002']);
  });
});
