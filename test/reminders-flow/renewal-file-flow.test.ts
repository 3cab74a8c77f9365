import { executeAction, fileMessage, installationUpdate, message, type TeamsChat } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { readCard } from '../harness/card-text';
import { IGC_SANTE_CA_CN, IGC_SANTE_LEAF_OU, makeCertificate, makePrivateKeyPem, textBytes, type GeneratedCertificate } from '../fixtures/certificates';
import { nimesCertificate, startReminderBot, targetOf } from './flow-fixtures';

/**
 * "C'est renouvelé" on a reminder, answered with the new certificate's file in the personal chat: the file's expiry
 * becomes the certificate's (reminders re-planned) once it is shown to be the renewed certificate; anything else
 * changes nothing and leaves the question open. Through the real pipeline, with real X.509 files.
 */
const REGISTERED = new Date('2026-11-26T09:00:00Z');
const REMINDED = new Date('2026-12-15T08:00:00Z'); // the 90-day reminder: 15 December 2026, 09:00 in Paris
const OLD_EXPIRY = '2027-03-15';
const LABEL = 'MSSanté – site de Nîmes';
const ASK_FILE =
  "Bravo ! Envoyez-moi ici le fichier du nouveau certificat (.cer, .crt, .pem — jamais la clé privée), ou tapez sa date d'expiration (ou sa date de délivrance : j'ajoute 3 ans) pour « MSSanté – site de Nîmes ».";
const ASK_DATE = "Bravo ! Quelle est la nouvelle date d'expiration de « MSSanté – site de Nîmes » ?";
const RENEWED_TYPED = "C'est noté : « MSSanté – site de Nîmes » expire désormais le 15 mars 2030. Les anciens rappels sont arrêtés et les nouveaux programmés.";

let harness: BotHarness;
let clock: TestClock;

beforeEach(async () => ({ harness, clock } = await startReminderBot(REGISTERED)));
afterEach(async () => harness.stop());

/** A certificate registered for FINESS 010780914, reminded in the owner's personal chat and a team channel. */
async function setUp() {
  const personal = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id, userName: 'Camille Martin' });
  await harness.send(message(personal, 'bonjour'));
  await harness.send(installationUpdate(channel, 'add'));
  const certificate = nimesCertificate(personal.user.id, REGISTERED, { label: LABEL, expiryDate: OLD_EXPIRY });
  await harness.app.store.reminders.create(
    certificate,
    [targetOf(personal), targetOf(channel)],
    REGISTERED,
  );
  clock.set(REMINDED);
  await harness.app.tickReminders();
  return { personal, channel, certificate };
}

/** The data of the "C'est renouvelé" button of the reminder card delivered to `chat`. */
function renewedButtonOf(chat: TeamsChat): unknown {
  const sent = harness.connector.calls.filter((call) => call.kind === 'send' && call.conversationId === chat.conversationId && call.status === 200);
  const card = sent[0]?.body as { attachments?: Array<{ content: { actions: Array<{ title: string; data: unknown }> } }> } | undefined;
  const button = card?.attachments?.[0]?.content.actions.find((action) => action.title === "C'est renouvelé");
  if (!button) throw new Error(`no reminder card with "C'est renouvelé" was delivered to ${chat.conversationId}`);
  return button.data;
}

/** The renewed IGC Santé certificate of the same structure (FINESS 010780914 in its OU), unless told otherwise. */
function renewedCertificate(options: { notAfter: Date; OU?: string; issuerCN?: string; serialNumber?: string }): Promise<GeneratedCertificate> {
  const issuerCN = options.issuerCN ?? IGC_SANTE_CA_CN;
  return makeCertificate({
    issuerCN,
    issuerO: issuerCN === IGC_SANTE_CA_CN ? 'ASIP-SANTE' : 'OTHER CA',
    subject: { CN: 'INSI-AUTO', OU: options.OU ?? IGC_SANTE_LEAF_OU, O: 'CH EXEMPLE' },
    notBefore: new Date(Date.UTC(options.notAfter.getUTCFullYear() - 3, options.notAfter.getUTCMonth(), options.notAfter.getUTCDate(), 8, 30, 15)),
    notAfter: options.notAfter,
    serialNumber: options.serialNumber ?? '0b2c3d4e5f60',
  });
}

function sendFile(chat: TeamsChat, name: string, bytes: Uint8Array) {
  return harness.send(fileMessage(chat, { name, downloadUrl: harness.connector.hostFile(name, bytes) }));
}

async function expiryOf(certificateId: string): Promise<string | undefined> {
  return (await harness.app.store.reminders.get(certificateId))?.certificate.expiryDate;
}

/** Each delivery's cycle, threshold, target, status and skip reason, in a stable order. */
async function schedule(certificateId: string): Promise<string[]> {
  const deliveries = await harness.app.store.reminders.deliveryStatus(certificateId);
  return deliveries
    .map((d) => `${d.expiryDate} ${d.threshold} ${d.conversationId} ${d.status} ${d.status === 'skipped' ? (d.lastError ?? '') : ''}`)
    .sort();
}

describe('"C\'est renouvelé" answered with the new certificate file', () => {
  it('in the personal chat the question invites the file; in a channel only a date, with a date input', async () => {
    const { personal, channel } = await setUp();
    const inPersonal = await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    expect(inPersonal.texts).toEqual([ASK_FILE]);
    const inChannel = await harness.send(executeAction(channel, { verb: 'reminder.renewed', data: renewedButtonOf(channel) }));
    const question = readCard((inChannel.json as { value: unknown }).value);
    expect(question.title).toBe(ASK_DATE);
    expect(question.inputs.map((input) => input.type)).toEqual(['Input.Date']);
    expect(inChannel.replies).toEqual([]);
  });

  it('a renewed PEM file sets the new expiry, skips the old cycle as renewed, plans the new one and ends the question', async () => {
    const { personal, certificate } = await setUp();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    const file = await renewedCertificate({ notAfter: new Date('2029-12-10T08:30:14Z') });

    const turn = await sendFile(personal, 'insi-2029.pem', textBytes(file.pem));

    expect(turn.texts).toEqual([
      "C'est noté d'après le fichier (CN=INSI-AUTO, OU=1010780914, O=CH EXEMPLE, C=FR, n° de série 0B2C3D4E5F60) : « MSSanté – site de Nîmes » expire désormais le 10 décembre 2029. Les anciens rappels sont arrêtés et les nouveaux programmés.",
    ]);
    expect(turn.cards).toEqual([]); // no timeline: the file answered the question
    expect(await expiryOf(certificate.id)).toBe('2029-12-10');
    const deliveries = await harness.app.store.reminders.deliveryStatus(certificate.id);
    const old = deliveries.filter((d) => d.expiryDate === OLD_EXPIRY);
    expect(old.filter((d) => d.status === 'sent').map((d) => d.threshold)).toEqual(['d90', 'd90']);
    expect(old.filter((d) => d.status !== 'sent').every((d) => d.status === 'skipped' && d.lastError === 'renewed')).toBe(true);
    expect(old.filter((d) => d.status === 'skipped').length).toBeGreaterThan(0);
    const planned = deliveries.filter((d) => d.expiryDate === '2029-12-10');
    expect(planned.filter((d) => d.conversationId === personal.conversationId && d.status === 'pending').map((d) => d.threshold)).toEqual(
      expect.arrayContaining(['d90', 'd60', 'd30', 'd14', 'd7', 'd1', 'd0']),
    );

    // The question is closed: a date typed now is a new request, not another renewal.
    await harness.send(message(personal, '15/03/2031'));
    expect(await expiryOf(certificate.id)).toBe('2029-12-10');

    // Only the new expiry was kept from the file.
    const tables = await harness.app.store.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const { name } of tables) {
      const rows = JSON.stringify(await harness.app.store.db.query<Record<string, unknown>>(`SELECT * FROM ${name}`));
      for (const leaked of [file.pem.slice(30, 90), 'INSI-AUTO', 'CH EXEMPLE', '0B2C3D4E5F60']) expect([name, rows.includes(leaked)]).toEqual([name, false]);
    }
  });

  it.each([
    ['expires before the registered expiry', new Date('2027-01-10T08:30:14Z'), 'Ce certificat expire le 10 janvier 2027'],
    ['has already expired', new Date('2026-11-01T08:30:14Z'), 'Ce certificat expire le 1er novembre 2026'],
  ])('a file that %s is refused, nothing changes, and a typed date still answers', async (_case, notAfter, expected) => {
    const { personal, certificate } = await setUp();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    const before = await schedule(certificate.id);
    const file = await renewedCertificate({ notAfter });

    const turn = await sendFile(personal, 'old.cer', file.der);

    expect(turn.texts).toEqual([
      `${expected}, pas après l'ancien : ce n'est pas le certificat renouvelé. Rien n'a été modifié : envoyez le nouveau fichier, ou tapez la nouvelle date d'expiration.`,
    ]);
    expect(turn.cards).toEqual([]);
    expect(await expiryOf(certificate.id)).toBe(OLD_EXPIRY);
    expect(await schedule(certificate.id)).toEqual(before);

    const typed = await harness.send(message(personal, '15/03/2030'));
    expect(typed.texts).toEqual([RENEWED_TYPED]);
    expect(await expiryOf(certificate.id)).toBe('2030-03-15');
  });

  it("a file carrying another structure's FINESS is refused and nothing changes", async () => {
    const { personal, certificate } = await setUp();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    const before = await schedule(certificate.id);
    const file = await renewedCertificate({ notAfter: new Date('2029-12-10T08:30:14Z'), OU: '1750712184' });

    const turn = await sendFile(personal, 'autre.pem', textBytes(file.pem));

    expect(turn.texts).toEqual([
      "Ce certificat porte le FINESS 75 071 218 4, alors que « MSSanté – site de Nîmes » est enregistré pour le FINESS 01 078 091 4. Rien n'a été modifié : envoyez le bon fichier, ou tapez la nouvelle date d'expiration.",
    ]);
    expect(await expiryOf(certificate.id)).toBe(OLD_EXPIRY);
    expect(await schedule(certificate.id)).toEqual(before);

    // The question is still open: the right file now answers it.
    const right = await renewedCertificate({ notAfter: new Date('2029-12-10T08:30:14Z') });
    const answered = await sendFile(personal, 'insi.pem', textBytes(right.pem));
    expect(answered.texts[0]).toContain('expire désormais le 10 décembre 2029');
    expect(await expiryOf(certificate.id)).toBe('2029-12-10');
  });

  it('a private key gets the usual warning, nothing changes, and the question stays open', async () => {
    const { personal, certificate } = await setUp();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    const before = await schedule(certificate.id);

    const turn = await sendFile(personal, 'insi.key.pem', textBytes(makePrivateKeyPem()));

    expect(turn.texts.join('\n')).toContain('⚠️ Ce fichier contient une clé privée.');
    expect(turn.cards).toEqual([]);
    expect(await expiryOf(certificate.id)).toBe(OLD_EXPIRY);
    expect(await schedule(certificate.id)).toEqual(before);
    expect((await harness.send(message(personal, '15/03/2030'))).texts).toEqual([RENEWED_TYPED]);
  });

  it('a certificate not issued by IGC Santé is accepted, with a warning to check it', async () => {
    const { personal, certificate } = await setUp();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    const file = await renewedCertificate({ notAfter: new Date('2029-12-10T08:30:14Z'), issuerCN: 'Other Issuing CA' });

    const turn = await sendFile(personal, 'insi.cer', file.der);

    expect(turn.texts[0]).toContain('« MSSanté – site de Nîmes » expire désormais le 10 décembre 2029.');
    expect(turn.texts[1]).toBe(
      "⚠️ Ce certificat n'a pas été émis par l'IGC Santé (CN=Other Issuing CA, O=OTHER CA, C=FR) : vérifiez que c'est bien le nouveau certificat de « MSSanté – site de Nîmes ». Sinon, corrigez sa date d'expiration depuis « mes certificats ».",
    );
    expect(await expiryOf(certificate.id)).toBe('2029-12-10');
  });

  it('without the question pending (never asked, or asked over an hour ago) a file gets its timeline and renews nothing', async () => {
    const { personal, certificate } = await setUp();
    const file = await renewedCertificate({ notAfter: new Date('2029-12-10T08:30:14Z') });
    const factsOf = (turn: Awaited<ReturnType<typeof sendFile>>) =>
      Object.fromEntries(turn.cards.flatMap((card) => card.facts.map((fact) => [fact.title, fact.value])));

    const unasked = await sendFile(personal, 'insi.pem', textBytes(file.pem));
    expect(factsOf(unasked).Expiration).toBe('10 décembre 2029');
    expect(await expiryOf(certificate.id)).toBe(OLD_EXPIRY);

    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewedButtonOf(personal) }));
    clock.set(new Date(REMINDED.getTime() + 61 * 60 * 1000));
    const late = await sendFile(personal, 'insi.pem', textBytes(file.pem));
    expect(factsOf(late).Expiration).toBe('10 décembre 2029');
    expect(await expiryOf(certificate.id)).toBe(OLD_EXPIRY);
  });
});
