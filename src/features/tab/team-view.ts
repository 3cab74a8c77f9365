import { parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { ConversationRecord, ConversationRepository } from '../../domain/conversation';
import type { CertificateRegister } from '../../domain/reminders/reminder-repository';
import { plainTranslator } from '../../messages/translator';
import { datesOf, statusOf, viewerView } from './certificates-view';
import type { RequestViews } from './requests-view';
import type { TabViewer } from './tab-viewer';
import type { TeamView } from './tab-views';

/** Whether a person (Entra object id) is a member of the team a channel belongs to; undefined: Teams could not say. */
export type TeamMembership = (channel: ConversationRecord, aadObjectId: string) => Promise<boolean | undefined>;

export interface TeamViewDeps {
  readonly register: Pick<CertificateRegister, 'listForConversations'>;
  readonly conversations: Pick<ConversationRepository, 'listForTeam' | 'latest'>;
  readonly membership: TeamMembership;
  readonly requests: Pick<RequestViews, 'queuesOf'>;
  readonly clock: Clock;
  readonly renewalLeadMonths: number;
}

/** How long a membership answer is trusted: a page reload does not ask Teams again, a removal counts within minutes. */
const MEMBERSHIP_TTL_MS = 5 * 60 * 1000;
const MAX_MEMBERSHIPS = 1000;

/**
 * « Certificats de l'équipe »: the certificates reminded in the channels of one team, soonest expiry first, with the
 * personal tab's status colours, and, in a support team, the open tickets of the queues its channels work (its members
 * are that queue's agents) — for members of that team only. In Teams the team comes from the tab's context and
 * membership is asked of Teams (the context itself proves nothing); in local mode it is the team of the channel saved
 * last.
 */
export class TeamViews {
  private readonly members = new Map<string, { readonly member: boolean; readonly until: number }>();

  constructor(private readonly deps: TeamViewDeps) {}

  /** The team's view, or 'forbidden' when the person is not (or cannot be shown to be) one of its members. */
  async view(viewer: TabViewer, teamId: string | undefined): Promise<TeamView | 'forbidden'> {
    const tr = plainTranslator(viewer.locale);
    const channels = await this.channelsOf(viewer, teamId);
    if (viewer.mode === 'teams' && !(await this.isMember(channels[0], viewer.aadObjectId))) return 'forbidden';
    const now = this.deps.clock.now();
    const today = parisDate(now);
    const [summaries, queues] = await Promise.all([
      this.deps.register.listForConversations(
        channels.map((channel) => channel.conversationId),
        now,
      ),
      this.deps.requests.queuesOf(channels, tr),
    ]);
    return {
      locale: viewer.locale,
      viewer: viewerView(viewer, tr, 'team'),
      notice: channels.length === 0 ? tr('tab.team.notInstalled') : undefined,
      certificates: summaries.map((summary) => ({
        id: summary.certificate.id,
        label: summary.certificate.label,
        ...statusOf(summary.certificate.expiryDate, today, this.deps.renewalLeadMonths, tr),
        ...datesOf(summary, today, viewer.locale, tr, now),
      })),
      queues,
    };
  }

  /** The team's channels the bot is in: of the team the tab is in and the viewer's tenant, or local mode's team. */
  private async channelsOf(viewer: TabViewer, teamId: string | undefined): Promise<ConversationRecord[]> {
    if (viewer.mode === 'teams') return teamId ? this.deps.conversations.listForTeam(teamId, viewer.tenantId) : [];
    const latest = await this.deps.conversations.latest('channel');
    return latest?.teamId ? this.deps.conversations.listForTeam(latest.teamId, latest.tenantId) : [];
  }

  private async isMember(channel: ConversationRecord | undefined, aadObjectId: string | undefined): Promise<boolean> {
    // A team the bot is not in shows nothing, and says nothing about who is in it.
    if (!channel || !aadObjectId) return channel === undefined;
    const key = `${channel.teamId ?? channel.conversationId}|${aadObjectId}`;
    const now = this.deps.clock.now().getTime();
    const known = this.members.get(key);
    if (known && known.until > now) return known.member;
    const member = await this.deps.membership(channel, aadObjectId);
    // "Cannot say" is not remembered: the next load asks again.
    if (member === undefined) return false;
    if (this.members.size >= MAX_MEMBERSHIPS) this.members.clear();
    this.members.set(key, { member, until: now + MEMBERSHIP_TTL_MS });
    return member;
  }
}
