import { storeOver } from '../../src/store';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import type { SqlDatabase } from '../../src/store/sql';
import { forEachRawEngine, type RawDatabase } from './raw-database';

const T0 = Date.UTC(2026, 5, 1);

/** A version-8 database: Alice chose English and has a personal chat; Bob only a personal chat; a team channel. */
async function version8(db: SqlDatabase): Promise<void> {
  await migrate(db, T0, MIGRATIONS.filter((migration) => migration.version <= 8));
  const conversation = `INSERT INTO conversations (conversation_id, kind, tenant_id, user_id, user_aad_id, service_url, reference, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, 'https://smba.example/', '{}', $6, $6)`;
  await db.execute(conversation, ['a:alice', 'personal', 'tenant-a', '29:alice', 'aaaa-1111', T0]);
  await db.execute(conversation, ['a:bob', 'personal', 'tenant-a', '29:bob', 'bbbb-2222', T0]);
  await db.execute(conversation, ['19:team@thread.tacv2', 'channel', 'tenant-a', null, null, T0]);
  await db.execute("INSERT INTO users (user_id, locale, created_at, updated_at) VALUES ('29:alice', 'en', $1, $1)", [T0]);
  const certificate = `INSERT INTO certificates (id, label, expiry_date, thresholds, weekly_after_expiry, delivery_hour, working_days_only, created_by, created_at, updated_at)
    VALUES ($1, 'DMP', '2026-11-26', '[30]', 0, 9, 0, $2, $3, $3)`;
  await db.execute(certificate, ['in-channel', '29:alice', T0]);
  await db.execute(certificate, ['nowhere', '29:ghost', T0]);
  await db.execute("INSERT INTO reminder_targets (certificate_id, conversation_id, kind, user_id, created_at) VALUES ('in-channel', '19:team@thread.tacv2', 'channel', NULL, $1)", [T0]);
}

describe('migration 9: people known on both sides, certificates with their tenant', () => {
  forEachRawEngine((open: () => Promise<RawDatabase>) => {
    let raw: RawDatabase;

    beforeEach(async () => {
      raw = await open();
      await version8(raw.db);
      await expect(migrate(raw.db, T0)).resolves.toEqual(MIGRATIONS.filter((m) => m.version > 8).map((m) => m.version));
    });

    afterEach(async () => {
      await raw.db.close();
      await raw.drop();
    });

    it('gives every person with a personal chat their Entra id and tenant, keeping their language', async () => {
      const store = storeOver(raw.db);

      await expect(store.users.findByAad('aaaa-1111', 'tenant-a')).resolves.toEqual({ userId: '29:alice', locale: 'en', aadObjectId: 'aaaa-1111', tenantId: 'tenant-a' });
      await expect(store.users.findByAad('bbbb-2222', 'tenant-a')).resolves.toEqual({ userId: '29:bob', locale: undefined, aadObjectId: 'bbbb-2222', tenantId: 'tenant-a' });
    });

    it('records the tenant of each certificate from its targets, and none where nothing tells it', async () => {
      const store = storeOver(raw.db);

      expect((await store.reminders.get('in-channel'))?.certificate.tenantId).toBe('tenant-a');
      expect((await store.reminders.get('nowhere'))?.certificate.tenantId).toBeUndefined();
    });
  });
});
