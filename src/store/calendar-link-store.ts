import type { CalendarLinkRecord, CalendarLinkRepository } from '../domain/calendar-link';
import { queryOne, type SqlExecutor } from './sql';

interface Row {
  token_hash: string;
  owner_id: string;
  payload: string;
  expires_at: number;
  created_at: number;
}

export class SqlCalendarLinkRepository implements CalendarLinkRepository {
  constructor(private readonly db: SqlExecutor) {}

  async create(link: CalendarLinkRecord): Promise<void> {
    await this.db.execute(
      'INSERT INTO calendar_links (token_hash, owner_id, payload, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [link.tokenHash, link.ownerId, link.payload, link.expiresAt.getTime(), link.createdAt.getTime()],
    );
  }

  async find(tokenHash: string, now: Date): Promise<CalendarLinkRecord | undefined> {
    const row = await queryOne<Row>(
      this.db,
      'SELECT token_hash, owner_id, payload, expires_at, created_at FROM calendar_links WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now.getTime()],
    );
    return (
      row && {
        tokenHash: row.token_hash,
        ownerId: row.owner_id,
        payload: row.payload,
        expiresAt: new Date(Number(row.expires_at)),
        createdAt: new Date(Number(row.created_at)),
      }
    );
  }

  purgeExpired(now: Date): Promise<number> {
    return this.db.execute('DELETE FROM calendar_links WHERE expires_at <= $1', [now.getTime()]);
  }

  async countForUser(userId: string): Promise<number> {
    const row = await queryOne<{ n: number }>(this.db, 'SELECT COUNT(*) AS n FROM calendar_links WHERE owner_id = $1', [userId]);
    return Number(row?.n ?? 0);
  }

  removeForUser(userId: string): Promise<number> {
    return this.db.execute('DELETE FROM calendar_links WHERE owner_id = $1', [userId]);
  }
}
