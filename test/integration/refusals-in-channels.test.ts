import { click, executeAction, installationUpdate, message, newUserId, submitAction } from '../harness/activities';
import { harnessPerSuite, type BotHarness, type TurnResult } from '../harness/bot-harness';
import { readCard, type CardButton } from '../harness/card-text';

/**
 * A refused action in a channel is the clicker's business: the buttons that act on shared state are Universal Actions,
 * and their refusals come back as the invoke's error, which Teams shows to the clicker alone. Nothing is posted to the
 * channel, whoever clicks and whatever they click.
 */
let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { env: { REMINDER_TICK_SECONDS: '3600' } });

const NOT_OWNER = "Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié.";
const errorOf = (turn: TurnResult) => turn.json as { statusCode?: number; type?: string; value?: { code?: string; message?: string } };
const cardOf = (turn: TurnResult) => readCard((turn.json as { value?: unknown }).value);

async function camillesChannel() {
  const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  await harness.send(message(camille, 'bonjour'));
  await harness.send(submitAction(camille, { verb: 'register.submit', label: 'MSSanté – site de Nîmes', expiry: '2027-03-15' }));
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: camille.user.id, userName: 'Camille Martin' });
  await harness.send(installationUpdate(channel, 'add'));
  const list = await harness.send(message(channel, 'rappels ici'));
  const certificateId = (await harness.app.store.reminders.listForUser(camille.user.id, harness.clock.now()))[0]?.certificate.id ?? '';
  return { camille, channel, list: list.cards[0], certificateId };
}

/** Alex, a member of the channel who owns nothing, clicks `button` as a Teams client would. */
async function alexClicks(channel: Awaited<ReturnType<typeof camillesChannel>>['channel'], button: CardButton | undefined, inputs: Record<string, unknown> = {}) {
  if (!button) throw new Error('no such button');
  return harness.send(click(channel, button, inputs, { from: { id: newUserId(), name: 'Alex Moreau' } }));
}

describe('refusals go to the clicker alone, never into the channel', () => {
  it('every button of « mes certificats » a non-owner clicks is refused to them alone; nothing is posted, nothing changes', async () => {
    const { channel, list, certificateId } = await camillesChannel();
    const before = await harness.app.store.reminders.get(certificateId);
    const buttons = (list?.buttons ?? []).filter((button) => (button.data as { certificate?: string }).certificate === certificateId);
    expect(buttons.map((button) => button.title)).toEqual(['Rappels ici aussi', 'Historique', 'Modifier', 'Réglages', 'Supprimer']);

    for (const button of buttons) {
      const clicked = await alexClicks(channel, button);
      expect({ button: button.title, answer: errorOf(clicked) }).toEqual({
        button: button.title,
        answer: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: NOT_OWNER } },
      });
      expect(clicked.calls).toEqual([]);
    }
    expect(await harness.app.store.reminders.get(certificateId)).toEqual(before);
  });

  it('the forms and cards an owner opens refuse a non-owner the same way: settings, destinations, edit, delete', async () => {
    const { camille, channel, list, certificateId } = await camillesChannel();
    const asCamille = (button: CardButton | undefined) =>
      harness.send(click(channel, button ?? { type: 'none', data: {} }, {}, { from: { id: camille.user.id, name: 'Camille Martin' } }));
    const settings = cardOf(await asCamille(list?.buttons.find((b) => b.title === 'Réglages')));
    const destinations = cardOf(await asCamille(settings.buttons.find((b) => b.title === 'Destinations et responsables')));
    const edit = cardOf(await asCamille(list?.buttons.find((b) => b.title === 'Modifier')));
    const remove = cardOf(await asCamille(list?.buttons.find((b) => b.title === 'Supprimer')));
    const before = await harness.app.store.reminders.get(certificateId);

    const attempts: Array<[CardButton | undefined, Record<string, unknown>]> = [
      [settings.buttons.find((b) => b.title === 'Enregistrer les réglages'), { thresholds: '', hour: '9', workingDays: 'false', weekly: 'false' }],
      [destinations.buttons.find((b) => b.title === 'Ajouter'), { person: '0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9' }],
      [edit.buttons.find((b) => b.title === 'Enregistrer les modifications'), { label: 'Piraté', expiry: '2030-01-01' }],
      [remove.buttons.find((b) => b.title === 'Oui, supprimer'), {}],
    ];
    for (const [button, inputs] of attempts) {
      expect(button?.type).toBe('Action.Execute');
      const clicked = await alexClicks(channel, button, inputs);
      expect(errorOf(clicked).value?.message).toBe(NOT_OWNER);
      expect(clicked.calls).toEqual([]);
    }
    expect(await harness.app.store.reminders.get(certificateId)).toEqual(before);
  });

  it('an owner\'s own mistake on a form is told to them alone too: a FINESS with a wrong key', async () => {
    const { camille, channel, list } = await camillesChannel();
    const edit = cardOf(await harness.send(click(channel, list?.buttons.find((b) => b.title === 'Modifier') ?? { type: 'none', data: {} }, {}, { from: camille.user })));
    const save = edit.buttons.find((b) => b.title === 'Enregistrer les modifications');

    const refused = await harness.send(click(channel, save ?? { type: 'none', data: {} }, { label: 'MSSanté – site de Nîmes', expiry: '2027-03-15', finess: '010780915' }, { from: camille.user }));

    expect(errorOf(refused).value?.message).toContain('Le numéro FINESS 010780915 a une clé incorrecte');
    expect(refused.calls).toEqual([]);
  });

  it('a card action certibot cannot read is refused to the clicker alone', async () => {
    const { channel } = await camillesChannel();
    const forged = await harness.send(executeAction(channel, { verb: 'register.delete', data: { verb: 'register.delete', certificate: '../../etc' } }));
    expect(errorOf(forged).value?.message).toBe(
      "Je n'ai pas pu traiter cette action : elle est incomplète ou ne vient pas d'une de mes cartes. Rien n'a été modifié.",
    );
    expect(forged.calls).toEqual([]);
  });

  it('an old client\'s plain submit in a channel: the refusal cannot reach the clicker alone, so nothing is said at all', async () => {
    const { channel, certificateId } = await camillesChannel();
    const old = await harness.send(submitAction(channel, { verb: 'register.delete.confirm', certificate: certificateId }, { from: { id: newUserId(), name: 'Alex' } }));
    expect(old.calls).toEqual([]);
    expect(await harness.app.store.reminders.get(certificateId)).toBeDefined();
  });
});
