import type { ConversationRecord } from '../../../src/domain/conversation';
import type { CertificateSummary } from '../../../src/domain/reminders/reminder-repository';
import type { TabViewer } from '../../../src/features/tab/tab-viewer';
import { TeamViews, type TeamMembership } from '../../../src/features/tab/team-view';
import { certificate } from '../../fixtures/reminders';

/** The team tab in Teams: only members of the team (as Teams answers) see what its channels are reminded of. */
const TEAM = '19:team@thread.tacv2';
const NOW = new Date('2026-10-01T08:00:00Z');
const channel: ConversationRecord = {
  conversationId: '19:certificats@thread.tacv2',
  kind: 'channel',
  tenantId: 'tenant-a',
  teamId: TEAM,
  channelId: '19:certificats@thread.tacv2',
  userId: undefined,
  serviceUrl: 'https://smba.trafficmanager.net/fr/',
  reference: {},
  unreachableReason: undefined,
  updatedAt: NOW,
};
const cert = certificate({ label: 'INSi – CH', expiryDate: '2026-11-26' });
const summary: CertificateSummary = { certificate: cert, targets: [], nextDelivery: undefined, lastDelivery: undefined };
const viewer: TabViewer = { mode: 'teams', aadObjectId: 'aad-camille', tenantId: 'tenant-a', name: 'Camille', person: undefined, locale: 'fr' };

function views(membership: TeamMembership, asked: Array<[string, string]> = []) {
  return new TeamViews({
    register: { listForConversations: async (ids) => (ids.includes(channel.conversationId) ? [summary] : []) },
    conversations: {
      listForTeam: async (teamId, tenantId) => (teamId === TEAM && tenantId === 'tenant-a' ? [channel] : []),
      latest: async () => channel,
    },
    membership: async (where, aad) => {
      asked.push([where.teamId ?? '', aad]);
      return membership(where, aad);
    },
    // The support queues are RequestViews' (tested with the tab API): this team works none.
    requests: { queuesOf: async () => [] },
    clock: { now: () => NOW },
    renewalLeadMonths: 2,
  });
}

describe('« Certificats de l’équipe » in Teams', () => {
  it("shows a member the team's certificates, with their status as the personal tab colours it", async () => {
    const view = await views(async () => true).view(viewer, TEAM);
    expect(view).toMatchObject({ notice: undefined, certificates: [{ label: 'INSi – CH', status: 'renew-now', statusLabel: 'À renouveler' }] });
  });

  it('refuses someone Teams says is not a member, and someone Teams cannot vouch for (asked again next time)', async () => {
    expect(await views(async () => false).view(viewer, TEAM)).toBe('forbidden');
    const asked: Array<[string, string]> = [];
    const unsure = views(async () => undefined, asked);
    expect(await unsure.view(viewer, TEAM)).toBe('forbidden');
    expect(await unsure.view(viewer, TEAM)).toBe('forbidden');
    expect(asked).toEqual([
      [TEAM, 'aad-camille'],
      [TEAM, 'aad-camille'],
    ]);
  });

  it('asks Teams once for several loads of the same person', async () => {
    const asked: Array<[string, string]> = [];
    const member = views(async () => true, asked);
    await member.view(viewer, TEAM);
    await member.view(viewer, TEAM);
    expect(asked).toHaveLength(1);
  });

  it('a team the bot is in no channel of, or of another tenant, shows nothing and says why', async () => {
    const view = await views(async () => true).view({ ...viewer, tenantId: 'tenant-b' }, TEAM);
    expect(view).toMatchObject({ certificates: [], notice: expect.stringContaining("certibot n'est dans aucun canal") });
    expect(await views(async () => true).view(viewer, undefined)).toMatchObject({ certificates: [] });
  });
});
