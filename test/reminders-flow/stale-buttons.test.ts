import { executeAction, message } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { nimesCertificate, startReminderBot, targetOf } from './flow-fixtures';

/**
 * Buttons stay on cards long after they were posted. A card's action carries only its reminder's id; the reminder
 * knows the expiry cycle it was sent for, and an action on a cycle that is over (renewed) or on stopped reminders is
 * refused to the clicker alone, changing nothing.
 */
const REGISTERED = new Date('2026-11-26T09:00:00Z');
const D90 = new Date('2026-12-15T08:00:00Z');
let harness: BotHarness;
let clock: TestClock;

beforeEach(async () => ({ harness, clock } = await startReminderBot(REGISTERED)));
afterEach(async () => harness.stop());

type Verb = 'reminder.ack' | 'reminder.snooze' | 'reminder.renewed' | 'reminder.stop';

/** A registered certificate reminded once (90 days before) in Camille's personal chat; the card's buttons by verb. */
async function remindedOnce() {
  clock.set(REGISTERED);
  const personal = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  await harness.send(message(personal, 'bonjour'));
  const certificate = nimesCertificate(personal.user.id, REGISTERED);
  await harness.app.store.reminders.create(certificate, [targetOf(personal)], REGISTERED);
  clock.set(D90);
  await harness.app.tickReminders();
  const card = harness.connector.calls.find((call) => call.kind === 'send' && call.conversationId === personal.conversationId && call.status === 200);
  const actions = (card?.body as { attachments: Array<{ content: { actions: Array<{ data: { verb: Verb; delivery: string; days?: number } }> } }> }).attachments[0]?.content.actions ?? [];
  const button = (verb: Verb) => actions.find((action) => action.data.verb === verb)?.data;
  return { personal, certificate, button };
}

const errorOf = (json: unknown) => json as { statusCode: number; type: string; value: { code: string; message: string } };

describe('stale buttons never act on the wrong cycle', () => {
  it('after a renewal, the old card’s « Arrêter » is refused and the new cycle’s reminders stay planned', async () => {
    const { personal, certificate, button } = await remindedOnce();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: button('reminder.renewed') }));
    await harness.send(message(personal, '15/03/2030'));
    const planned = (await harness.app.store.reminders.deliveryStatus(certificate.id)).filter((d) => d.expiryDate === '2030-03-15' && d.status === 'pending');
    expect(planned.length).toBeGreaterThan(0);

    const stop = await harness.send(executeAction(personal, { verb: 'reminder.stop', data: button('reminder.stop') }));

    expect(errorOf(stop.json)).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: {
        code: 'BadRequest',
        message:
          "Ce rappel concernait l'ancien certificat « MSSanté – site de Nîmes » (expiration le 15 mars 2027) : il a été renouvelé depuis et expire désormais le 15 mars 2030. Rien n'a été modifié.",
      },
    });
    expect(stop.replies).toEqual([]);
    const after = await harness.app.store.reminders.get(certificate.id);
    expect(after?.certificate.thresholds.length).toBeGreaterThan(0);
    expect((await harness.app.store.reminders.deliveryStatus(certificate.id)).filter((d) => d.expiryDate === '2030-03-15' && d.status === 'pending')).toEqual(planned);
  });

  it('after a renewal, the old card’s « Reporter » plans no snooze against the new expiry', async () => {
    const { personal, certificate, button } = await remindedOnce();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: button('reminder.renewed') }));
    await harness.send(message(personal, '15/03/2030'));

    const snooze = await harness.send(executeAction(personal, { verb: 'reminder.snooze', data: button('reminder.snooze') }));

    expect(errorOf(snooze.json).value.message).toContain("Ce rappel concernait l'ancien certificat");
    expect((await harness.app.store.reminders.deliveryStatus(certificate.id)).filter((d) => d.threshold.startsWith('s'))).toEqual([]);
  });

  it('after a renewal, the old card’s « Pris en compte » and « C’est renouvelé » are refused too', async () => {
    const { personal, button } = await remindedOnce();
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: button('reminder.renewed') }));
    await harness.send(message(personal, '15/03/2030'));

    for (const verb of ['reminder.ack', 'reminder.renewed'] as const) {
      const clicked = await harness.send(executeAction(personal, { verb, data: button(verb) }));
      expect(errorOf(clicked.json).value.message).toContain("Ce rappel concernait l'ancien certificat");
    }
  });

  it('after « Arrêter », « Reporter » on the same card is refused and no snooze is ever sent', async () => {
    const { personal, certificate, button } = await remindedOnce();
    await harness.send(executeAction(personal, { verb: 'reminder.stop', data: button('reminder.stop') }));

    const snooze = await harness.send(executeAction(personal, { verb: 'reminder.snooze', data: button('reminder.snooze') }));

    expect(errorOf(snooze.json).value.message).toBe(
      "Les rappels de « MSSanté – site de Nîmes » sont arrêtés : il n'y a rien à reporter. Pour les relancer, dites « mes certificats » puis « Réglages ».",
    );
    clock.set(new Date(D90.getTime() + 8 * 24 * 60 * 60 * 1000));
    harness.connector.reset();
    await harness.app.tickReminders();
    expect(harness.connector.calls.filter((call) => call.kind === 'send')).toEqual([]);
    expect((await harness.app.store.reminders.deliveryStatus(certificate.id)).filter((d) => d.threshold.startsWith('s'))).toEqual([]);
  });

  it('after « Arrêter », renewing says the reminders stay off, and none is planned', async () => {
    const { personal, certificate, button } = await remindedOnce();
    await harness.send(executeAction(personal, { verb: 'reminder.stop', data: button('reminder.stop') }));
    await harness.send(executeAction(personal, { verb: 'reminder.renewed', data: button('reminder.renewed') }));

    const done = await harness.send(message(personal, '15/03/2030'));

    expect(done.texts[0]).toBe(
      "C'est noté : « MSSanté – site de Nîmes » expire désormais le 15 mars 2030. Ses rappels restent arrêtés, comme vous l'aviez demandé ; pour les relancer, dites « mes certificats » puis « Réglages ».",
    );
    expect((await harness.app.store.reminders.deliveryStatus(certificate.id)).filter((d) => d.status === 'pending')).toEqual([]);
  });

  it('in English too', async () => {
    const { personal, button } = await remindedOnce();
    await harness.send(message(personal, 'switch to English'));
    await harness.send(executeAction(personal, { verb: 'reminder.stop', data: button('reminder.stop') }));

    const snooze = await harness.send(executeAction(personal, { verb: 'reminder.snooze', data: button('reminder.snooze') }));

    expect(errorOf(snooze.json).value.message).toBe(
      'Reminders for "MSSanté – site de Nîmes" are stopped: there is nothing to snooze. To turn them back on, say "my certificates", then "Settings".',
    );
  });
});
