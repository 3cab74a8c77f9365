import { noticeRecipients, type OtherTarget } from '../../../src/domain/reminders/notice-recipients';

const t = (certificateId: string, conversationId: string, kind: OtherTarget['kind'], reachable = true): OtherTarget => ({
  certificateId,
  expiryDate: certificateId === 'soon' ? '2026-09-01' : '2026-12-01',
  conversationId,
  kind,
  reachable,
});

describe('who is told that a conversation can no longer be reached', () => {
  it.each<[string, OtherTarget[], Array<[string, string]>]>([
    ['nobody else: nobody told', [], []],
    ['the other owners, not the channels', [t('c', 'alice', 'personal'), t('c', 'team', 'channel'), t('c', 'bob', 'personal')], [['alice', 'c'], ['bob', 'c']]],
    ['no other owner: the other targets', [t('c', 'team', 'channel'), t('c', 'group', 'groupChat')], [['team', 'c'], ['group', 'c']]],
    ['an unreachable owner is not told; the reachable channel is, when no owner is left', [t('c', 'alice', 'personal', false), t('c', 'team', 'channel')], [['team', 'c']]],
    ['one notice per recipient, about the first certificate given', [t('soon', 'alice', 'personal'), t('c', 'alice', 'personal')], [['alice', 'soon']]],
    ['each certificate decides for itself', [t('soon', 'alice', 'personal'), t('c', 'team', 'channel')], [['alice', 'soon'], ['team', 'c']]],
  ])('%s', (_case, others, told) => {
    expect(noticeRecipients(others).map((r) => [r.conversationId, r.certificateId])).toEqual(told);
  });

  it('carries the expiry cycle of the certificate the notice is filed under', () => {
    expect(noticeRecipients([t('soon', 'alice', 'personal')])).toEqual([{ conversationId: 'alice', certificateId: 'soon', expiryDate: '2026-09-01' }]);
  });
});
