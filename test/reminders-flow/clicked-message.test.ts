import { click, executeAction, installationUpdate, message, newUserId } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { adaptiveCardsOf, readCard, type CardSummary } from '../harness/card-text';
import { D90, nimesCertificate, REGISTERED, reminderBotPerTest, targetOf } from './flow-fixtures';

/**
 * An invoke's answer changes the card on the clicker's screen only. What a click changes must reach everyone: the
 * clicked message itself is updated (PUT on the invoke's replyToId) as well as the reminder's copies, and in a channel
 * the owners' clients fetch their own view (refresh), which alone offers « Arrêter les rappels ». These tests read
 * the messages as the channel sees them (the connector's `shown`), not only the invoke's answer.
 */
let harness: BotHarness;
let clock: TestClock;
reminderBotPerTest(REGISTERED, (bot) => ({ harness, clock } = bot));

interface Posted {
  readonly id: string;
  readonly card: CardSummary;
}

/** Camille's certificate, reminded in her chat and in a team channel; the 90-day reminder is posted in both. */
async function reminded() {
  const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: camille.user.id, userName: 'Camille Martin' });
  await harness.send(message(camille, 'bonjour'));
  await harness.send(installationUpdate(channel, 'add'));
  const certificate = nimesCertificate(camille.user.id, REGISTERED);
  await harness.app.store.reminders.create(certificate, [targetOf(camille), targetOf(channel)], REGISTERED);
  clock.set(D90);
  await harness.app.tickReminders();
  const postedTo = (conversationId: string): Posted => {
    const call = harness.connector.calls.find((c) => c.kind === 'send' && c.conversationId === conversationId && c.status === 200);
    if (!call?.answeredId) throw new Error(`no reminder posted to ${conversationId}`);
    return { id: call.answeredId, card: readCard(adaptiveCardsOf(call.body)[0]) };
  };
  const inChannel = postedTo(channel.conversationId);
  const inCamille = postedTo(camille.conversationId);
  harness.connector.reset();
  // A click on the channel's post comes from its thread, and names the post.
  const onPost = { threadId: inChannel.id, replyToId: inChannel.id };
  return { camille, channel, certificate, inChannel, inCamille, onPost };
}

/** The message as everyone sees it, once it has been updated `times` times since the last reset. */
async function shownAfter(id: string, times: number): Promise<{ card: CardSummary; refreshFor: unknown }> {
  await harness.connector.waitForCalls(times, (call) => call.kind === 'update' && call.activityId === id && call.status === 200);
  const content = adaptiveCardsOf(harness.connector.shown(id)?.activity)[0];
  return { card: readCard(content), refreshFor: (content?.refresh as { userIds?: unknown } | undefined)?.userIds };
}

const titles = (card: CardSummary) => card.buttons.map((button) => button.title);
const answerOf = (turn: { json: unknown }) => readCard((turn.json as { value: unknown }).value);

describe('a click changes the clicked message for everyone, not only the clicker\'s screen', () => {
  it('acknowledged in the channel by a member: the post itself says so and loses « Pris en compte »; Camille\'s copy too', async () => {
    const { camille, channel, inChannel, inCamille, onPost } = await reminded();
    const alex = { id: newUserId(), name: 'Alex Moreau' };
    expect(inChannel.card.texts).not.toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');

    await harness.send(click(channel, inChannel.card.buttons.find((b) => b.title === 'Pris en compte') ?? { type: 'none', data: {} }, {}, { from: alex, ...onPost }));

    const post = await shownAfter(inChannel.id, 1);
    expect(post.card.texts).toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');
    expect(titles(post.card)).toEqual(['Rappeler demain', 'Rappeler dans 1 semaine', "C'est renouvelé", 'Ouvrir dans Mes certificats']);
    // Camille (the owner) and Alex (who acknowledged) get views of their own.
    expect(post.refreshFor).toEqual([camille.user.id, alex.id]);
    const copy = await shownAfter(inCamille.id, 1);
    expect(copy.card.texts).toContain('✔ Pris en compte par Alex Moreau le 15 décembre 2026.');
    expect(titles(copy.card)).toContain('Arrêter les rappels');
  });

  it('snoozed in the channel: the post says until when and by whom; the copies elsewhere are left as they are', async () => {
    const { channel, inChannel, inCamille, onPost } = await reminded();
    const alex = { id: newUserId(), name: 'Alex Moreau' };

    await harness.send(click(channel, inChannel.card.buttons.find((b) => b.title === 'Rappeler dans 1 semaine') ?? { type: 'none', data: {} }, {}, { from: alex, ...onPost }));

    const post = await shownAfter(inChannel.id, 1);
    expect(post.card.texts).toContain('⏸ Reporté au 22 décembre 2026 par Alex Moreau.');
    expect(harness.connector.shown(inCamille.id)?.updates).toBe(0);
  });

  it('stopped by the owner from her own view of the post: the post and her copy say so, with no button and no view of one\'s own left', async () => {
    const { camille, channel, inChannel, inCamille, onPost } = await reminded();
    const owner = { id: camille.user.id, name: 'Camille Martin' };
    const ownView = answerOf(await harness.send(executeAction(channel, { verb: 'reminder.view', data: { verb: 'reminder.view', delivery: (inChannel.card.buttons[0]?.data as { delivery: string }).delivery } }, { from: owner, ...onPost })));

    const stopped = await harness.send(click(channel, ownView.buttons.find((b) => b.title === 'Arrêter les rappels') ?? { type: 'none', data: {} }, {}, { from: owner, ...onPost }));

    expect(answerOf(stopped).texts).toContain('Rappels arrêtés par Camille Martin.');
    const post = await shownAfter(inChannel.id, 1);
    expect(post.card.texts).toContain('Rappels arrêtés par Camille Martin.');
    expect(post.card.buttons).toEqual([]);
    expect(post.refreshFor).toBeUndefined();
    expect((await shownAfter(inCamille.id, 1)).card.texts).toContain('Rappels arrêtés par Camille Martin.');
  });

  it('the owner\'s own view shows what everyone sees, with « Arrêter » added', async () => {
    const { camille, channel, inChannel, onPost } = await reminded();
    await harness.send(click(channel, inChannel.card.buttons.find((b) => b.title === 'Rappeler demain') ?? { type: 'none', data: {} }, {}, { from: { id: newUserId(), name: 'Alex Moreau' }, ...onPost }));
    const post = await shownAfter(inChannel.id, 1);
    const delivery = (inChannel.card.buttons[0]?.data as { delivery: string }).delivery;

    const ownView = answerOf(await harness.send(executeAction(channel, { verb: 'reminder.view', data: { verb: 'reminder.view', delivery } }, { from: camille.user, ...onPost })));
    const someoneElse = answerOf(await harness.send(executeAction(channel, { verb: 'reminder.view', data: { verb: 'reminder.view', delivery } }, { from: { id: newUserId(), name: 'Sam' }, ...onPost })));

    // The same card, but for its last line: how to stop the reminders, said to an owner or to everyone.
    expect(ownView.texts.slice(0, -1)).toEqual(post.card.texts.slice(0, -1));
    expect(ownView.texts).toContain('⏸ Reporté au 16 décembre 2026 par Alex Moreau.');
    expect(post.card.texts.at(-1)).toBe("Les responsables du certificat peuvent arrêter ces rappels : le bouton « Arrêter les rappels » s'affiche pour eux.");
    expect(ownView.texts.at(-1)).toBe('Pour ne plus recevoir ces rappels : « Arrêter les rappels », ou dites « mes certificats ».');
    // The same buttons plus « Arrêter », the link to the tab staying last.
    const tab = 'Ouvrir dans Mes certificats';
    expect(titles(ownView)).toEqual([...titles(post.card).filter((t) => t !== tab), 'Arrêter les rappels', tab]);
    expect(titles(someoneElse)).toEqual(titles(post.card));
  });

  it('renewed from the channel with the date input: the post and every copy say renewed; the question itself was the clicker\'s alone', async () => {
    const { channel, certificate, inChannel, inCamille, onPost } = await reminded();
    const alex = { id: newUserId(), name: 'Alex Moreau' };
    const asked = await harness.send(click(channel, inChannel.card.buttons.find((b) => b.title === "C'est renouvelé") ?? { type: 'none', data: {} }, {}, { from: alex, ...onPost }));
    const question = answerOf(asked);
    expect(question.inputs).toEqual([expect.objectContaining({ type: 'Input.Date', id: 'expiry' })]);
    expect(asked.replies).toEqual([]);
    expect(harness.connector.shown(inChannel.id)?.updates).toBe(0);
    const save = question.buttons.find((b) => b.title === 'Enregistrer la date') ?? { type: 'none', data: {} };

    const tooEarly = await harness.send(click(channel, save, { expiry: '2027-01-10' }, { from: alex, ...onPost }));
    expect((tooEarly.json as { value: { message: string } }).value.message).toBe(
      "Le 10 janvier 2027 ne peut pas être la nouvelle expiration : elle doit être après aujourd'hui et après l'ancienne. Vérifiez la date et renvoyez-la.",
    );
    const saved = await harness.send(click(channel, save, { expiry: '2030-03-15' }, { from: alex, ...onPost }));

    const renewedText = '✅ Renouvelé (signalé par Alex Moreau) : nouvelle expiration le 15 mars 2030, rappels reprogrammés.';
    expect(answerOf(saved).texts).toContain(renewedText);
    expect(saved.replies).toEqual([]);
    expect((await harness.app.store.reminders.get(certificate.id))?.certificate.expiryDate).toBe('2030-03-15');
    const post = await shownAfter(inChannel.id, 1);
    expect(post.card.texts).toContain(renewedText);
    expect(post.card.buttons).toEqual([]);
    expect((await shownAfter(inCamille.id, 1)).card.texts).toContain(renewedText);
  });

  it('in a personal chat too, the clicked message is updated, not only the clicker\'s screen of the moment', async () => {
    const { camille, inCamille } = await reminded();

    await harness.send(click(camille, inCamille.card.buttons.find((b) => b.title === 'Pris en compte') ?? { type: 'none', data: {} }, {}, { replyToId: inCamille.id }));

    const copy = await shownAfter(inCamille.id, 1);
    expect(copy.card.texts).toContain('✔ Pris en compte par Camille Martin le 15 décembre 2026.');
    expect(copy.refreshFor).toBeUndefined();
  });
});
