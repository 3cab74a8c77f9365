import type { Identity } from '../user-preferences';
import type { RegisteredCertificate } from './reminder-repository';

/**
 * Who answers for a certificate: the person who registered it, and everyone reminded of it in their personal chat —
 * of the tenant it was registered in, when both are known. Only they may delete it, stop its reminders or send them
 * to another channel.
 */
export function isOwner(registered: RegisteredCertificate, actor: Pick<Identity, 'userId' | 'tenantId'>): boolean {
  const { tenantId } = registered.certificate;
  if (tenantId && actor.tenantId && tenantId !== actor.tenantId) return false;
  return registered.certificate.createdBy === actor.userId || registered.targets.some((target) => target.userId === actor.userId);
}
