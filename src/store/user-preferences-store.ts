import type { Locale } from '../domain/locale';
import type { Identity, Person, UserPreferencesRepository } from '../domain/user-preferences';
import { queryOne, type SqlExecutor } from './sql';

/** A row of `users`, as both engines read it. */
export interface PersonRow {
  user_id: string;
  locale: string | null;
  aad_object_id: string | null;
  tenant_id: string | null;
}

const COLUMNS = 'user_id, locale, aad_object_id, tenant_id';

/** A stored person as the domain sees them. */
export const toPerson = (row: PersonRow): Person => ({
  userId: row.user_id,
  locale: (row.locale as Locale | null) ?? undefined,
  aadObjectId: row.aad_object_id ?? undefined,
  tenantId: row.tenant_id ?? undefined,
});

/** People (language, Teams and Entra identities) in the `users` table, for both engines. */
export class SqlUserPreferencesRepository implements UserPreferencesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async getLocale(userId: string): Promise<Locale | undefined> {
    return (await this.get(userId))?.locale;
  }

  async setLocale(userId: string, locale: Locale, at: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO users (user_id, locale, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
      [userId, locale, at.getTime()],
    );
  }

  async get(userId: string): Promise<Person | undefined> {
    const row = await queryOne<PersonRow>(this.db, `SELECT ${COLUMNS} FROM users WHERE user_id = $1`, [userId]);
    return row && toPerson(row);
  }

  async identify(identity: Identity, at: Date): Promise<void> {
    const aad = identity.aadObjectId?.toLowerCase() ?? null;
    const tenant = identity.tenantId ?? null;
    await this.db.execute(
      `INSERT INTO users (user_id, locale, aad_object_id, tenant_id, created_at, updated_at) VALUES ($1, NULL, $2, $3, $4, $4)
       ON CONFLICT (user_id) DO UPDATE SET aad_object_id = excluded.aad_object_id, tenant_id = excluded.tenant_id, updated_at = excluded.updated_at
       WHERE users.aad_object_id IS DISTINCT FROM excluded.aad_object_id OR users.tenant_id IS DISTINCT FROM excluded.tenant_id`,
      [identity.userId, aad, tenant, at.getTime()],
    );
  }

  async findByAad(aadObjectId: string, tenantId: string): Promise<Person | undefined> {
    const row = await queryOne<PersonRow>(
      this.db,
      `SELECT ${COLUMNS} FROM users WHERE aad_object_id = $1 AND tenant_id = $2 ORDER BY updated_at DESC LIMIT 1`,
      [aadObjectId.toLowerCase(), tenantId],
    );
    return row && toPerson(row);
  }

  async remove(userId: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM users WHERE user_id = $1', [userId])) > 0;
  }

  async exists(userId: string): Promise<boolean> {
    return (await queryOne(this.db, 'SELECT 1 AS found FROM users WHERE user_id = $1', [userId])) !== undefined;
  }
}
