/**
 * A calendar file served under an unguessable link that expires. Only the SHA-256 of the link's token is stored,
 * so a database leak gives no working link.
 */
export interface CalendarLinkRecord {
  readonly tokenHash: string;
  readonly ownerId: string;
  /** What the file is made from (plan, label, language), as JSON; the file itself is built when fetched. */
  readonly payload: string;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

export interface CalendarLinkRepository {
  create(link: CalendarLinkRecord): Promise<void>;
  /** The link, if it exists and has not expired at `now`. */
  find(tokenHash: string, now: Date): Promise<CalendarLinkRecord | undefined>;
  purgeExpired(now: Date): Promise<number>;
  countForUser(userId: string): Promise<number>;
  removeForUser(userId: string): Promise<number>;
}
