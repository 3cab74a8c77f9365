import {
  describePersonalData,
  erasePersonalData,
  type PersonalDataCategory,
  type PersonalDataHolder,
} from '../../src/domain/personal-data';

/** An in-memory holder of per-user item counts that records the order it was erased in. */
class FakeHolder implements PersonalDataHolder {
  constructor(
    readonly category: PersonalDataCategory,
    private readonly counts: Map<string, number>,
    private readonly journal: string[] = [],
  ) {}

  count(userId: string): Promise<number> {
    return Promise.resolve(this.counts.get(userId) ?? 0);
  }

  erase(userId: string): Promise<number> {
    const n = this.counts.get(userId) ?? 0;
    this.journal.push(`${this.category}:${userId}`);
    this.counts.delete(userId);
    return Promise.resolve(n);
  }
}

function holders(journal: string[] = []): FakeHolder[] {
  return [
    new FakeHolder('preferences', new Map([['alice', 1], ['bob', 1]]), journal),
    new FakeHolder('conversations', new Map([['alice', 2]]), journal),
    new FakeHolder('conversationState', new Map([['bob', 3]]), journal),
  ];
}

describe('describePersonalData', () => {
  test('lists every non-empty category in holder order, with the total', async () => {
    await expect(describePersonalData(holders(), 'alice')).resolves.toEqual({
      items: [
        { category: 'preferences', count: 1 },
        { category: 'conversations', count: 2 },
      ],
      total: 3,
    });
  });

  test('holds nothing for a user no holder knows', async () => {
    await expect(describePersonalData(holders(), 'carol')).resolves.toEqual({ items: [], total: 0 });
  });

  test('holds nothing when there are no holders', async () => {
    await expect(describePersonalData([], 'alice')).resolves.toEqual({ items: [], total: 0 });
  });

  test('describing erases nothing', async () => {
    const journal: string[] = [];
    const all = holders(journal);
    await describePersonalData(all, 'alice');
    expect(journal).toEqual([]);
    await expect(describePersonalData(all, 'alice')).resolves.toMatchObject({ total: 3 });
  });
});

describe('erasePersonalData', () => {
  test("erases the user's data in every holder, one after the other, and says what went", async () => {
    const journal: string[] = [];
    const all = holders(journal);
    await expect(erasePersonalData(all, 'bob')).resolves.toEqual({
      items: [
        { category: 'preferences', count: 1 },
        { category: 'conversationState', count: 3 },
      ],
      total: 4,
    });
    expect(journal).toEqual(['preferences:bob', 'conversations:bob', 'conversationState:bob']);
    await expect(describePersonalData(all, 'bob')).resolves.toEqual({ items: [], total: 0 });
  });

  test("leaves another user's data alone", async () => {
    const all = holders();
    await erasePersonalData(all, 'bob');
    await expect(describePersonalData(all, 'alice')).resolves.toEqual({
      items: [
        { category: 'preferences', count: 1 },
        { category: 'conversations', count: 2 },
      ],
      total: 3,
    });
  });

  test('erasing twice erases nothing the second time', async () => {
    const all = holders();
    await erasePersonalData(all, 'alice');
    await expect(erasePersonalData(all, 'alice')).resolves.toEqual({ items: [], total: 0 });
  });

  test('stops at the first holder that fails and reports the failure', async () => {
    const journal: string[] = [];
    const failing: PersonalDataHolder = {
      category: 'conversations',
      count: () => Promise.resolve(1),
      erase: () => Promise.reject(new Error('database unavailable')),
    };
    const [first, , last] = holders(journal);
    await expect(erasePersonalData([first as FakeHolder, failing, last as FakeHolder], 'bob')).rejects.toThrow('database unavailable');
    expect(journal).toEqual(['preferences:bob']);
  });
});
