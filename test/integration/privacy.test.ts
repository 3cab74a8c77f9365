import { message, submitAction, type TeamsChat } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';
import { t } from '../../src/messages/translator';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const NOTHING_DELETED_EXPIRED =
  "Cette demande de suppression n'est plus en cours : rien n'a été supprimé. Dites « supprime mes données » pour recommencer.";

describe('a user erases the data certibot holds about them', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  /** Rows about a user, read with SQL so that a repository bug cannot hide one. */
  async function rowsAbout(chat: TeamsChat): Promise<{ users: number; conversations: number; state: number }> {
    const count = async (sql: string, value: string) =>
      Number((await harness.app.store.db.query<{ n: number }>(sql, [value]))[0]?.n ?? -1);
    return {
      users: await count('SELECT COUNT(*) AS n FROM users WHERE user_id = $1', chat.user.id),
      conversations: await count('SELECT COUNT(*) AS n FROM conversations WHERE conversation_id = $1', chat.conversationId),
      state: await count('SELECT COUNT(*) AS n FROM bot_state WHERE owner_id = $1', chat.user.id),
    };
  }

  /** A user who chose French (one preference) in their personal chat (one conversation reference). */
  async function userWithData(): Promise<TeamsChat> {
    const chat = harness.personalChat();
    const switched = await harness.send(message(chat, 'parle français'));
    expect(switched.texts).toEqual(["D'accord, je vous parle désormais en français."]);
    return chat;
  }

  it('lists what it holds on "supprime mes données", then erases it all on a typed "oui" and says how much', async () => {
    const chat = await userWithData();
    expect(await rowsAbout(chat)).toEqual({ users: 1, conversations: 1, state: 0 });

    const asked = await harness.send(message(chat, 'supprime mes données'));
    expect(asked.cards).toHaveLength(1);
    expect(asked.cards[0]?.texts).toEqual([
      'Supprimer vos données ?',
      'Je détiens sur vous :',
      '- votre préférence de langue (1)\n- la référence de notre conversation privée, pour vous écrire (1)',
      'Voulez-vous que je supprime tout cela ? Répondez « oui » ou « non ».',
    ]);
    expect(asked.cards[0]?.buttons.map(({ title, data }) => ({ title, data }))).toEqual([
      { title: 'Oui, supprimer', data: { verb: 'privacy.erase.confirm' } },
      { title: 'Non, garder', data: { verb: 'privacy.erase.cancel' } },
    ]);
    // The pending question itself is stored, under the user.
    expect(await rowsAbout(chat)).toEqual({ users: 1, conversations: 1, state: 1 });

    const confirmed = await harness.send(message(chat, 'oui'));

    // Preference, conversation reference and the pending question itself: three items, listed.
    expect(confirmed.texts).toEqual([
      [
        "C'est fait : 3 éléments supprimés.",
        '- votre préférence de langue (1)',
        '- la référence de notre conversation privée, pour vous écrire (1)',
        "- l'état de nos échanges en cours (1)",
        "Si vous m'écrivez à nouveau, je garderai seulement de quoi vous répondre dans cette conversation.",
      ].join('\n'),
    ]);
    expect(await rowsAbout(chat)).toEqual({ users: 0, conversations: 0, state: 0 });
    await expect(harness.app.store.users.exists(chat.user.id)).resolves.toBe(false);
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toBeUndefined();
  });

  it('erases on a click of the confirmation card\'s "Oui, supprimer" button too', async () => {
    const chat = await userWithData();
    const asked = await harness.send(message(chat, 'supprime mes données'));
    const yes = asked.cards[0]?.buttons.find((button) => button.title === 'Oui, supprimer');

    const confirmed = await harness.send(submitAction(chat, yes?.data));

    expect(confirmed.texts[0]?.split('\n')[0]).toBe("C'est fait : 3 éléments supprimés.");
    expect(await rowsAbout(chat)).toEqual({ users: 0, conversations: 0, state: 0 });
  });

  it('deletes nothing on "non", and says so', async () => {
    const chat = await userWithData();
    await harness.send(message(chat, 'supprime mes données'));

    const cancelled = await harness.send(message(chat, 'non'));

    expect(cancelled.texts).toEqual(["D'accord, je n'ai rien supprimé."]);
    // Only the pending question went.
    expect(await rowsAbout(chat)).toEqual({ users: 1, conversations: 1, state: 0 });
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('fr');
  });

  it('deletes nothing on a forged "confirm" with no confirmation pending, and says so', async () => {
    const chat = await userWithData();

    const forged = await harness.send(submitAction(chat, { verb: 'privacy.erase.confirm' }));

    expect(forged.texts).toEqual([NOTHING_DELETED_EXPIRED]);
    expect(await rowsAbout(chat)).toEqual({ users: 1, conversations: 1, state: 0 });
  });

  it('deletes nothing once the confirmation has expired (15 minutes)', async () => {
    const chat = await userWithData();
    await harness.send(message(chat, 'supprime mes données'));

    harness.clock.advance(FIFTEEN_MINUTES + 1000);
    const late = await harness.send(submitAction(chat, { verb: 'privacy.erase.confirm' }));

    expect(late.texts).toEqual([NOTHING_DELETED_EXPIRED]);
    expect(await rowsAbout(chat)).toMatchObject({ users: 1, conversations: 1 });
    await expect(harness.app.store.users.getLocale(chat.user.id)).resolves.toBe('fr');
  });

  it("erases only the asking user's data, not another user's", async () => {
    const leaving = await userWithData();
    const staying = await userWithData();
    await harness.send(message(leaving, 'supprime mes données'));

    await harness.send(message(leaving, 'oui'));

    expect(await rowsAbout(leaving)).toEqual({ users: 0, conversations: 0, state: 0 });
    expect(await rowsAbout(staying)).toEqual({ users: 1, conversations: 1, state: 0 });
  });

  it('says it holds nothing about a user it only met in a channel (channel references hold no user)', async () => {
    const channel = harness.teamChannel();

    const asked = await harness.send(message(channel, 'supprime mes données'));

    expect(asked.texts).toEqual(["Je ne détiens aucune donnée vous concernant pour l'instant."]);
  });

  it('answers a malformed card payload with the translated bad-action message, changing nothing', async () => {
    const chat = await userWithData();

    const french = await harness.send(submitAction(chat, { verb: 'nope' }));
    const english = await harness.send(submitAction(harness.personalChat({ locale: 'en-US' }), { verb: 'nope' }));
    const notAnObject = await harness.send(submitAction(chat, 'privacy.erase.confirm'));

    expect(french.texts).toEqual([t('fr', 'input.badAction')]);
    expect(english.texts).toEqual([
      'I could not process this action: it is incomplete or does not come from one of my cards. Nothing was changed.',
    ]);
    expect(notAnObject.texts).toEqual([t('fr', 'input.badAction')]);
    expect(await rowsAbout(chat)).toEqual({ users: 1, conversations: 1, state: 0 });
  });
});
