import { personalDataOf } from './personal-data-holders';
import { randomUUID } from 'node:crypto';
import type { ConversationRecord } from '../../src/domain/conversation';
import { describePersonalData, erasePersonalData } from '../../src/domain/personal-data';
import type { Store } from '../../src/store';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import { SqlUserPreferencesRepository } from '../../src/store/user-preferences-store';

/** The instant every contract store is first opened (and migrated) at; test files pass it to `openStore`. */
export const CONTRACT_OPENED_AT = new Date('2025-01-01T00:00:00.000Z');

const T0 = new Date('2025-03-01T09:00:00.000Z').getTime();
/** A fixed instant `minutes` after T0: no test reads the real clock. */
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

/** Ids unique to one test, so every test can share the suite's database without seeing another's rows. */
const unique = (label: string): string => `${label}-${randomUUID()}`;

type NewConversation = Omit<ConversationRecord, 'unreachableReason'>;

function personalChat(userId: string, conversationId: string, updatedAt: Date, revision = 1): NewConversation {
  return {
    conversationId,
    kind: 'personal',
    tenantId: 'tenant-1',
    teamId: undefined,
    channelId: undefined,
    userId,
    serviceUrl: 'https://smba.trafficmanager.net/fr/',
    reference: { conversation: { id: conversationId }, user: { id: userId }, revision },
    updatedAt,
  };
}

function groupChat(conversationId: string, updatedAt: Date, userId?: string): NewConversation {
  return {
    conversationId,
    kind: 'groupChat',
    tenantId: 'tenant-1',
    teamId: undefined,
    channelId: undefined,
    userId,
    serviceUrl: 'https://smba.trafficmanager.net/fr/',
    reference: { conversation: { id: conversationId, isGroup: true } },
    updatedAt,
  };
}

/**
 * The behaviour every storage engine must share. `open` opens a new Store on the suite's one database (a file, or
 * a PostgreSQL schema) and migrates it at CONTRACT_OPENED_AT; `cleanup` removes that database after the suite.
 */
export function storeContract(name: string, open: () => Promise<Store>, cleanup: () => Promise<void>): void {
  describe(`${name} store contract`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    describe('migrations', () => {
      test('migrating an up-to-date database again applies nothing and answers []', async () => {
        await expect(migrate(store.db, at(0).getTime())).resolves.toEqual([]);
      });

      test('schema_migrations holds one row per migration, stamped with the first opening', async () => {
        const rows = await store.db.query<{ version: number; name: string; applied_at: number }>(
          'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
        );
        expect(rows).toEqual(
          MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: CONTRACT_OPENED_AT.getTime() })),
        );
        expect(rows.map((row) => row.version).slice(0, 2)).toEqual([1, 2]);
      });
    });

    describe('ping', () => {
      test('ping resolves on an open store and rejects once that store is closed', async () => {
        const other = await open();
        await expect(other.ping()).resolves.toBeUndefined();
        await other.close();
        await expect(other.ping()).rejects.toThrow();
      });
    });

    describe('users', () => {
      test('an unknown user has no locale and does not exist', async () => {
        const userId = unique('user');
        await expect(store.users.getLocale(userId)).resolves.toBeUndefined();
        await expect(store.users.exists(userId)).resolves.toBe(false);
      });

      test('a saved locale is read back, and a second choice overwrites it without changing created_at', async () => {
        const userId = unique('user');
        await store.users.setLocale(userId, 'en', at(1));
        await expect(store.users.getLocale(userId)).resolves.toBe('en');
        await expect(store.users.exists(userId)).resolves.toBe(true);

        await store.users.setLocale(userId, 'fr', at(2));
        await expect(store.users.getLocale(userId)).resolves.toBe('fr');
        const rows = await store.db.query<{ created_at: number; updated_at: number }>(
          'SELECT created_at, updated_at FROM users WHERE user_id = $1',
          [userId],
        );
        expect(rows).toEqual([{ created_at: at(1).getTime(), updated_at: at(2).getTime() }]);
      });

      test('removing a user forgets them and answers true only when there was something to remove', async () => {
        const userId = unique('user');
        const other = unique('user');
        await store.users.setLocale(userId, 'fr', at(1));
        await store.users.setLocale(other, 'en', at(1));

        await expect(store.users.remove(userId)).resolves.toBe(true);
        await expect(store.users.exists(userId)).resolves.toBe(false);
        await expect(store.users.getLocale(userId)).resolves.toBeUndefined();
        await expect(store.users.remove(userId)).resolves.toBe(false);
        await expect(store.users.getLocale(other)).resolves.toBe('en');
      });
    });

    describe('conversations', () => {
      test('registering a conversation answers true the first time and false every time after', async () => {
        const record = personalChat(unique('user'), unique('a:conv'), at(1));
        await expect(store.conversations.register(record)).resolves.toBe(true);
        await expect(store.conversations.register(record)).resolves.toBe(false);
        await expect(store.conversations.register({ ...record, updatedAt: at(2) })).resolves.toBe(false);
      });

      test('a saved personal chat is read back field for field', async () => {
        const record = personalChat(unique('user'), unique('a:conv'), at(3));
        await store.conversations.save(record);
        await expect(store.conversations.get(record.conversationId)).resolves.toEqual({ ...record, unreachableReason: undefined });
      });

      test('a group chat without user, team or channel reads back those fields as undefined', async () => {
        const record = { ...groupChat(unique('19:chat'), at(4)), tenantId: undefined };
        await store.conversations.save(record);
        const found = await store.conversations.get(record.conversationId);
        expect(found).toEqual({ ...record, unreachableReason: undefined });
        expect(found?.userId).toBeUndefined();
        expect(found?.tenantId).toBeUndefined();
      });

      test('registering a known conversation with a new reference refreshes it', async () => {
        const first = personalChat(unique('user'), unique('a:conv'), at(1), 1);
        await store.conversations.register(first);
        const refreshed = personalChat(first.userId ?? '', first.conversationId, at(5), 2);
        await expect(store.conversations.register(refreshed)).resolves.toBe(false);
        const found = await store.conversations.get(first.conversationId);
        expect(found?.reference).toEqual({ ...first.reference, revision: 2 });
        expect(found?.updatedAt).toEqual(at(5));
      });

      test('saving an unchanged record does not bump updated_at', async () => {
        const record = personalChat(unique('user'), unique('a:conv'), at(1));
        await store.conversations.save(record);
        await store.conversations.save({ ...record, updatedAt: at(30) });
        const found = await store.conversations.get(record.conversationId);
        expect(found?.updatedAt).toEqual(at(1));
        expect(found?.updatedAt.getTime()).toBe(T0 + 60_000);
      });

      test('saving a changed reference or service URL refreshes the record and its updated_at', async () => {
        const record = personalChat(unique('user'), unique('a:conv'), at(1), 1);
        await store.conversations.save(record);
        await store.conversations.save(personalChat(record.userId ?? '', record.conversationId, at(2), 2));
        expect((await store.conversations.get(record.conversationId))?.updatedAt).toEqual(at(2));

        await store.conversations.save({
          ...personalChat(record.userId ?? '', record.conversationId, at(3), 2),
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
        });
        const found = await store.conversations.get(record.conversationId);
        expect(found?.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
        expect(found?.updatedAt).toEqual(at(3));
      });

      test('marking a conversation unreachable records the reason, and the next save clears it', async () => {
        const record = personalChat(unique('user'), unique('a:conv'), at(1));
        await store.conversations.save(record);
        await store.notices.markUnreachable(record.conversationId, 'blocked', at(10));
        const marked = await store.conversations.get(record.conversationId);
        expect(marked?.unreachableReason).toBe('blocked');
        expect(marked?.updatedAt).toEqual(at(10));

        // The same reference again: unchanged, but the mark alone is reason enough to write.
        await store.conversations.save({ ...record, updatedAt: at(20) });
        const cleared = await store.conversations.get(record.conversationId);
        expect(cleared?.unreachableReason).toBeUndefined();
        expect(cleared?.updatedAt).toEqual(at(20));
      });

      test('marking an unknown conversation unreachable creates nothing', async () => {
        const conversationId = unique('a:ghost');
        await store.notices.markUnreachable(conversationId, 'uninstalled', at(1));
        await expect(store.conversations.get(conversationId)).resolves.toBeUndefined();
      });

      test("findPersonal answers the user's most recently updated personal chat, never a group chat", async () => {
        const userId = unique('user');
        const older = personalChat(userId, unique('a:old'), at(1));
        const newer = personalChat(userId, unique('a:new'), at(5));
        await store.conversations.save(newer);
        await store.conversations.save(older);
        await store.conversations.save(groupChat(unique('19:group'), at(9), userId));

        expect((await store.conversations.findPersonal(userId))?.conversationId).toBe(newer.conversationId);

        await store.conversations.save(personalChat(userId, older.conversationId, at(7), 2));
        expect((await store.conversations.findPersonal(userId))?.conversationId).toBe(older.conversationId);
      });

      test("listForTeam answers the team's channels in that tenant, and latest the conversation of a kind that spoke last", async () => {
        const teamId = unique('19:team');
        const channel = (conversationId: string, tenantId: string, minutes: number): NewConversation => ({
          ...groupChat(conversationId, at(minutes)),
          kind: 'channel',
          tenantId,
          teamId,
          channelId: conversationId,
        });
        const general = channel(teamId, 'tenant-1', 1);
        const security = channel(unique('19:security'), 'tenant-1', 2);
        await store.conversations.save(general);
        await store.conversations.save(security);
        await store.conversations.save(channel(unique('19:elsewhere'), 'tenant-2', 3));
        await store.conversations.save(groupChat(unique('19:group'), at(4)));

        const found = await store.conversations.listForTeam(teamId, 'tenant-1');
        expect(found.map((c) => c.conversationId).sort()).toEqual([general.conversationId, security.conversationId].sort());
        await expect(store.conversations.listForTeam(unique('19:other-team'), 'tenant-1')).resolves.toEqual([]);

        // Far later than anything the other tests save in this shared database.
        const latest = personalChat(unique('user'), unique('a:latest'), at(1_000_000));
        await store.conversations.save(latest);
        expect((await store.conversations.latest('personal'))?.conversationId).toBe(latest.conversationId);
        await store.conversations.save({ ...security, reference: { revision: 2 }, updatedAt: at(1_000_001) });
        expect((await store.conversations.latest('channel'))?.conversationId).toBe(security.conversationId);
      });

      test('get and findPersonal answer undefined for ids they do not know', async () => {
        await expect(store.conversations.get(unique('a:unknown'))).resolves.toBeUndefined();
        await expect(store.conversations.findPersonal(unique('user'))).resolves.toBeUndefined();
      });

      test('remove forgets exactly one conversation and answers whether it existed', async () => {
        const userId = unique('user');
        const gone = personalChat(userId, unique('a:gone'), at(1));
        const kept = personalChat(userId, unique('a:kept'), at(2));
        await store.conversations.save(gone);
        await store.conversations.save(kept);

        await expect(store.conversations.remove(gone.conversationId)).resolves.toBe(true);
        await expect(store.conversations.get(gone.conversationId)).resolves.toBeUndefined();
        await expect(store.conversations.remove(gone.conversationId)).resolves.toBe(false);
        expect((await store.conversations.get(kept.conversationId))?.conversationId).toBe(kept.conversationId);
      });

      test("removeForUser removes only that user's personal chats, and countForUser counts only those", async () => {
        const userId = unique('user');
        const other = unique('user');
        const group = groupChat(unique('19:group'), at(1), userId);
        await store.conversations.save(personalChat(userId, unique('a:one'), at(1)));
        await store.conversations.save(personalChat(userId, unique('a:two'), at(2)));
        await store.conversations.save(group);
        await store.conversations.save(personalChat(other, unique('a:other'), at(3)));

        await expect(store.conversations.countForUser(userId)).resolves.toBe(2);
        await expect(store.conversations.removeForUser(userId)).resolves.toBe(2);
        await expect(store.conversations.countForUser(userId)).resolves.toBe(0);
        await expect(store.conversations.findPersonal(userId)).resolves.toBeUndefined();
        expect((await store.conversations.get(group.conversationId))?.kind).toBe('groupChat');
        await expect(store.conversations.countForUser(other)).resolves.toBe(1);
        await expect(store.conversations.removeForUser(userId)).resolves.toBe(0);
      });
    });

    describe('state', () => {
      test('reading several keys answers only the stored ones, with their values and etags', async () => {
        const [a, b, missing] = [unique('state/a'), unique('state/b'), unique('state/missing')];
        await store.state.write(a, undefined, '{"n":1}', undefined, at(1));
        await store.state.write(b, undefined, '{"n":2}', undefined, at(1));
        await store.state.write(b, undefined, '{"n":3}', undefined, at(2));

        const found = await store.state.read([a, b, missing]);
        expect(found.size).toBe(2);
        expect(found.get(a)).toEqual({ value: '{"n":1}', etag: 1 });
        expect(found.get(b)).toEqual({ value: '{"n":3}', etag: 2 });
        expect(found.has(missing)).toBe(false);
      });

      test('reading no keys answers an empty map', async () => {
        await expect(store.state.read([])).resolves.toEqual(new Map());
      });

      test('writing without an etag creates the document at etag 1, and each further write increments it', async () => {
        const key = unique('state');
        await expect(store.state.write(key, undefined, 'v1', undefined, at(1))).resolves.toBe(1);
        await expect(store.state.write(key, undefined, 'v2', undefined, at(2))).resolves.toBe(2);
        await expect(store.state.write(key, undefined, 'v3', undefined, at(3))).resolves.toBe(3);
        expect((await store.state.read([key])).get(key)).toEqual({ value: 'v3', etag: 3 });
      });

      test('writing with the current etag succeeds and answers the next etag', async () => {
        const key = unique('state');
        await store.state.write(key, undefined, 'v1', undefined, at(1));
        await expect(store.state.write(key, undefined, 'v2', 1, at(2))).resolves.toBe(2);
        expect((await store.state.read([key])).get(key)).toEqual({ value: 'v2', etag: 2 });
      });

      test('writing with a stale etag answers conflict and changes nothing', async () => {
        const key = unique('state');
        await store.state.write(key, 'owner-1', 'v1', undefined, at(1));
        await store.state.write(key, 'owner-1', 'v2', 1, at(2));

        await expect(store.state.write(key, 'owner-2', 'stale', 1, at(3))).resolves.toBe('conflict');
        expect((await store.state.read([key])).get(key)).toEqual({ value: 'v2', etag: 2 });
        await expect(store.state.countForOwner('owner-2')).resolves.toBe(0);
      });

      test('writing with an etag for a document deleted since it was read writes it anew, as botbuilder storages do', async () => {
        const key = unique('state');
        await expect(store.state.write(key, undefined, 'v1', 4, at(1))).resolves.toBe(1);
        await expect(store.state.read([key])).resolves.toEqual(new Map([[key, { value: 'v1', etag: 1 }]]));
      });

      test('delete removes exactly the given keys and ignores unknown ones', async () => {
        const [a, b, c] = [unique('state/a'), unique('state/b'), unique('state/c')];
        for (const key of [a, b, c]) await store.state.write(key, undefined, key, undefined, at(1));

        await store.state.delete([a, c, unique('state/unknown')]);
        await store.state.delete([]);
        expect([...(await store.state.read([a, b, c])).keys()]).toEqual([b]);
      });

      test("countForOwner and deleteForOwner touch only that owner's documents", async () => {
        const owner = unique('29:owner');
        const other = unique('29:other');
        const keys = [unique('state/mine'), unique('state/mine'), unique('state/theirs'), unique('state/nobody')];
        await store.state.write(keys[0] ?? '', owner, 'a', undefined, at(1));
        await store.state.write(keys[1] ?? '', owner, 'b', undefined, at(1));
        await store.state.write(keys[2] ?? '', other, 'c', undefined, at(1));
        await store.state.write(keys[3] ?? '', undefined, 'd', undefined, at(1));

        await expect(store.state.countForOwner(owner)).resolves.toBe(2);
        await expect(store.state.deleteForOwner(owner)).resolves.toBe(2);
        await expect(store.state.countForOwner(owner)).resolves.toBe(0);
        await expect(store.state.deleteForOwner(owner)).resolves.toBe(0);
        expect([...(await store.state.read(keys)).keys()].sort()).toEqual([keys[2], keys[3]].sort());
        await expect(store.state.countForOwner(other)).resolves.toBe(1);
      });
    });

    describe('personal data', () => {
      /** One user's full footprint: a locale, two personal chats, a private state document, a vote. */
      async function seedUser(userId: string): Promise<{ groupId: string; sharedStateKey: string; privateStateKey: string }> {
        const groupId = unique('19:group');
        const conversationId = unique('a:conv');
        const privateStateKey = `msteams/conversations/${conversationId}/users/${userId}`;
        const sharedStateKey = `msteams/conversations/${groupId}`;
        await store.users.setLocale(userId, 'fr', at(1));
        await store.conversations.save(personalChat(userId, conversationId, at(1)));
        await store.conversations.save(personalChat(userId, unique('a:conv'), at(2)));
        await store.conversations.save(groupChat(groupId, at(3), userId));
        await store.state.write(privateStateKey, userId, '{"dialog":{}}', undefined, at(4));
        await store.state.write(sharedStateKey, undefined, '{}', undefined, at(4));
        await store.feedback.record({ answerId: unique('kb.validity'), userId, helpful: true, locale: 'fr', at: at(5) });
        return { groupId, sharedStateKey, privateStateKey };
      }

      /** What seedUser leaves about one user, by category. */
      const SEEDED_USER_DATA = {
        items: [
          { category: 'preferences', count: 1 },
          { category: 'conversations', count: 2 },
          { category: 'conversationState', count: 1 },
          { category: 'feedback', count: 1 },
        ],
        total: 5,
      };

      test("describing a user's personal data counts each category of that user only", async () => {
        const userId = unique('29:user');
        await seedUser(userId);
        await seedUser(unique('29:someone-else'));

        await expect(describePersonalData(personalDataOf(store), userId)).resolves.toEqual(SEEDED_USER_DATA);
      });

      test("erasing a user's personal data removes all of it and leaves another user's and shared data untouched", async () => {
        const userId = unique('29:user');
        const otherId = unique('29:other');
        const mine = await seedUser(userId);
        const theirs = await seedUser(otherId);

        await expect(erasePersonalData(personalDataOf(store), userId)).resolves.toEqual(SEEDED_USER_DATA);
        await expect(describePersonalData(personalDataOf(store), userId)).resolves.toEqual({ items: [], total: 0 });
        await expect(store.users.exists(userId)).resolves.toBe(false);
        await expect(store.state.read([mine.privateStateKey])).resolves.toEqual(new Map());
        // Group chats and conversation-wide state are not the user's: they stay.
        expect((await store.conversations.get(mine.groupId))?.kind).toBe('groupChat');
        expect([...(await store.state.read([mine.sharedStateKey])).keys()]).toEqual([mine.sharedStateKey]);

        await expect(describePersonalData(personalDataOf(store), otherId)).resolves.toEqual(SEEDED_USER_DATA);
        expect([...(await store.state.read([theirs.privateStateKey])).keys()]).toEqual([theirs.privateStateKey]);
      });

      test('a user the bot never met is described as holding nothing, and erasing them erases nothing', async () => {
        const userId = unique('29:stranger');
        await expect(describePersonalData(personalDataOf(store), userId)).resolves.toEqual({ items: [], total: 0 });
        await expect(erasePersonalData(personalDataOf(store), userId)).resolves.toEqual({ items: [], total: 0 });
      });
    });

    describe('answer feedback', () => {
      test('a vote is kept once per user and answer: a second vote replaces the first', async () => {
        const answerId = unique('kb.renewal');
        const userId = unique('29:user');
        await store.feedback.record({ answerId, userId, helpful: true, locale: 'fr', at: at(1) });
        await store.feedback.record({ answerId, userId, helpful: false, locale: 'en', at: at(2) });

        const mine = (await store.feedback.summary()).filter((row) => row.answerId === answerId);
        expect(mine).toEqual([{ answerId, helpful: 0, notHelpful: 1 }]);
        const rows = await store.db.query<{ helpful: number; locale: string; created_at: number }>(
          'SELECT helpful, locale, created_at FROM answer_feedback WHERE answer_id = $1',
          [answerId],
        );
        expect(rows).toEqual([{ helpful: 0, locale: 'en', created_at: at(2).getTime() }]);
      });

      test('the summary counts helpful and unhelpful votes per answer, ordered by answer id', async () => {
        const prefix = unique('kb');
        const [a, b] = [`${prefix}.a`, `${prefix}.b`];
        await store.feedback.record({ answerId: b, userId: 'u1', helpful: true, locale: 'fr', at: at(1) });
        await store.feedback.record({ answerId: a, userId: 'u1', helpful: true, locale: 'fr', at: at(1) });
        await store.feedback.record({ answerId: a, userId: 'u2', helpful: true, locale: 'en', at: at(1) });
        await store.feedback.record({ answerId: a, userId: 'u3', helpful: false, locale: 'fr', at: at(1) });

        const mine = (await store.feedback.summary()).filter((row) => row.answerId.startsWith(prefix));
        expect(mine).toEqual([
          { answerId: a, helpful: 2, notHelpful: 1 },
          { answerId: b, helpful: 1, notHelpful: 0 },
        ]);
      });

      test("countForUser and removeForUser touch only that user's votes", async () => {
        const userId = unique('29:user');
        const other = unique('29:other');
        const answerId = unique('kb.contacts');
        await store.feedback.record({ answerId, userId, helpful: true, locale: 'fr', at: at(1) });
        await store.feedback.record({ answerId: unique('kb.guides'), userId, helpful: false, locale: 'fr', at: at(1) });
        await store.feedback.record({ answerId, userId: other, helpful: true, locale: 'fr', at: at(1) });

        await expect(store.feedback.countForUser(userId)).resolves.toBe(2);
        await expect(store.feedback.removeForUser(userId)).resolves.toBe(2);
        await expect(store.feedback.countForUser(userId)).resolves.toBe(0);
        await expect(store.feedback.removeForUser(userId)).resolves.toBe(0);
        await expect(store.feedback.countForUser(other)).resolves.toBe(1);
        expect((await store.feedback.summary()).filter((row) => row.answerId === answerId)).toEqual([
          { answerId, helpful: 1, notHelpful: 0 },
        ]);
      });
    });

    describe('unanswered questions', () => {
      /** Each test reads its own year, so the shared table's other rows never reach it. */
      const yearStart = (year: number): Date => new Date(Date.UTC(year, 0, 1));
      const inYear = (year: number, minutes: number): Date => new Date(yearStart(year).getTime() + minutes * 60_000);

      test('questions that differ only by case, accents and punctuation count as one gap, with the latest time', async () => {
        const year = 2101;
        const variants = ['Où est mon certificat ?', 'ou est mon certificat', 'OÙ EST MON CERTIFICAT !!'];
        for (const [i, text] of variants.entries()) await store.unanswered.record({ text, locale: 'fr', at: inYear(year, i) });
        await store.unanswered.record({ text: 'Quel temps fait-il ?', locale: 'fr', at: inYear(year, 10) });

        const gaps = await store.unanswered.mostFrequent(yearStart(year), 10);
        expect(gaps.map((gap) => [gap.count, gap.lastAt.getTime(), gap.locale])).toEqual([
          [3, inYear(year, 2).getTime(), 'fr'],
          [1, inYear(year, 10).getTime(), 'fr'],
        ]);
        expect(variants).toContain(gaps[0]?.text);
        expect(gaps[1]?.text).toBe('Quel temps fait-il ?');
      });

      test('equally frequent gaps come most recent first, and limit caps the list', async () => {
        const year = 2102;
        await store.unanswered.record({ text: 'older gap', locale: 'en', at: inYear(year, 1) });
        await store.unanswered.record({ text: 'newer gap', locale: undefined, at: inYear(year, 2) });
        await store.unanswered.record({ text: 'newest gap', locale: 'en', at: inYear(year, 3) });

        const gaps = await store.unanswered.mostFrequent(yearStart(year), 2);
        expect(gaps).toEqual([
          { text: 'newest gap', count: 1, lastAt: inYear(year, 3), locale: 'en' },
          { text: 'newer gap', count: 1, lastAt: inYear(year, 2), locale: undefined },
        ]);
      });

      test('questions asked before `since` are left out', async () => {
        const year = 2103;
        await store.unanswered.record({ text: 'before', locale: 'fr', at: inYear(year, -1) });
        await store.unanswered.record({ text: 'after', locale: 'fr', at: inYear(year, 0) });
        const gaps = await store.unanswered.mostFrequent(yearStart(year), 10);
        expect(gaps.filter((gap) => gap.lastAt.getUTCFullYear() === year).map((gap) => gap.text)).toEqual(['after']);
        expect(gaps.map((gap) => gap.text)).not.toContain('before');
      });

      test('a question is kept trimmed and cut to 300 characters', async () => {
        const year = 2104;
        await store.unanswered.record({ text: `   ${'a'.repeat(400)}   `, locale: 'fr', at: inYear(year, 0) });
        const [gap] = await store.unanswered.mostFrequent(yearStart(year), 1);
        expect(gap?.text).toBe('a'.repeat(300));
      });

      test('e-mail addresses and phone numbers are redacted before the question is stored; FINESS numbers stay', async () => {
        const year = 2105;
        await store.unanswered.record({ text: 'Mon FINESS 010780914, écrivez à jean.dupont@chu.fr ou au 06 12 34 56 78', locale: 'fr', at: inYear(year, 0) });
        const rows = await store.db.query<{ text: string }>('SELECT text FROM unanswered_questions WHERE created_at = $1', [inYear(year, 0).getTime()]);
        expect(rows).toEqual([{ text: 'Mon FINESS 010780914, écrivez à [email] ou au [phone]' }]);
      });

      test('questions older than the retention are purged, newer ones kept', async () => {
        await store.unanswered.record({ text: 'very old gap', locale: 'fr', at: inYear(2090, 0) });
        await store.unanswered.record({ text: 'recent gap', locale: 'fr', at: inYear(2106, 0) });

        await expect(store.unanswered.purgeBefore(yearStart(2100))).resolves.toBe(1);

        expect((await store.unanswered.mostFrequent(yearStart(2080), 100)).map((gap) => gap.text)).not.toContain('very old gap');
        expect((await store.unanswered.mostFrequent(yearStart(2106), 10)).map((gap) => gap.text)).toEqual(['recent gap']);
      });
    });

    describe('transactions', () => {
      test('a transaction that throws rolls back every write and rethrows the error', async () => {
        const userId = unique('user');
        const key = unique('state');
        const failure = new Error('boom inside the transaction');
        await expect(
          store.db.transaction(async (tx) => {
            await new SqlUserPreferencesRepository(tx).setLocale(userId, 'en', at(1));
            await store.state.write(key, userId, 'v', undefined, at(1), tx);
            throw failure;
          }),
        ).rejects.toBe(failure);

        await expect(store.users.exists(userId)).resolves.toBe(false);
        await expect(store.state.read([key])).resolves.toEqual(new Map());
      });

      test('a transaction that completes commits its writes and answers what its work answered', async () => {
        const userId = unique('user');
        await expect(
          store.db.transaction(async (tx) => {
            await new SqlUserPreferencesRepository(tx).setLocale(userId, 'en', at(1));
            return 'done';
          }),
        ).resolves.toBe('done');
        await expect(store.users.getLocale(userId)).resolves.toBe('en');
      });

      test('the store stays usable after a failed transaction', async () => {
        await expect(store.db.transaction(() => Promise.reject(new Error('first fails')))).rejects.toThrow('first fails');
        const userId = unique('user');
        await store.users.setLocale(userId, 'fr', at(1));
        await expect(store.users.getLocale(userId)).resolves.toBe('fr');
      });
    });

    describe('restart', () => {
      test('a store opened again on the same database keeps what was written before the first one closed', async () => {
        const userId = unique('29:user');
        const record = personalChat(userId, unique('a:conv'), at(1));
        const key = `msteams/conversations/${record.conversationId}/users/${userId}`;

        const first = await open();
        await first.users.setLocale(userId, 'en', at(1));
        await first.conversations.register(record);
        await first.state.write(key, userId, '{"n":7}', undefined, at(1));
        await first.close();

        const second = await open();
        try {
          await expect(second.users.getLocale(userId)).resolves.toBe('en');
          await expect(second.conversations.get(record.conversationId)).resolves.toEqual({ ...record, unreachableReason: undefined });
          await expect(second.conversations.register(record)).resolves.toBe(false);
          expect((await second.state.read([key])).get(key)).toEqual({ value: '{"n":7}', etag: 1 });
          await expect(migrate(second.db, at(2).getTime())).resolves.toEqual([]);
        } finally {
          await second.close();
        }
      });
    });
  });
}
