import type { RegisteredCertificate } from '../../../src/domain/reminders/reminder-repository';
import { isOwner, ownerIds } from '../../../src/domain/reminders/ownership';
import { certificate } from '../../fixtures/reminders';

const registered = (tenantId: string | undefined): RegisteredCertificate => {
  const cert = { ...certificate({ createdBy: '29:alice' }), tenantId };
  return {
    certificate: cert,
    targets: [
      { certificateId: cert.id, conversationId: 'a:alice', kind: 'personal', userId: '29:alice' },
      { certificateId: cert.id, conversationId: 'a:bob', kind: 'personal', userId: '29:bob' },
      { certificateId: cert.id, conversationId: '19:team', kind: 'channel', userId: undefined },
    ],
  };
};

describe('who answers for a certificate', () => {
  it.each<[string, string | undefined, { userId: string; tenantId?: string }, boolean]>([
    ['its creator', 'tenant-a', { userId: '29:alice', tenantId: 'tenant-a' }, true],
    ['a co-owner reminded in their personal chat', 'tenant-a', { userId: '29:bob', tenantId: 'tenant-a' }, true],
    ['a member of a channel it reminds', 'tenant-a', { userId: '29:carol', tenantId: 'tenant-a' }, false],
    ['its creator’s id coming from another tenant', 'tenant-a', { userId: '29:alice', tenantId: 'tenant-b' }, false],
    ['a co-owner’s id coming from another tenant', 'tenant-a', { userId: '29:bob', tenantId: 'tenant-b' }, false],
    ['its creator, the request carrying no tenant (local mode, Emulator)', 'tenant-a', { userId: '29:alice' }, true],
    ['its creator, a certificate registered before tenants were recorded', undefined, { userId: '29:alice', tenantId: 'tenant-b' }, true],
  ])('%s: %s', (_case, tenantId, actor, expected) => {
    expect(isOwner(registered(tenantId), actor)).toBe(expected);
  });
});

describe('the owners, as Teams ids (whose clients fetch a view of their own)', () => {
  it('the creator first, then each person reminded in their personal chat, once each; no channel', () => {
    expect(ownerIds(registered('tenant-a'))).toEqual(['29:alice', '29:bob']);
  });

  it('a creator who erased their data is no one', () => {
    const erased = registered('tenant-a');
    expect(ownerIds({ ...erased, certificate: { ...erased.certificate, createdBy: '' }, targets: erased.targets.slice(1) })).toEqual(['29:bob']);
  });
});
