import { message } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';

describe('a person is recognised on both sides of Teams', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  it('after one message, the Teams id is found from the Entra object id and tenant that a tab would know', async () => {
    const chat = harness.personalChat({ aadObjectId: 'A1B2C3D4-0000-4000-8000-000000000001', tenantId: 'tenant-a' });

    await harness.send(message(chat, 'aide'));

    await expect(harness.app.store.users.findByAad('a1b2c3d4-0000-4000-8000-000000000001', 'tenant-a')).resolves.toMatchObject({ userId: chat.user.id });
    await expect(harness.app.store.users.findByAad('a1b2c3d4-0000-4000-8000-000000000001', 'tenant-b')).resolves.toBeUndefined();
  });

  it('a second message writes nothing new about the person', async () => {
    const chat = harness.personalChat({ tenantId: 'tenant-a' });
    await harness.send(message(chat, 'aide'));
    const [before] = await harness.app.store.db.query<{ updated_at: number }>('SELECT updated_at FROM users WHERE user_id = $1', [chat.user.id]);

    harness.clock.advance(60_000);
    await harness.send(message(chat, 'bonjour'));

    const [after] = await harness.app.store.db.query<{ updated_at: number }>('SELECT updated_at FROM users WHERE user_id = $1', [chat.user.id]);
    expect(after).toEqual(before);
  });
});
