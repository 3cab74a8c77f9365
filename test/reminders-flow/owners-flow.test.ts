import { randomUUID } from 'node:crypto';
import { executeAction, installationUpdate, message, newUserId, submitAction } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { adaptiveCardsOf, readCard, type CardSummary } from '../harness/card-text';
import { connectorFailures, type ConnectorCall } from '../../toolkit/fake-connector';
import { nimesCertificate, startReminderBot, targetOf } from './flow-fixtures';

/**
 * What the owners of a certificate see beyond the reminder itself, through the real pipeline: they are told when a
 * target can no longer be reached (blocked, bot removed), every copy of a reminder shows who acknowledged or stopped
 * it, and "Historique" shows what became of each reminder.
 */
const REGISTERED = new Date('2026-11-26T09:00:00Z');
const D90 = new Date('2026-12-15T08:00:00Z'); // 15 December 2026, 09:00 in Paris: the 90-day reminder
let harness: BotHarness;
let clock: TestClock;

beforeEach(async () => ({ harness, clock } = await startReminderBot(REGISTERED)));
afterEach(async () => harness.stop());

/** Camille's certificate, reminded in her chat, in Dominique's chat (a second owner) and in a team channel. */
async function setUp(options: { secondOwner?: boolean } = {}) {
  const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const dominique = harness.personalChat({ locale: 'en-GB', userName: 'Dominique Bernard' });
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: camille.user.id, userName: 'Camille Martin' });
  await harness.send(message(camille, 'bonjour'));
  await harness.send(message(dominique, 'hello'));
  await harness.send(installationUpdate(channel, 'add'));
  const certificate = nimesCertificate(camille.user.id, REGISTERED);
  await harness.app.store.reminders.create(
    certificate,
    [targetOf(camille), ...(options.secondOwner === false ? [] : [targetOf(dominique)]), targetOf(channel)],
    REGISTERED,
  );
  harness.connector.reset();
  return { camille, dominique, channel, certificate };
}

function postedTo(conversationId: string): Array<{ call: ConnectorCall; card: CardSummary }> {
  return harness.connector.calls
    .filter((call) => call.kind === 'send' && call.conversationId === conversationId && call.status === 200)
    .flatMap((call) => adaptiveCardsOf(call.body).map((card) => ({ call, card: readCard(card) })));
}

const updatesOf = (conversationId: string) => (call: ConnectorCall) => call.kind === 'update' && call.conversationId === conversationId;

describe('owners are told when a target can no longer be reached', () => {
  it('a channel that blocks the bot: each owner gets one notice, in their language, listing the certificate; none twice', async () => {
    const { camille, dominique, channel, certificate } = await setUp();
    harness.connector.respondWith((call) => (call.kind === 'send' && call.conversationId === channel.conversationId ? connectorFailures.writesBlocked() : undefined));
    clock.set(D90);
    const first = await harness.app.tickReminders();
    expect(first).toMatchObject({ sent: 2, unreachable: 1 });
    expect((await harness.app.store.conversations.get(channel.conversationId))?.unreachableReason).toBe('MessageWritesBlocked');

    // The notices are due at once: the next tick (a minute later) posts them.
    clock.set(new Date(D90.getTime() + 60_000));
    expect(await harness.app.tickReminders()).toMatchObject({ sent: 2 });
    const [toCamille] = postedTo(camille.conversationId).map((p) => p.card).filter((c) => c.title === '⚠️ Rappels non remis');
    expect(toCamille?.texts).toEqual([
      '⚠️ Rappels non remis',
      "Je ne peux plus publier les rappels dans un canal Teams : certibot y a été bloqué, ou la stratégie de votre organisation l'y interdit.",
      'Certificats concernés :',
      '• MSSanté – site de Nîmes — expire le 15 mars 2027',
      "Les rappels y reprendront dès que quelqu'un m'y écrira (ou m'y ajoutera de nouveau). En attendant, vous les recevez toujours ici ; dites « mes certificats » pour changer les destinations.",
    ]);
    expect(toCamille?.buttons.map((b) => b.data)).toEqual([{ verb: 'register.history', certificate: certificate.id }]);
    const [toDominique] = postedTo(dominique.conversationId).map((p) => p.card).filter((c) => c.title === '⚠️ Reminders not delivered');
    expect(toDominique?.texts[1]).toBe("I can no longer post the reminders in a Teams channel: certibot was blocked there, or your organisation's policy forbids it.");

    // Nothing more to say: the later ticks send neither notices again nor the channel's reminders.
    harness.connector.reset();
    clock.set(new Date(D90.getTime() + 120_000));
    await harness.app.tickReminders();
    expect(harness.connector.calls.filter((call) => call.kind === 'send')).toHaveLength(0);

    // The channel speaks again: its next reminder goes there, and the owners are not told anything new.
    harness.connector.respondWith(undefined);
    await harness.send(message(channel, 'bonjour'));
    harness.connector.reset();
    clock.set(new Date('2027-01-14T08:00:00Z')); // the 60-day reminder
    await harness.app.tickReminders();
    expect(postedTo(channel.conversationId).map((p) => p.card.title)).toEqual(['⏰ Certificat : MSSanté – site de Nîmes']);
    expect(postedTo(camille.conversationId).map((p) => p.card.title)).toEqual(['⏰ Certificat : MSSanté – site de Nîmes']);
  });

  it('removing the bot from the channel tells the owners at once; adding it back welcomes the team and resumes', async () => {
    const { camille, channel } = await setUp({ secondOwner: false });
    await harness.send(installationUpdate(channel, 'remove'));
    expect((await harness.app.store.conversations.get(channel.conversationId))?.unreachableReason).toBe('BotRemoved');
    await harness.app.tickReminders();
    const notice = postedTo(camille.conversationId).map((p) => p.card).find((c) => c.title === '⚠️ Rappels non remis');
    expect(notice?.texts[1]).toBe('Je ne peux plus publier les rappels dans un canal Teams : certibot en a été retiré.');

    clock.set(D90);
    harness.connector.reset();
    await harness.app.tickReminders();
    expect(postedTo(channel.conversationId)).toHaveLength(0);
    expect(postedTo(camille.conversationId)).toHaveLength(1);

    const added = await harness.send(installationUpdate(channel, 'add'));
    expect(added.cards.map((c) => c.title)).toContain('Bonjour, je suis certibot');
    harness.connector.reset();
    await harness.app.tickReminders();
    expect(postedTo(channel.conversationId).map((p) => p.card.title)).toEqual(['⏰ Certificat : MSSanté – site de Nîmes']);
  });

  it('a conversation that never held reminders is forgotten when the bot is removed', async () => {
    await setUp();
    const other = harness.teamChannel({ locale: 'fr-FR' });
    await harness.send(installationUpdate(other, 'add'));
    await harness.send(installationUpdate(other, 'remove'));
    await expect(harness.app.store.conversations.get(other.conversationId)).resolves.toBeUndefined();
  });
});

describe('the copies of a reminder follow what was done with it', () => {
  it('acknowledged in the channel by a colleague: the owners\' copies say so, each in its language; a second click changes nothing', async () => {
    const { camille, dominique, channel } = await setUp();
    clock.set(D90);
    await harness.app.tickReminders();
    const inChannel = postedTo(channel.conversationId)[0];
    const ack = inChannel?.card.buttons.find((b) => b.title === 'Pris en compte')?.data;
    const colleague = { id: newUserId(), name: 'Alex Moreau' };
    const clicked = await harness.send(executeAction(channel, { verb: 'reminder.ack', data: ack }, { from: colleague }));
    expect(readCard((clicked.json as { value: unknown }).value).texts).toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');

    const updates = await harness.connector.waitForCalls(2, (call) => call.kind === 'update');
    const camilleCopy = updates.find(updatesOf(camille.conversationId));
    const sentToCamille = postedTo(camille.conversationId)[0];
    expect(camilleCopy?.activityId).toBe(sentToCamille?.call.answeredId);
    expect(readCard(adaptiveCardsOf(camilleCopy?.body)[0]).texts).toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');
    const dominiqueCopy = updates.find(updatesOf(dominique.conversationId));
    expect(readCard(adaptiveCardsOf(dominiqueCopy?.body)[0]).texts).toContain('✔ Acknowledged by Alex Moreau on 15 December 2026.');
    // The acknowledged copies lose their "acknowledge" button.
    expect(readCard(adaptiveCardsOf(dominiqueCopy?.body)[0]).buttons.map((b) => b.title)).not.toContain('Acknowledge');

    // Camille clicks her (stale) card: it shows who acknowledged, nothing is overwritten, no copy is touched again.
    harness.connector.reset();
    const camilleAck = sentToCamille?.card.buttons.find((b) => b.title === 'Pris en compte')?.data;
    const again = await harness.send(executeAction(camille, { verb: 'reminder.ack', data: camilleAck }));
    expect(readCard((again.json as { value: unknown }).value).texts).toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');
    const stored = await harness.app.store.reminders.getDelivery(String((camilleAck as { delivery: string }).delivery));
    expect(stored).toMatchObject({ acknowledgedBy: colleague.id, acknowledgedByName: 'Alex Moreau' });
    expect(harness.connector.calls.filter((call) => call.kind === 'update')).toHaveLength(0);
  });

  it('stopped by an owner: every copy says the reminders are stopped and loses its buttons', async () => {
    const { camille, channel } = await setUp();
    clock.set(D90);
    await harness.app.tickReminders();
    const stop = postedTo(camille.conversationId)[0]?.card.buttons.find((b) => b.title === 'Arrêter les rappels')?.data;
    await harness.send(executeAction(camille, { verb: 'reminder.stop', data: stop }));
    const [update] = await harness.connector.waitForCalls(1, updatesOf(channel.conversationId));
    const channelCopy = readCard(adaptiveCardsOf(update?.body)[0]);
    expect(channelCopy.texts).toContain('Rappels arrêtés par Camille Martin.');
    // Nothing left to act with: a card that is done shows the same to everyone, with no button.
    expect(channelCopy.buttons.map((b) => b.type)).toEqual([]);
  });

  it('renewed from the channel: only the member who clicked answers the question; then every card shows it', async () => {
    const { camille, channel } = await setUp({ secondOwner: false });
    clock.set(D90);
    await harness.app.tickReminders();
    const posted = postedTo(channel.conversationId)[0];
    const renewed = posted?.card.buttons.find((b) => b.title === "C'est renouvelé")?.data;
    const alex = { id: newUserId(), name: 'Alex Moreau' };
    // The card is a channel post: the click, the question and the answers are in its thread.
    const thread = { threadId: posted?.call.answeredId };
    const asked = await harness.send(executeAction(channel, { verb: 'reminder.renewed', data: renewed }, { from: alex, ...thread }));
    // The question is Alex's own view of the card; nothing is posted in the channel.
    expect(readCard((asked.json as { value: unknown }).value).title).toMatch(/^Bravo ! Quelle est la nouvelle date d'expiration/);
    expect(asked.replies).toEqual([]);
    harness.connector.reset();
    // Answers typed with a mention (Teams delivers no other): another member's message is not Alex's answer.
    await harness.send(message(channel, 'expire le 15/03/2030', { from: { id: newUserId(), name: 'Sam' }, ...thread }));
    expect((await harness.app.store.reminders.listForUser(camille.user.id, clock.now()))[0]?.certificate.expiryDate).toBe('2027-03-15');
    const done = await harness.send(message(channel, 'expire le 15/03/2030', { from: alex, ...thread }));
    expect(done.texts[0]).toContain('expire désormais le 15 mars 2030');
    const updates = await harness.connector.waitForCalls(2, (call) => call.kind === 'update');
    expect(readCard(adaptiveCardsOf(updates.find(updatesOf(camille.conversationId))?.body)[0]).texts).toContain(
      '✅ Renouvelé (signalé par Alex Moreau) : nouvelle expiration le 15 mars 2030, rappels reprogrammés.',
    );
  });

  it('renewed by the person who was asked: every posted card shows the new expiry, with no buttons left', async () => {
    const { camille, dominique, channel } = await setUp();
    clock.set(D90);
    await harness.app.tickReminders();
    const renewed = postedTo(camille.conversationId)[0]?.card.buttons.find((b) => b.title === "C'est renouvelé")?.data;
    await harness.send(executeAction(camille, { verb: 'reminder.renewed', data: renewed }));
    await harness.send(message(camille, '15/03/2030'));
    const updates = await harness.connector.waitForCalls(3, (call) => call.kind === 'update');
    const byConversation = (id: string) => readCard(adaptiveCardsOf(updates.find(updatesOf(id))?.body)[0]);
    expect(byConversation(channel.conversationId).texts).toContain('✅ Renouvelé (signalé par Camille Martin) : nouvelle expiration le 15 mars 2030, rappels reprogrammés.');
    expect(byConversation(channel.conversationId).facts).toContainEqual({ title: 'Expiration', value: '15 mars 2027' });
    expect(byConversation(dominique.conversationId).buttons.map((b) => b.type)).toEqual([]);
    expect(byConversation(camille.conversationId).buttons.map((b) => b.type)).toEqual([]);
  });

  it('a copy that cannot be updated (connector error) does not fail the click', async () => {
    const { camille, channel } = await setUp({ secondOwner: false });
    clock.set(D90);
    await harness.app.tickReminders();
    harness.connector.respondWith((call) => (call.kind === 'update' ? connectorFailures.unavailable() : undefined));
    const ack = postedTo(channel.conversationId)[0]?.card.buttons.find((b) => b.title === 'Pris en compte')?.data;
    const clicked = await harness.send(executeAction(channel, { verb: 'reminder.ack', data: ack }, { from: { id: newUserId(), name: 'Alex' } }));
    expect(clicked.status).toBe(200);
    await harness.connector.waitForCalls(1, updatesOf(camille.conversationId));
  });
});

describe('the reminder history', () => {
  it('"Historique" shows what is planned and what became of each reminder, for owners only', async () => {
    const { camille, channel, certificate } = await setUp({ secondOwner: false });
    harness.connector.respondWith((call) => (call.kind === 'send' && call.conversationId === channel.conversationId ? connectorFailures.blockedByUser() : undefined));
    clock.set(D90);
    await harness.app.tickReminders();
    const ack = postedTo(camille.conversationId)[0]?.card.buttons.find((b) => b.title === 'Pris en compte')?.data;
    clock.set(new Date('2026-12-16T10:00:00Z'));
    await harness.send(executeAction(camille, { verb: 'reminder.ack', data: ack }));

    const list = await harness.send(message(camille, 'mes certificats'));
    const history = list.cards[0]?.buttons.find((b) => b.title === 'Historique');
    expect(history?.data).toEqual({ verb: 'register.history', certificate: certificate.id });
    const shown = await harness.send(submitAction(camille, history?.data ?? {}));
    const card = shown.cards[0];
    expect(card?.title).toBe('Historique des rappels — MSSanté – site de Nîmes');
    expect(card?.texts).toEqual(
      expect.arrayContaining([
        'Expiration le 15 mars 2027 · 2 destinations',
        'À venir',
        '14 janvier 2027 · J-60 · votre conversation',
        'prévu',
        'Envoyés et passés',
        '15 décembre 2026 · J-90 · votre conversation',
        'envoyé le 15 décembre 2026, pris en compte par vous le 16 décembre 2026',
        '15 décembre 2026 · J-90 · canal',
        'non remis : certibot y a été bloqué, ou la stratégie de votre organisation l\'y interdit',
      ]),
    );

    const stranger = harness.personalChat({ locale: 'fr-FR', userId: newUserId() });
    const refused = await harness.send(submitAction(stranger, { verb: 'register.history', certificate: certificate.id }));
    expect(refused.texts).toEqual(["Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié."]);
    const forged = await harness.send(submitAction(camille, { verb: 'register.history', certificate: '../../etc' }));
    expect(forged.cards).toHaveLength(0);
  });
});

describe('destinations and co-owners', () => {
  const TENANT = '5f1c2f7e-1d7b-4e0b-9a3e-0c1d2e3f4a5b';

  async function twoColleagues() {
    const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin', tenantId: TENANT });
    const sacha = harness.personalChat({ locale: 'en-GB', userName: 'Sacha Petit', tenantId: TENANT, aadObjectId: '0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9' });
    await harness.send(message(camille, 'bonjour'));
    await harness.send(message(sacha, 'hello'));
    const form = await harness.send(message(camille, 'programmer un rappel'));
    expect(form.cards[0]?.inputs.map((i) => i.id)).toContain('label');
    await harness.send(submitAction(camille, { verb: 'register.submit', label: 'INSi – GHT Cévennes', expiry: '2027-03-15' }));
    const [summary] = await harness.app.store.reminders.listForUser(camille.user.id, clock.now());
    if (!summary) throw new Error('not registered');
    harness.connector.reset();
    return { camille, sacha, certificateId: summary.certificate.id };
  }

  it('an owner adds a colleague with the people picker: told in their language, reminded in their chat, and an owner too', async () => {
    const { camille, sacha, certificateId } = await twoColleagues();
    const settings = await harness.send(submitAction(camille, { verb: 'register.settings', certificate: certificateId }));
    const open = settings.cards[0]?.buttons.find((b) => b.title === 'Destinations et responsables');
    const destinations = await harness.send(submitAction(camille, open?.data ?? {}));
    const card = destinations.cards[0];
    expect(card?.texts).toContain('Votre conversation avec certibot (vous êtes responsable)');
    const picker = card?.inputs.find((i) => i.id === 'person');
    expect(picker).toBeDefined();
    const add = card?.buttons.find((b) => b.title === 'Ajouter')?.data as Record<string, unknown>;

    // The picker gives the colleague's Entra object id (Teams sends it in lower case).
    const added = await harness.send(submitAction(camille, { ...add, person: '0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9' }, { from: { id: camille.user.id, name: 'Camille Martin' } }));
    expect(added.texts).toEqual(["C'est fait : cette personne est désormais responsable de « INSi – GHT Cévennes ». Je la préviens et elle recevra les rappels dans sa conversation avec certibot."]);
    const [told] = await harness.connector.waitForCalls(1, (call) => call.kind === 'send' && call.conversationId === sacha.conversationId);
    expect((told?.body as { text?: string }).text).toBe('Camille Martin added you as an owner of the certificate "INSi – GHT Cévennes" (expires on 15 March 2027). You will get its reminders here; say "my certificates" to see or manage it.');

    // Sacha's chat is now a destination: the 90-day reminder goes there too, and Sacha may manage the certificate.
    clock.set(D90);
    await harness.app.tickReminders();
    expect(postedTo(sacha.conversationId).map((p) => p.card.title)).toContain('⏰ Certificate: INSi – GHT Cévennes');
    const list = await harness.send(message(sacha, 'my certificates'));
    expect(list.cards[0]?.texts).toContain('INSi – GHT Cévennes');
    const again = await harness.send(submitAction(camille, { ...add, person: '0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9' }));
    expect(again.texts).toEqual(['Cette personne reçoit déjà les rappels de « INSi – GHT Cévennes ».']);
  });

  it('refused and nothing changes: no one picked, a forged id, someone who never opened certibot, another tenant, a non-owner', async () => {
    const { camille, certificateId } = await twoColleagues();
    const add = { verb: 'register.owner.add', certificate: certificateId };
    const targets = async () => (await harness.app.store.reminders.get(certificateId))?.targets.length;
    expect(await targets()).toBe(1);
    expect((await harness.send(submitAction(camille, add))).texts[0]).toContain('Choisissez une personne dans la liste');
    expect((await harness.send(submitAction(camille, { ...add, person: "'; DROP TABLE conversations; --" }))).texts[0]).toContain('Choisissez une personne');
    expect((await harness.send(submitAction(camille, { ...add, person: randomUUID() }))).texts[0]).toContain("n'a pas encore ouvert certibot");
    const elsewhere = harness.personalChat({ locale: 'fr-FR', tenantId: randomUUID(), aadObjectId: 'f0e1d2c3-b4a5-4697-8887-766554433221' });
    await harness.send(message(elsewhere, 'bonjour'));
    expect((await harness.send(submitAction(camille, { ...add, person: 'f0e1d2c3-b4a5-4697-8887-766554433221' }))).texts[0]).toContain("n'a pas encore ouvert certibot");
    const stranger = harness.personalChat({ locale: 'fr-FR', tenantId: TENANT });
    expect((await harness.send(submitAction(stranger, { ...add, person: '0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9' }))).texts).toEqual([
      "Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié.",
    ]);
    expect(await targets()).toBe(1);
    expect(harness.connector.calls.filter((call) => call.kind === 'send' && call.conversationId !== camille.conversationId && call.conversationId !== elsewhere.conversationId && call.conversationId !== stranger.conversationId)).toHaveLength(0);
  });

  it('removing a destination stops its reminders; the last one cannot be removed', async () => {
    const { camille, sacha, certificateId } = await twoColleagues();
    await harness.send(submitAction(camille, { verb: 'register.owner.add', certificate: certificateId, person: '0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9' }));
    const card = (await harness.send(submitAction(camille, { verb: 'register.targets', certificate: certificateId }))).cards[0];
    expect(card?.texts).toContain("La conversation personnelle d'un autre responsable");
    const removeSacha = card?.buttons.find((b) => b.title === 'Retirer' && (b.data as { conversation?: string }).conversation === sacha.conversationId);
    expect((await harness.send(submitAction(camille, removeSacha?.data ?? {}))).texts).toEqual([
      "C'est fait : les rappels de « INSi – GHT Cévennes » ne seront plus envoyés à cette destination.",
    ]);
    clock.set(D90);
    await harness.app.tickReminders();
    expect(postedTo(sacha.conversationId).filter((p) => p.card.title?.startsWith('⏰'))).toHaveLength(0);

    const last = (await harness.send(submitAction(camille, { verb: 'register.targets', certificate: certificateId }))).cards[0];
    expect(last?.buttons.map((b) => b.title)).not.toContain('Retirer');
    const forced = await harness.send(submitAction(camille, { verb: 'register.target.remove', certificate: certificateId, conversation: camille.conversationId }));
    expect(forced.texts[0]).toContain("C'est la seule destination");
    expect((await harness.app.store.reminders.get(certificateId))?.targets).toHaveLength(1);
  });
});
