import { executeAction, installationUpdate, message, newUserId } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { readCard } from '../harness/card-text';
import { connectorFailures } from '../../toolkit/fake-connector';
import { nimesCertificate, startReminderBot, targetOf } from './flow-fixtures';

/**
 * Reminders through the real pipeline: a registered certificate is reminded at 09:00 Paris in the owner's personal
 * chat and in a team channel, and the reminder card's buttons act on it in place — for the right people only.
 * (Registering by chat comes next; here the certificate is put in the register directly.)
 */
const REGISTERED = new Date('2026-11-26T09:00:00Z');
let harness: BotHarness;
let clock: TestClock;

beforeEach(async () => ({ harness, clock } = await startReminderBot(REGISTERED)));
afterEach(async () => harness.stop());

async function setUp() {
  clock.set(REGISTERED);
  const personal = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id, userName: 'Camille Martin' });
  await harness.send(message(personal, 'bonjour'));
  await harness.send(installationUpdate(channel, 'add'));
  const certificate = nimesCertificate(personal.user.id, REGISTERED);
  await harness.app.store.reminders.create(
    certificate,
    [targetOf(personal), targetOf(channel)],
    REGISTERED,
  );
  return { personal, channel, certificate };
}

function cardsSentTo(conversationId: string) {
  return harness.connector.calls
    .filter((call) => call.kind === 'send' && call.conversationId === conversationId && call.status === 200)
    .map((call) => call.body as { attachments: Array<{ content: { body: Array<{ text?: string; items?: Array<{ text?: string }> }>; actions: Array<{ title: string; data: { verb: string; delivery: string } }> } }> });
}

describe('proactive reminders', () => {
  it('nothing goes before its time; the 90-day reminder goes at 09:00 Paris to the personal chat and the channel, once', async () => {
    const { personal, channel } = await setUp();
    harness.connector.reset();
    clock.set(new Date('2026-12-15T07:59:00Z'));
    await harness.app.tickReminders();
    expect(cardsSentTo(personal.conversationId)).toHaveLength(0);

    clock.set(new Date('2026-12-15T08:00:00Z')); // 15 December 2026, 09:00 in Paris (winter)
    const report = await harness.app.tickReminders();
    expect(report.sent).toBe(2);
    const [card] = cardsSentTo(personal.conversationId);
    const content = card?.attachments[0]?.content;
    expect(content?.body[0]?.text).toBe('⏰ Certificat : MSSanté – site de Nîmes');
    expect(content?.body[1]?.items?.[0]?.text).toBe('Expire le 15 mars 2027, dans 90 jours : prévoyez le renouvellement.');
    expect(content?.actions.map((a) => a.title)).toEqual(['Pris en compte', 'Rappeler demain', 'Rappeler dans 1 semaine', "C'est renouvelé", 'Arrêter les rappels', 'Ouvrir dans Mes certificats']);
    expect(cardsSentTo(channel.conversationId)).toHaveLength(1);

    await harness.app.tickReminders();
    expect(cardsSentTo(personal.conversationId)).toHaveLength(1);
  });

  it('acknowledge replaces the card in place, naming who and when; a stranger elsewhere cannot act', async () => {
    const { personal } = await setUp();
    harness.connector.reset();
    clock.set(new Date('2026-12-15T08:00:00Z'));
    await harness.app.tickReminders();
    const ack = cardsSentTo(personal.conversationId)[0]?.attachments[0]?.content.actions[0]?.data;

    const stranger = harness.personalChat({ locale: 'fr-FR', userId: newUserId() });
    const refused = await harness.send(executeAction(stranger, { verb: 'reminder.ack', data: ack }));
    // Told to the clicker alone, as the Universal Actions error; nothing is posted.
    expect(refused.json).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: "Vous ne pouvez pas agir sur ce rappel : il concerne un certificat dont vous n'êtes pas responsable. Rien n'a été modifié." },
    });
    expect(refused.replies).toEqual([]);

    const response = await harness.send(executeAction(personal, { verb: 'reminder.ack', data: ack }));
    const card = (response.json as { value: { body: Array<{ text?: string }> } }).value;
    expect(card.body.map((b) => b.text)).toContain('✔ Pris en compte par Camille Martin le 15 décembre 2026.');
    const delivery = await harness.app.store.reminders.getDelivery(String(ack?.delivery));
    expect(delivery?.acknowledgedBy).toBe(personal.user.id);
  });

  it('in a channel « Arrêter » is the owners\' alone: the posted card lacks it, their own view has it; a member may snooze but not stop', async () => {
    const { personal, channel } = await setUp();
    harness.connector.reset();
    clock.set(new Date('2026-12-15T08:00:00Z'));
    await harness.app.tickReminders();
    const posted = cardsSentTo(channel.conversationId)[0]?.attachments[0]?.content as unknown as {
      actions: Array<{ title: string; data: { verb: string } }>;
      refresh?: { action: { verb: string; data: unknown }; userIds: string[] };
    };
    expect(posted.actions.map((a) => a.title)).toEqual(['Pris en compte', 'Rappeler demain', 'Rappeler dans 1 semaine', "C'est renouvelé", 'Ouvrir dans Mes certificats']);
    // The owner's client asks for the owner's own view when it shows the card.
    expect(posted.refresh?.userIds).toEqual([personal.user.id]);
    const owner = { id: personal.user.id, name: 'Camille Martin' };
    const ownView = await harness.send(executeAction(channel, { verb: String(posted.refresh?.action.verb), data: posted.refresh?.action.data }, { from: owner }));
    const ownCard = readCard((ownView.json as { value: unknown }).value);
    expect(ownCard.buttons.map((b) => b.title)).toContain('Arrêter les rappels');
    expect(ownView.calls).toEqual([]);

    const colleague = { id: newUserId(), name: 'Dominique Bernard' };
    const stopData = ownCard.buttons.find((b) => b.title === 'Arrêter les rappels')?.data;
    const stop = await harness.send(executeAction(channel, { verb: 'reminder.stop', data: stopData }, { from: colleague }));
    // The refusal goes to the colleague alone, never into the channel.
    expect((stop.json as { value: { message: string } }).value.message).toContain('Vous ne pouvez pas agir sur ce rappel');
    expect(stop.calls).toEqual([]);
    const snooze = await harness.send(executeAction(channel, { verb: 'reminder.snooze', data: posted.actions[2]?.data }, { from: colleague }));
    const card = (snooze.json as { value: { body: Array<{ text?: string }> } }).value;
    expect(card.body.map((b) => b.text)).toContain('⏸ Reporté au 22 décembre 2026 par Dominique Bernard.');
  });

  it('"it\'s renewed" asks the new expiry date and re-plans: the old schedule stops', async () => {
    const { personal, certificate } = await setUp();
    harness.connector.reset();
    clock.set(new Date('2026-12-15T08:00:00Z'));
    await harness.app.tickReminders();
    const renewed = cardsSentTo(personal.conversationId)[0]?.attachments[0]?.content.actions[3]?.data;
    const asked = await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: renewed }));
    expect(asked.texts[0]).toContain('Envoyez-moi ici le fichier du nouveau certificat');
    const done = await harness.send(message(personal, '15/03/2030'));
    expect(done.texts[0]).toBe("C'est noté : « MSSanté – site de Nîmes » expire désormais le 15 mars 2030. Les anciens rappels sont arrêtés et les nouveaux programmés.");
    expect((await harness.app.store.reminders.get(certificate.id))?.certificate.expiryDate).toBe('2030-03-15');

    clock.set(new Date('2027-01-14T08:00:00Z')); // the old 60-day reminder's time
    harness.connector.reset();
    await harness.app.tickReminders();
    expect(cardsSentTo(personal.conversationId)).toHaveLength(0);
  });

  it('a 403 marks the conversation unreachable; speaking again resumes with the latest reminder only', async () => {
    const { personal, channel } = await setUp();
    harness.connector.reset();
    harness.connector.respondWith((call) => (call.kind === 'send' && call.conversationId === personal.conversationId ? connectorFailures.blockedByUser() : undefined));
    clock.set(new Date('2026-12-15T08:00:00Z'));
    await harness.app.tickReminders();
    expect((await harness.app.store.conversations.get(personal.conversationId))?.unreachableReason).toBe('ConversationBlockedByUser');
    expect(cardsSentTo(channel.conversationId)).toHaveLength(1);

    harness.connector.respondWith(undefined);
    clock.set(new Date('2027-02-13T08:00:00Z')); // past the 60- and 30-day reminders
    await harness.send(message(personal, 'bonjour'));
    harness.connector.reset();
    await harness.app.tickReminders();
    const sent = cardsSentTo(personal.conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.attachments[0]?.content.body[1]?.items?.[0]?.text).toBe('Expire dans 30 jours (le 15 mars 2027) : renouvelez maintenant.');
  });
});
