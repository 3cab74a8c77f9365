import ICAL from 'ical.js';
import { fileMessage, message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';
import { httpRequest } from '../harness/http-client';
import {
  igcSanteChain,
  jpegBytes,
  letsEncryptLike,
  makePkcs12,
  makePrivateKeyPem,
  pemBundle,
  textBytes,
} from '../fixtures/certificates';

/** Renewal dates through the real HTTP pipeline: typed dates, questions back, certificate files, calendar links. */
const NOW = new Date('2026-11-26T09:00:00Z');
let harness: BotHarness;
let clock: TestClock;

beforeAll(async () => {
  clock = new TestClock(NOW);
  harness = await BotHarness.start({ clock });
});

afterAll(async () => {
  await harness.stop();
});

beforeEach(() => clock.set(NOW));

const factsOf = (turn: Awaited<ReturnType<BotHarness['send']>>) =>
  Object.fromEntries(turn.cards.flatMap((card) => card.facts.map((fact) => [fact.title, fact.value])));
const textOf = (turn: Awaited<ReturnType<BotHarness['send']>>) =>
  [...turn.texts, ...turn.cards.flatMap((card) => card.texts)].join('\n');

describe('from a typed date', () => {
  it('"délivré le 15/03/2024, quand renouveler ?" gets the whole timeline at once', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, 'Mon certificat a été délivré le 15/03/2024, quand dois-je le renouveler ?'));
    expect(factsOf(turn)).toEqual({
      Délivrance: '15 mars 2024',
      "▶ Aujourd'hui": '26 novembre 2026',
      'Avis ANS (FAQ ANS : 60 jours avant)': '14 janvier 2027',
      'Début du renouvellement conseillé': '15 janvier 2027',
      'Avis ANS (fiche : un mois avant)': '15 février 2027',
      Expiration: '15 mars 2027',
    });
    expect(textOf(turn)).toContain('✅ Valide : expire le 15 mars 2027, dans 109 jours.');
  });

  it('an English question with an ISO date is answered in English', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, 'when does a certificate issued on 2025-01-15 expire?'));
    expect(factsOf(turn).Expiry).toBe('15 January 2028');
  });

  it('a bare date is asked back: issue or expiry? then a click answers', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const asked = await harness.send(message(chat, 'calcule mes dates'));
    expect(asked.texts[0]).toContain('Donnez-moi la date de délivrance ou la date d\'expiration');
    const role = await harness.send(message(chat, '12/09/2024'));
    expect(role.cards[0]?.texts[0]).toBe("Le 12 septembre 2024, est-ce la date de délivrance ou la date d'expiration ?");
    const expiry = role.cards[0]?.buttons.find((b) => b.title === "Date d'expiration");
    const answered = await harness.send(submitAction(chat, expiry?.data));
    expect(textOf(answered)).toContain('⛔ Expiré depuis 805 jours (le 12 septembre 2024).');
    expect(textOf(answered)).toContain('il faut commander un nouveau certificat');
  });

  it('two dates in one message: the bot asks which, and "2" picks the second', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const asked = await harness.send(message(chat, 'délivré le 15/03/2024, ou peut-être le 20/03/2024, quand renouveler ?'));
    expect(asked.cards[0]?.buttons.map((b) => b.title)).toEqual(['15 mars 2024', '20 mars 2024']);
    const picked = await harness.send(message(chat, '2'));
    expect(factsOf(picked).Expiration).toBe('20 mars 2027');
  });

  it('an English date that reads two ways is asked back', async () => {
    const chat = harness.personalChat({ locale: 'en-US' });
    await harness.send(message(chat, 'switch to English'));
    const asked = await harness.send(message(chat, 'my certificate was issued on 03/04/2024, when should I renew?'));
    expect(asked.cards[0]?.buttons.map((b) => b.title)).toEqual(['3 April 2024', '4 March 2024']);
  });

  it.each([
    ['il expire le 31/02/2027', '« 31/02/2027 » n\'est pas une date qui existe.'],
    ['délivré le 00/13/2024', '« 00/13/2024 » n\'est pas une date qui existe.'],
    ['délivré le 15/03/1999', 'est antérieur à 2000'],
  ])('%s → %s', async (text, expected) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, text));
    expect(textOf(turn)).toContain(expected);
    expect(turn.cards.some((card) => card.facts.length > 0)).toBe(false);
  });

  it('an issue date in the future is refused and offered as the expiry date instead', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, 'certificat délivré le 15/03/2027'));
    expect(turn.texts[0]).toBe("Le 15 mars 2027 est dans le futur : ce ne peut pas être une date de délivrance. Est-ce plutôt la date d'expiration ?");
    const expiry = turn.cards[0]?.buttons.find((b) => b.title === "Date d'expiration");
    const answered = await harness.send(submitAction(chat, expiry?.data));
    expect(factsOf(answered).Expiration).toBe('15 mars 2027');
  });

  it('a forged date pick (a date the bot never offered) computes nothing', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(chat, 'délivré le 15/03/2024 ou le 20/03/2024 ?'));
    const forged = await harness.send(submitAction(chat, { verb: 'dates.pick', date: '2020-01-01' }));
    expect(forged.cards.some((card) => card.facts.length > 0)).toBe(false);
  });
});

describe('the calendar link', () => {
  it('serves an RFC 5545 file with the expiry and its alarms, then expires', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(message(chat, 'délivré le 15/03/2024, quand renouveler ?'));
    const url = turn.cards[0]?.buttons.find((b) => b.title === 'Ajouter à mon calendrier')?.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const response = await httpRequest(url ?? '', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const event = new ICAL.Component(ICAL.parse(response.body)).getFirstSubcomponent('vevent');
    expect((event?.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2027-03-15');
    expect(event?.getAllSubcomponents('valarm')).toHaveLength(3);

    clock.set(new Date(NOW.getTime() + 73 * 60 * 60 * 1000));
    expect((await httpRequest(url ?? '', {})).status).toBe(404);
  });

  it('an unknown or malformed link is a plain 404', async () => {
    const unknown = await harness.get(`/calendar/${'A'.repeat(43)}.ics`);
    expect([unknown.status, unknown.body]).toEqual([404, '{"error":"Not found"}']);
    expect((await harness.get('/calendar/../../etc/passwd')).status).toBe(404);
  });
});

describe('from the certificate file', () => {
  it('an IGC Santé certificate (PEM) gives its dates, subject, issuer, serial and FINESS hint, and is not stored', async () => {
    const { leaf } = await igcSanteChain();
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const url = harness.connector.hostFile('insi.cer', textBytes(leaf.pem));
    const turn = await harness.send(fileMessage(chat, { name: 'insi.cer', downloadUrl: url }));
    const facts = factsOf(turn);
    expect(facts.Expiration).toBe('12 septembre 2027');
    expect(facts.Délivrance).toBe('12 septembre 2024');
    expect(facts.Émetteur).toContain('AC IGC-SANTE ELEMENTAIRE ORGANISATIONS');
    expect(facts['FINESS (indice)']).toBe('010780914');
    expect(textOf(turn)).not.toContain("n'a pas été émis par l'IGC Santé");
    const tables = await harness.app.store.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const { name } of tables) {
      const rows = await harness.app.store.db.query<Record<string, unknown>>(`SELECT * FROM ${name}`);
      expect(JSON.stringify(rows)).not.toContain(leaf.pem.slice(30, 90));
    }
  });

  it('a DER certificate not issued by IGC Santé is read and flagged', async () => {
    const other = await letsEncryptLike();
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const url = harness.connector.hostFile('site.der', other.der);
    const turn = await harness.send(fileMessage(chat, { name: 'site.der', downloadUrl: url }));
    expect(textOf(turn)).toContain("⚠️ Ce certificat n'a pas été émis par l'IGC Santé");
  });

  it('a PEM with two certificates uses the leaf and says so', async () => {
    const { ca, leaf } = await igcSanteChain();
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const url = harness.connector.hostFile('chain.pem', textBytes(pemBundle([ca.pem, leaf.pem])));
    const turn = await harness.send(fileMessage(chat, { name: 'chain.pem', downloadUrl: url }));
    expect(factsOf(turn).Sujet).toContain('INSI-AUTO');
    expect(textOf(turn)).toContain('Le fichier contenait 2 certificats');
  });

  it.each([
    ['photo.cer', () => jpegBytes(), "Ce fichier est une image, pas un certificat"],
    ['key.pem', () => textBytes(makePrivateKeyPem()), '⚠️ Ce fichier contient une clé privée.'],
    ['cert.p12', () => makePkcs12(), '⚠️ Ce fichier est un conteneur PKCS#12'],
    ['empty.cer', () => new Uint8Array(0), 'Ce fichier est vide.'],
    ['big.cer', () => new Uint8Array(200 * 1024), 'Ce fichier est trop gros pour être un certificat'],
  ])('%s is refused with a clear message', async (name, bytes, expected) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const url = harness.connector.hostFile(name, bytes());
    const turn = await harness.send(fileMessage(chat, { name, downloadUrl: url }));
    expect(turn.texts.join('\n')).toContain(expected);
    expect(turn.cards).toEqual([]);
  });

  it('in local mode a file is fetched only from the activity\'s own service host', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const before = harness.connector.fileDownloads;
    const turn = await harness.send(fileMessage(chat, { name: 'x.cer', downloadUrl: 'http://127.0.0.2:9/x.cer' }));
    expect(turn.texts).toEqual(['Je ne récupère pas de fichier à cette adresse. Envoyez le fichier directement dans notre conversation privée.']);
    expect(harness.connector.fileDownloads).toBe(before);
  });

  it('a file posted in a channel is not read: the bot asks for the personal chat', async () => {
    const { leaf } = await igcSanteChain();
    const channel = harness.teamChannel({ locale: 'fr-FR' });
    const url = harness.connector.hostFile('insi.cer', textBytes(leaf.pem));
    const before = harness.connector.fileDownloads;
    // Teams hands a channel post to the bot only when it @mentions it, files included.
    const turn = await harness.send(fileMessage(channel, { name: 'insi.cer', downloadUrl: url }, '', { mention: true }));
    expect(turn.texts).toEqual(["Envoyez-moi le fichier du certificat dans notre conversation privée, pas ici : un fichier posté dans un canal est visible de tous."]);
    expect(harness.connector.fileDownloads).toBe(before);
  });
});
