import type { Locale } from '../domain/locale';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { queryOne, type SqlExecutor } from './sql';

/** User preferences in the `users` table, for both engines. */
export class SqlUserPreferencesRepository implements UserPreferencesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async getLocale(userId: string): Promise<Locale | undefined> {
    const row = await queryOne<{ locale: string | null }>(this.db, 'SELECT locale FROM users WHERE user_id = $1', [userId]);
    return (row?.locale as Locale | null) ?? undefined;
  }

  async setLocale(userId: string, locale: Locale, at: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO users (user_id, locale, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
      [userId, locale, at.getTime()],
    );
  }

  async remove(userId: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM users WHERE user_id = $1', [userId])) > 0;
  }

  async exists(userId: string): Promise<boolean> {
    return (await queryOne(this.db, 'SELECT 1 AS found FROM users WHERE user_id = $1', [userId])) !== undefined;
  }
}
