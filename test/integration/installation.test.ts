import { conversationUpdate, installationUpdate, message, type TeamsChat } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';

const PERSONAL_INVITE = 'Écrivez-moi comme à un collègue, ou choisissez ci-dessous.';
const TEAM_INVITE = "Merci de m'avoir ajouté à cette équipe. Mentionnez-moi (@certibot) pour me poser une question ici.";

describe('certibot is installed in, and removed from, conversations', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  const scopes: ReadonlyArray<[string, () => TeamsChat, string]> = [
    ['a personal chat', () => harness.personalChat(), PERSONAL_INVITE],
    ['a team channel', () => harness.teamChannel({ general: true }), TEAM_INVITE],
    ['a group chat', () => harness.groupChat(), TEAM_INVITE],
  ];

  it.each(scopes)('welcomes once when installed in %s, and saves the conversation reference', async (_scope, open, invite) => {
    const chat = open();

    const installed = await harness.send(installationUpdate(chat, 'add'));

    expect(installed.status).toBe(200);
    expect(installed.replies).toHaveLength(1);
    expect(installed.cards[0]?.title).toBe('Bonjour, je suis certibot');
    expect(installed.cards[0]?.texts).toContain(invite);
    const record = await harness.app.store.conversations.get(chat.conversationId);
    expect(record).toMatchObject({
      conversationId: chat.conversationId,
      kind: chat.scope,
      tenantId: chat.tenantId,
      serviceUrl: harness.connector.serviceUrl,
      unreachableReason: undefined,
    });
    expect(record?.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: harness.connector.serviceUrl,
      bot: { id: chat.bot.id },
      conversation: { id: chat.conversationId, conversationType: chat.scope, tenantId: chat.tenantId },
    });

    // Teams also announces the bot as a new member: that must not welcome a second time.
    const announced = await harness.send(conversationUpdate(chat, 'botAdded'));
    expect(announced.status).toBe(200);
    expect(announced.replies).toEqual([]);
  });

  it('welcomes once when the first thing it hears is a conversationUpdate with the bot added', async () => {
    const chat = harness.groupChat();

    expect((await harness.send(conversationUpdate(chat, 'botAdded'))).cards[0]?.title).toBe('Bonjour, je suis certibot');
    expect((await harness.send(installationUpdate(chat, 'add'))).replies).toEqual([]);
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toMatchObject({ kind: 'groupChat' });
  });

  it('welcomes in English an installer whose client speaks English', async () => {
    const installed = await harness.send(installationUpdate(harness.personalChat({ locale: 'en-US' }), 'add'));

    expect(installed.cards[0]?.title).toBe("Hello, I'm certibot");
  });

  it('keeps the user of a personal chat, but not their display name', async () => {
    const chat = harness.personalChat({ userName: 'Dominique Lefèvre-Dupont' });
    await harness.send(installationUpdate(chat, 'add'));

    const record = await harness.app.store.conversations.get(chat.conversationId);

    expect(record?.userId).toBe(chat.user.id);
    expect(record?.reference.user).toEqual({ id: chat.user.id, name: '', aadObjectId: chat.user.aadObjectId });
    expect(JSON.stringify(record)).not.toContain('Dominique');
    expect(JSON.stringify(record)).not.toContain('Lefèvre');
  });

  it('keeps a channel by its base id (no ";messageid=") and without any user', async () => {
    const channel = harness.teamChannel();
    const post = message(channel, 'aide', { from: { id: '29:1anotherUser', name: 'Alex Moreau' } });
    expect(post.conversation.id).toBe(`${channel.conversationId};messageid=${post.id}`);

    await harness.send(post);

    const record = await harness.app.store.conversations.get(channel.conversationId);
    expect(record).toMatchObject({
      conversationId: channel.conversationId,
      kind: 'channel',
      teamId: channel.team?.id,
      channelId: channel.channel?.id,
      userId: undefined,
    });
    expect(record?.reference).not.toHaveProperty('user');
    expect(JSON.stringify(record?.reference)).not.toContain('messageid');
    expect(JSON.stringify(record)).not.toContain('29:1anotherUser');
    await expect(harness.app.store.conversations.get(post.conversation.id)).resolves.toBeUndefined();
  });

  it('forgets the conversation when uninstalled, without a word', async () => {
    const chat = harness.personalChat();
    await harness.send(installationUpdate(chat, 'add'));
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toBeDefined();

    const removed = await harness.send(installationUpdate(chat, 'remove'));

    expect(removed.status).toBe(200);
    expect(removed.calls).toEqual([]);
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toBeUndefined();
  });

  it('forgets a team channel when the bot is removed from the team', async () => {
    const channel = harness.teamChannel({ general: true });
    await harness.send(installationUpdate(channel, 'add'));

    const removed = await harness.send(conversationUpdate(channel, 'botRemoved'));

    expect(removed.status).toBe(200);
    expect(removed.replies).toEqual([]);
    await expect(harness.app.store.conversations.get(channel.conversationId)).resolves.toBeUndefined();
  });

  it('welcomes again after an uninstall and a new install', async () => {
    const chat = harness.personalChat();
    await harness.send(installationUpdate(chat, 'add'));
    await harness.send(installationUpdate(chat, 'remove'));

    const again = await harness.send(installationUpdate(chat, 'add'));

    expect(again.cards[0]?.title).toBe('Bonjour, je suis certibot');
  });
});
