import type { Clock } from '../../domain/clock';
import type { SupportChannel } from '../../domain/tickets/ticket-repository';

/** How long a roster answer is trusted: someone removed from the support team loses access within a minute. */
const TTL_MS = 60_000;

/**
 * Who belongs to a support team, asked of the connector on every agent action and cached briefly. An answer the
 * connector could not give (undefined) counts as "not a member" and is not cached.
 */
export class RosterCache {
  private readonly answers = new Map<string, { readonly member: boolean; readonly until: number }>();

  constructor(
    private readonly lookup: (channel: SupportChannel, userId: string) => Promise<boolean | undefined>,
    private readonly clock: Clock,
  ) {}

  async isMember(channel: SupportChannel, userId: string): Promise<boolean> {
    const key = `${channel.teamId ?? channel.conversationId}\u0000${userId}`;
    const now = this.clock.now().getTime();
    const known = this.answers.get(key);
    if (known && known.until > now) return known.member;
    const member = await this.lookup(channel, userId);
    if (member === undefined) return false;
    if (this.answers.size > 10_000) this.answers.clear();
    this.answers.set(key, { member, until: now + TTL_MS });
    return member;
  }
}
