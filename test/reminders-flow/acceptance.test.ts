import { executeAction, installationUpdate, message, newUserId, submitAction } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { startReminderBot } from './flow-fixtures';
import { adaptiveCardsOf, readCard, type CardSummary } from '../harness/card-text';
import type { ConnectorCall } from '../../toolkit/fake-connector';

/**
 * The reminders issue's acceptance, end to end through the HTTP pipeline with the documented demo setting: a
 * certificate registered by chat today is reminded months later — seen today by restarting with CLOCK_OFFSET_DAYS —
 * in the personal chat and in a channel, then acknowledged, snoozed and marked renewed through card invokes.
 */
const TODAY = new Date('2026-11-26T09:00:00Z');
let harness: BotHarness;
let clock: TestClock;

beforeEach(async () => ({ harness, clock } = await startReminderBot(TODAY)));
afterEach(async () => harness.stop());

const sent = (conversationId: string) => (call: ConnectorCall) => call.kind === 'send' && call.conversationId === conversationId && call.status === 200;
const cardOf = (call: ConnectorCall | undefined): CardSummary => readCard(adaptiveCardsOf(call?.body)[0]);

test('registered by chat today, reminded 50 days later (CLOCK_OFFSET_DAYS) in the personal chat and the channel; acknowledged, snoozed, renewed', async () => {
  // Today: Camille registers her certificate by chat and adds her team's channel.
  const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const form = await harness.send(message(camille, "rappelle-moi avant l'expiration de mon certificat"));
  const submit = form.cards[0]?.buttons.find((b) => b.title === 'Enregistrer')?.data as Record<string, unknown>;
  const done = await harness.send(submitAction(camille, { ...submit, label: 'MSSanté – site de Nîmes', expiry: '2027-03-15', finess: '010780914', usage: 'MSSante' }));
  expect(done.texts[0]).toBe(
    "C'est enregistré : « MSSanté – site de Nîmes » expire le 15 mars 2027. Prochain rappel : 15 décembre 2026. Dites « mes certificats » pour les voir, « rappels ici » dans un canal pour prévenir aussi une équipe.",
  );
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: camille.user.id, userName: 'Camille Martin' });
  await harness.send(installationUpdate(channel, 'add'));
  const here = await harness.send(message(channel, 'rappels ici'));
  await harness.send(submitAction(channel, here.cards[0]?.buttons.find((b) => b.title === 'Rappels ici aussi')?.data));
  harness.connector.reset();
  await harness.app.tickReminders();
  expect(harness.connector.calls.filter((call) => call.kind === 'send')).toHaveLength(0);

  // The demo: the same data, restarted 50 days ahead (15 January 2027, 10:00 in Paris). The first tick catches up the
  // 90- and 60-day reminders that came due meanwhile: only the latest goes, once, to each destination.
  await harness.restart({ CLOCK_OFFSET_DAYS: '50' });
  const [toCamille] = await harness.connector.waitForCalls(1, sent(camille.conversationId));
  const [toChannel] = await harness.connector.waitForCalls(1, sent(channel.conversationId));
  await harness.app.tickReminders();
  expect(harness.connector.calls.filter((call) => call.kind === 'send' && call.status === 200)).toHaveLength(2);
  for (const card of [cardOf(toCamille), cardOf(toChannel)]) {
    expect(card.title).toBe('⏰ Certificat : MSSanté – site de Nîmes');
    expect(card.texts).toContain('Expire le 15 mars 2027, dans 59 jours : prévoyez le renouvellement.');
  }

  // A colleague acknowledges in the channel: Camille's copy says so too.
  const colleague = { id: newUserId(), name: 'Dominique Bernard' };
  const ack = cardOf(toChannel).buttons.find((b) => b.title === 'Pris en compte')?.data;
  const acked = await harness.send(executeAction(channel, { verb: 'reminder.ack', data: ack }, { from: colleague }));
  expect(readCard((acked.json as { value: unknown }).value).texts).toContain('✔ Pris en compte par Dominique Bernard le 15 janvier 2027.');
  const [update] = await harness.connector.waitForCalls(1, (call) => call.kind === 'update' && call.conversationId === camille.conversationId);
  expect(update?.activityId).toBe(toCamille?.answeredId);

  // Camille snoozes hers one day: reminded again tomorrow at 09:00, in her chat only.
  const snooze = cardOf(toCamille).buttons.find((b) => b.title === 'Rappeler demain')?.data;
  const snoozed = await harness.send(executeAction(camille, { verb: 'reminder.snooze', data: snooze }));
  expect(readCard((snoozed.json as { value: unknown }).value).texts).toContain('⏸ Reporté au 16 janvier 2027 par Camille Martin.');
  harness.connector.reset();
  clock.set(new Date('2026-11-27T07:59:00Z')); // + 50 days: 16 January 2027, 08:59 in Paris
  await harness.app.tickReminders();
  expect(harness.connector.calls.filter((call) => call.kind === 'send')).toHaveLength(0);
  clock.set(new Date('2026-11-27T08:00:00Z'));
  await harness.app.tickReminders();
  const again = harness.connector.calls.filter((call) => call.kind === 'send' && call.status === 200);
  expect(again.map((call) => call.conversationId)).toEqual([camille.conversationId]);

  // It is renewed: "C'est renouvelé" asks the new date, and the old schedule stops.
  const renewed = cardOf(again[0]).buttons.find((b) => b.title === "C'est renouvelé")?.data;
  const asked = await harness.send(executeAction(camille, { verb: 'reminder.renewed', data: renewed }));
  expect(asked.texts[0]).toMatch(/^Bravo !/);
  const answer = await harness.send(message(camille, 'elle expire le 10/01/2030'));
  expect(answer.texts).toEqual(["C'est noté : « MSSanté – site de Nîmes » expire désormais le 10 janvier 2030. Les anciens rappels sont arrêtés et les nouveaux programmés."]);
  harness.connector.reset();
  clock.set(new Date('2026-12-25T08:00:00Z')); // + 50 days: 13 February 2027, the old 30-day reminder's time
  await harness.app.tickReminders();
  expect(harness.connector.calls.filter((call) => call.kind === 'send')).toHaveLength(0);
  const [summary] = await harness.app.store.reminders.listForUser(camille.user.id, new Date('2027-02-13T09:00:00Z'));
  expect(summary?.nextDelivery?.dueAt.toISOString()).toBe('2029-10-12T07:00:00.000Z'); // 90 days before, 09:00 Paris (summer time)
});
