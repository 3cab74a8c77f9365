import { message } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';

type Params = readonly (string | number | null)[];

/** The statements certibot runs during `work`, split into reads and writes. */
async function statementsDuring(harness: BotHarness, work: () => Promise<unknown>): Promise<{ reads: string[]; writes: string[] }> {
  const { db } = harness.app.store;
  const seen: string[] = [];
  const spies = (['query', 'execute'] as const).map((method) => {
    const original = db[method].bind(db) as (sql: string, params?: Params) => Promise<unknown>;
    return jest.spyOn(db, method).mockImplementation(((sql: string, params?: Params) => {
      seen.push(sql.trim());
      return original(sql, params);
    }) as never);
  });
  try {
    await work();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  const isWrite = (sql: string) => /^(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
  return { reads: seen.filter((sql) => !isWrite(sql)), writes: seen.filter(isWrite) };
}

describe('a turn that changes nothing writes nothing', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started));

  it('a knowledge question from a known person in a known chat runs one read and no write', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));

    const { reads, writes } = await statementsDuring(harness, async () => {
      const turn = await harness.send(message(chat, 'combien de temps est valable le certificat ?'));
      expect(turn.cards).toHaveLength(1);
    });

    expect(writes).toEqual([]);
    expect(reads).toHaveLength(1);
  });

  it('a conversation marked unreachable is saved again, once, when it speaks again', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));
    await harness.app.store.notices.markUnreachable(chat.conversationId, 'ConversationBlockedByUser', harness.clock.now());

    const { writes } = await statementsDuring(harness, () => harness.send(message(chat, 'combien de temps est valable le certificat ?')));

    expect(writes.filter((sql) => sql.includes('conversations'))).toHaveLength(1);
    await expect(harness.app.store.conversations.get(chat.conversationId)).resolves.toMatchObject({ unreachableReason: undefined });
    const again = await statementsDuring(harness, () => harness.send(message(chat, 'combien de temps est valable le certificat ?')));
    expect(again.writes).toEqual([]);
  });
});
