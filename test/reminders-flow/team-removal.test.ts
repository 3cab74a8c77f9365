import { conversationUpdate, installationUpdate, message } from '../harness/activities';
import type { BotHarness, TestClock } from '../harness/bot-harness';
import { adaptiveCardsOf, readCard } from '../harness/card-text';
import { D90, nimesCertificate, REGISTERED, reminderBotPerTest, targetOf } from './flow-fixtures';

/**
 * A bot is installed in a whole team, not in one channel: removed from the team, it can no longer post in any of its
 * channels. Teams tells it once (the event names the team's General channel): every channel of that team that
 * receives reminders is marked at once, and the owners are told through the usual owner notices — not one refused
 * reminder at a time, weeks later.
 */
let harness: BotHarness;
let clock: TestClock;
reminderBotPerTest(REGISTERED, (bot) => ({ harness, clock } = bot));

async function aTeamWithTwoRemindedChannels() {
  const camille = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  await harness.send(message(camille, 'bonjour'));
  const general = harness.teamChannel({ locale: 'fr-FR', general: true });
  const certificates = harness.teamChannel({ locale: 'fr-FR', team: general.team });
  const security = harness.teamChannel({ locale: 'fr-FR', team: general.team });
  const quiet = harness.teamChannel({ locale: 'fr-FR', team: general.team });
  const otherTeam = harness.teamChannel({ locale: 'fr-FR' });
  await harness.send(installationUpdate(general, 'add'));
  // certibot met each channel when someone spoke to it there.
  for (const chat of [certificates, security, quiet, otherTeam]) await harness.send(message(chat, 'bonjour'));
  const nimes = nimesCertificate(camille.user.id, REGISTERED, { label: 'MSSanté – site de Nîmes' });
  const ales = nimesCertificate(camille.user.id, REGISTERED, { label: 'INSi – Alès', expiryDate: '2027-04-20' });
  await harness.app.store.reminders.create(nimes, [targetOf(camille), targetOf(certificates), targetOf(otherTeam)], REGISTERED);
  await harness.app.store.reminders.create(ales, [targetOf(camille), targetOf(security)], REGISTERED);
  harness.connector.reset();
  return { camille, general, certificates, security, quiet, otherTeam };
}

const unreachable = async (conversationId: string) => (await harness.app.store.conversations.get(conversationId))?.unreachableReason;
const noticesTo = (conversationId: string) =>
  harness.connector.calls
    .filter((call) => call.kind === 'send' && call.conversationId === conversationId && call.status === 200)
    .map((call) => readCard(adaptiveCardsOf(call.body)[0]))
    .filter((card) => card.title === '⚠️ Rappels non remis');

describe('removed from a team, certibot marks every channel of it that receives reminders', () => {
  it.each([
    ['the app uninstalled from the team', (general: Parameters<typeof installationUpdate>[0]) => installationUpdate(general, 'remove')],
    ['the bot removed from the team\'s members', (general: Parameters<typeof installationUpdate>[0]) => conversationUpdate(general, 'botRemoved')],
  ])('%s: each reminded channel is marked, each owner told about each; other channels forgotten, other teams untouched', async (_case, removal) => {
    const { camille, general, certificates, security, quiet, otherTeam } = await aTeamWithTwoRemindedChannels();

    await harness.send(removal(general));

    expect(await unreachable(certificates.conversationId)).toBe('BotRemoved');
    expect(await unreachable(security.conversationId)).toBe('BotRemoved');
    expect(await unreachable(otherTeam.conversationId)).toBeUndefined();
    await expect(harness.app.store.conversations.get(quiet.conversationId)).resolves.toBeUndefined();
    await expect(harness.app.store.conversations.get(general.conversationId)).resolves.toBeUndefined();

    await harness.app.tickReminders();
    const notices = noticesTo(camille.conversationId);
    expect(notices).toHaveLength(2);
    expect(notices.map((card) => card.texts[1])).toEqual([
      'Je ne peux plus publier les rappels dans un canal Teams : certibot en a été retiré.',
      'Je ne peux plus publier les rappels dans un canal Teams : certibot en a été retiré.',
    ]);
    expect(notices.flatMap((card) => card.texts.filter((text) => text.startsWith('• ')))).toEqual(
      expect.arrayContaining(['• MSSanté – site de Nîmes — expire le 15 mars 2027', '• INSi – Alès — expire le 20 avril 2027']),
    );

    // Nothing is tried there any more; the other team's channel still gets its reminder.
    clock.set(D90);
    harness.connector.reset();
    await harness.app.tickReminders();
    const sentTo = new Set(harness.connector.calls.filter((call) => call.kind === 'send').map((call) => call.conversationId));
    expect(sentTo.has(certificates.conversationId) || sentTo.has(security.conversationId)).toBe(false);
    expect(sentTo.has(otherTeam.conversationId)).toBe(true);
  });

  it('added back to the team, a channel that speaks again gets its reminders again', async () => {
    const { general, certificates } = await aTeamWithTwoRemindedChannels();
    await harness.send(installationUpdate(general, 'remove'));
    await harness.send(installationUpdate(general, 'add'));
    await harness.send(message(certificates, 'bonjour'));
    expect(await unreachable(certificates.conversationId)).toBeUndefined();
  });

  it('removed from a group chat, only that chat is concerned', async () => {
    const camille = harness.personalChat({ locale: 'fr-FR' });
    const chat = harness.groupChat({ locale: 'fr-FR' });
    await harness.send(message(camille, 'bonjour'));
    await harness.send(message(chat, 'bonjour'));
    await harness.app.store.reminders.create(nimesCertificate(camille.user.id, REGISTERED), [targetOf(camille), targetOf(chat)], REGISTERED);

    await harness.send(installationUpdate(chat, 'remove'));

    expect(await unreachable(chat.conversationId)).toBe('BotRemoved');
    expect(await unreachable(camille.conversationId)).toBeUndefined();
  });
});
