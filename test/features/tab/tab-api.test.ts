import { PAGE_STRINGS, type PageConfig } from '../../../src/features/tab/tab-views';
import { catalogs } from '../../../src/messages/translator';
import { igcSanteChain, makePrivateKeyPem } from '../../fixtures/certificates';
import { message, newUserId } from '../../harness/activities';
import { BotHarness, TestClock } from '../../harness/bot-harness';
import { adaptiveCardsOf, readCard } from '../../harness/card-text';
import { act, D90, me, NIMES, REGISTERED, registerThroughTheBot, renewal, tabApi, team } from './tab-fixtures';

/**
 * The tabs' pages and API through HTTP, in local mode (the page's own identity): what « Mes certificats » and the team
 * tab show of what was registered through the bot, and the tab's actions, refused or done by the chat's own rules.
 */
let harness: BotHarness;

beforeEach(async () => {
  harness = await BotHarness.start({ clock: new TestClock(REGISTERED), env: { REMINDER_TICK_SECONDS: '3600' } });
});
afterEach(async () => harness.stop());

/** The page's configuration, read back from its escaped data attribute. */
function configOf(html: string): PageConfig {
  const attribute = /data-config="([^"]*)"/.exec(html)?.[1] ?? '';
  const text = attribute.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(text) as PageConfig;
}

describe('the pages', () => {
  it('are small shells with a strict Content-Security-Policy, that Teams may frame, and their words in both languages', async () => {
    const page = await harness.get('/tabs/certificates');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain('frame-ancestors');
    expect(page.headers['content-security-policy']).toContain('https://teams.microsoft.com');
    // No inline script, no event handler attribute: the CSP would refuse them, and nothing of a person is in the page.
    expect(page.body).not.toMatch(/<script>|\son\w+=/);
    const config = configOf(page.body);
    expect(config).toMatchObject({ page: 'certificates', localMode: true, defaultLocale: 'fr', api: '/api/tab/v1' });
    expect(config.strings.fr['list.title']).toBe('Mes certificats');
    expect(config.strings.en['list.title']).toBe(catalogs.en['list.title']);
    for (const key of PAGE_STRINGS) expect([key, config.strings.en[key]]).not.toEqual([key, expect.stringMatching(/\{\w+/)]);
    expect(configOf((await harness.get('/tabs/team')).body).page).toBe('team');
    expect(configOf((await harness.get('/tabs/team/config')).body).page).toBe('team-config');
  });

  it('name their files by content: kept for good by browsers, compressed as the browser accepts, unknown ones 404', async () => {
    const page = await harness.get('/tabs/certificates');
    const script = /src="(\/tabs\/assets\/tab-\w+\.js)"/.exec(page.body)?.[1] ?? '';
    const plain = await harness.get(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toContain("'use strict'");
    // fetch inflates what it is sent: the text read back is the script itself.
    const gzipped = await fetch(`${harness.url}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(plain.body);
    const teamsJs = configOf(page.body).teamsJs;
    const zipped = await fetch(`${harness.url}${teamsJs}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(zipped.headers.get('content-encoding')).toBe('br');
    expect((await zipped.text()).length).toBeGreaterThan(100_000);
    expect((await harness.get('/tabs/assets/tab-000000000000.js')).status).toBe(404);
  });
});

describe('« Mes certificats » in local mode', () => {
  it('shows the certificate registered through the bot: status, next reminder, destinations, history; says it is local mode', async () => {
    await registerThroughTheBot(harness);
    const view = await me(harness);
    expect(view.viewer.mode).toBe('local');
    expect(view.viewer.banner).toContain('Pas de connexion Teams');
    expect(view.notice).toBeUndefined();
    expect(view.certificates).toHaveLength(1);
    expect(view.certificates[0]).toMatchObject({
      label: NIMES.label,
      expiryDate: NIMES.expiry,
      status: 'valid',
      statusLabel: 'Valide',
      expiryText: 'Expire le 15 mars 2027 (dans 109 jours)',
      nextText: 'Prochain rappel : 15 décembre 2026 (2 destinations)',
      remindersOn: true,
      owner: true,
      fields: { label: NIMES.label, expiry: NIMES.expiry, finess: '01 078 091 4', usage: 'MSSante', corridor: '', structure: '', scope: '' },
    });
    expect(view.certificates[0]?.destinations.map((d) => d.text).sort()).toEqual(['Un canal Teams', 'Votre conversation avec certibot (vous êtes responsable)']);
    expect(view.certificates[0]?.history.upcoming[0]).toEqual({ title: '15 décembre 2026 · J-90 · canal', status: 'prévu', tone: 'neutral' });
    expect(view.choices.usage.map((choice) => choice.value)).toEqual(['DMP', 'INSi', 'MSSante', 'other']);
  });

  it('speaks the language the person chose in the chat, else the one Teams asks for', async () => {
    const { personal } = await registerThroughTheBot(harness);
    expect((await tabApi(harness, 'me?locale=en')).json).toMatchObject({ locale: 'en', certificates: [{ statusLabel: 'Valid' }] });
    await harness.send(message(personal, 'switch to English'));
    expect((await me(harness)).certificates[0]?.expiryText).toBe('Expires on 15 March 2027 (in 109 days)');
  });

  it('a person certibot does not know yet is told what to do first, and can change nothing', async () => {
    expect(await me(harness)).toMatchObject({ certificates: [], notice: expect.stringContaining('ouvrez la conversation avec certibot') });
    expect(await act(harness, { command: 'add', fields: { label: 'DMP', expiry: '2027-06-30' } })).toMatchObject({ ok: false });
  });
});

describe("the tab's actions follow the chat's rules", () => {
  it('adds a certificate as the chat form does: a wrong FINESS is refused with the same sentence, a right one registered', async () => {
    const { personal } = await registerThroughTheBot(harness);
    const refused = await act(harness, { command: 'add', fields: { label: 'DMP – GHT', expiry: '2027-06-30', finess: '010780915' } });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('Le numéro FINESS 010780915 a une clé incorrecte') });
    const added = await act(harness, { command: 'add', fields: { label: 'DMP – GHT', expiry: '2027-06-30' } });
    expect(added).toEqual({ ok: true, message: expect.stringContaining("C'est enregistré : « DMP – GHT » expire le 30 juin 2027.") });
    const targets = (await harness.app.store.reminders.listForUser(personal.user.id, harness.clock.now())).find((s) => s.certificate.label === 'DMP – GHT')?.targets;
    expect(targets).toEqual([expect.objectContaining({ conversationId: personal.conversationId, kind: 'personal' })]);
  });

  it('edits as the chat does, saying what changed; a field left out is cleared, as in the pre-filled form', async () => {
    const { certificateId } = await registerThroughTheBot(harness);
    const edited = await act(harness, { command: 'edit', certificate: certificateId, fields: { ...NIMES, expiry: '2027-04-01', finess: '' } });
    expect(edited.message).toBe('« MSSanté – site de Nîmes » modifié : expiration 15 mars 2027 → 1er avril 2027, FINESS 01 078 091 4 → non renseigné. Prochain rappel : 1er janvier 2027.');
    expect((await harness.app.store.reminders.get(certificateId))?.certificate).toMatchObject({ expiryDate: '2027-04-01', finess: undefined });
  });

  it("cannot touch another person's certificate: the chat's owner rule answers", async () => {
    const { certificateId: theirs } = await registerThroughTheBot(harness);
    // The local identity is the personal chat saved last: now someone else's.
    harness.clock.advance(60_000);
    await harness.send(message(harness.personalChat({ locale: 'fr-FR', userId: newUserId() }), 'bonjour'));
    const refused = await act(harness, { command: 'delete', certificate: theirs });
    expect(refused).toEqual({ ok: false, message: "Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié." });
    expect(await harness.app.store.reminders.get(theirs)).toBeDefined();
  });

  it('snoozes the latest reminder of one destination; the card posted there shows it; a renewed certificate refuses the old one', async () => {
    const { channel, certificateId } = await registerThroughTheBot(harness);
    harness.clock.set(D90);
    await harness.app.tickReminders();
    const destinations = (await me(harness)).certificates[0]?.destinations ?? [];
    const inChannel = destinations.find((d) => d.text === 'Un canal Teams')?.latest;
    expect(inChannel).toMatchObject({ text: 'Dernier rappel : envoyé le 15 décembre 2026', canSnooze: true });

    harness.connector.reset();
    const snoozed = await act(harness, { command: 'snooze', delivery: inChannel?.delivery, days: 1 });
    expect(snoozed).toEqual({ ok: true, message: "Rappel de « MSSanté – site de Nîmes » reporté au 16 décembre 2026. La carte du rappel dans la conversation l'indique." });
    const [update] = await harness.connector.waitForCalls(1, (call) => call.kind === 'update' && call.conversationId === channel.conversationId);
    expect(readCard(adaptiveCardsOf(update?.body)[0]).texts).toContain('⏸ Reporté au 16 décembre 2026 par Identité locale (mode local).');

    await act(harness, { command: 'edit', certificate: certificateId, fields: { ...NIMES, expiry: '2030-03-15' } });
    const stale = await act(harness, { command: 'snooze', delivery: inChannel?.delivery, days: 7 });
    expect(stale).toEqual({ ok: false, message: expect.stringContaining("Ce rappel concernait l'ancien certificat « MSSanté – site de Nîmes » (expiration le 15 mars 2027)") });
    expect(await act(harness, { command: 'snooze', delivery: 'no-such-reminder', days: 7 })).toEqual({ ok: false, message: expect.stringContaining("Ce rappel n'existe plus") });
  });

  it('stops the reminders: before any was sent as the settings do, after one as its card does (every posted card says so)', async () => {
    const first = await registerThroughTheBot(harness);
    const before = await act(harness, { command: 'stop', certificate: first.certificateId });
    expect(before).toEqual({ ok: true, message: 'Réglages enregistrés pour « MSSanté – site de Nîmes » : aucun rappel. Les rappels à venir sont reprogrammés.' });
    expect((await me(harness)).certificates[0]).toMatchObject({ remindersOn: false, nextText: 'Aucun rappel à venir' });

    const second = await act(harness, { command: 'add', fields: { label: 'INSi', expiry: '2027-03-15' } });
    expect(second.ok).toBe(true);
    harness.clock.set(D90);
    await harness.app.tickReminders();
    harness.connector.reset();
    const insi = (await me(harness)).certificates.find((c) => c.label === 'INSi');
    expect(await act(harness, { command: 'stop', certificate: insi?.id })).toEqual({ ok: true, message: "Les rappels de « INSi » sont arrêtés. Les cartes déjà publiées l'indiquent." });
    const [update] = await harness.connector.waitForCalls(1, 'update');
    expect(readCard(adaptiveCardsOf(update?.body)[0]).texts).toContain('Rappels arrêtés par Identité locale (mode local).');
  });

  it('deletes, as « Oui, supprimer » does', async () => {
    const { certificateId } = await registerThroughTheBot(harness);
    expect(await act(harness, { command: 'delete', certificate: certificateId })).toEqual({ ok: true, message: '« MSSanté – site de Nîmes » est supprimé, avec ses rappels.' });
    expect((await me(harness)).certificates).toEqual([]);
  });

  it.each([
    ['no command', {}],
    ['an unknown command', { command: 'erase-all' }],
    ['a snooze of 30 days', { command: 'snooze', delivery: 'd1', days: 30 }],
    ['text instead of JSON', 'command=delete'],
  ])('refuses %s with 400 and the public text only', async (_case, body) => {
    const answer = await tabApi(harness, 'actions', body, typeof body === 'string' ? { 'Content-Type': 'text/plain' } : {});
    expect([answer.status, answer.json]).toEqual([400, { error: 'Bad request' }]);
  });

  it('refuses an id the card actions would refuse, changing nothing', async () => {
    await registerThroughTheBot(harness);
    expect(await act(harness, { command: 'delete', certificate: 'x'.repeat(80) })).toEqual({ ok: false, message: expect.stringContaining("Je n'ai pas pu traiter cette action") });
  });
});

describe("« Certificats de l'équipe » in local mode", () => {
  it("shows the certificates the team's channels are reminded of, with the team's next reminder only", async () => {
    await registerThroughTheBot(harness);
    await act(harness, { command: 'add', fields: { label: 'DMP – seulement pour moi', expiry: '2027-01-31' } });
    const view = await team(harness);
    expect(view.viewer.banner).toContain("l'équipe du dernier canal");
    expect(view.certificates).toEqual([expect.objectContaining({ label: NIMES.label, status: 'valid', nextText: 'Prochain rappel : 15 décembre 2026 (1 destination)' })]);
  });

  it('says when certibot is in no channel yet', async () => {
    expect(await team(harness)).toMatchObject({ certificates: [], notice: expect.stringContaining("certibot n'est dans aucun canal de cette équipe") });
  });
});

describe("the tab's renewal calculator", () => {
  it('works out the dates from an issue or an expiry date, as the chat does', async () => {
    const fromIssue = await renewal(harness, { date: '2024-03-15', role: 'issue' });
    expect(fromIssue).toMatchObject({ ok: true, status: 'valid', facts: [], notes: [] });
    expect(fromIssue.ok && fromIssue.rows.map((row) => row.title)).toEqual(['Délivrance', "▶ Aujourd'hui", 'Avis ANS (FAQ ANS : 60 jours avant)', 'Début du renouvellement conseillé', 'Avis ANS (fiche : un mois avant)', 'Expiration']);
    expect(await renewal(harness, { date: '2027-01-10', role: 'issue' })).toEqual({ ok: false, message: expect.stringContaining('est dans le futur') });
  });

  it('reads a dropped certificate file with the chat’s reader (never kept), and refuses a private key', async () => {
    const { leaf } = await igcSanteChain();
    const read = await renewal(harness, { file: Buffer.from(leaf.pem).toString('base64') });
    expect(read).toMatchObject({ ok: true, status: 'valid' });
    expect(read.ok && read.facts.map((fact) => fact.title)).toEqual(['Sujet', 'Émetteur', 'Numéro de série', 'FINESS (indice)']);
    const key = await renewal(harness, { file: Buffer.from(makePrivateKeyPem()).toString('base64') });
    expect(key).toEqual({ ok: false, message: expect.stringContaining('Ce fichier contient une clé privée') });
  });

  it('refuses a file larger than a certificate can be, unread', async () => {
    const answer = await tabApi(harness, 'renewal', { file: 'A'.repeat(200_000) });
    expect(answer.status).toBe(400);
  });
});
