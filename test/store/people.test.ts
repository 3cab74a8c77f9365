import { forEachEngine, withStore, type Engine } from './engines';

const AT = new Date('2026-09-01T08:00:00.000Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

forEachEngine((engine: Engine) => {
  describe('people, known by Teams id and by Entra id and tenant', () => {
    test('a person identified in a chat is found again by their Entra object id and tenant, in any case', () =>
      withStore(engine, async (store) => {
        await store.users.identify({ userId: '29:alice', aadObjectId: 'AAAA-1111', tenantId: 'tenant-a' }, AT);

        await expect(store.users.findByAad('aaaa-1111', 'tenant-a')).resolves.toMatchObject({ userId: '29:alice', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' });
        await expect(store.users.findByAad('AAAA-1111', 'tenant-a')).resolves.toMatchObject({ userId: '29:alice' });
        await expect(store.users.findByAad('aaaa-1111', 'tenant-b')).resolves.toBeUndefined();
        await expect(store.users.findByAad('bbbb-2222', 'tenant-a')).resolves.toBeUndefined();
      }));

    test('identifying keeps the chosen language, and writes nothing when nothing changed', () =>
      withStore(engine, async (store) => {
        await store.users.setLocale('29:alice', 'en', AT);
        await store.users.identify({ userId: '29:alice', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' }, later(1000));
        await store.users.identify({ userId: '29:alice', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' }, later(2000));

        await expect(store.users.get('29:alice')).resolves.toEqual({ userId: '29:alice', locale: 'en', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' });
        const [row] = await store.db.query<{ updated_at: number }>("SELECT updated_at FROM users WHERE user_id = '29:alice'");
        expect(Number(row?.updated_at)).toBe(later(1000).getTime());
      }));

    test('“delete my data” forgets the identity with the person', () =>
      withStore(engine, async (store) => {
        await store.users.identify({ userId: '29:alice', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' }, AT);
        await store.users.remove('29:alice');

        await expect(store.users.findByAad('aaaa-1111', 'tenant-a')).resolves.toBeUndefined();
      }));
  });
});
