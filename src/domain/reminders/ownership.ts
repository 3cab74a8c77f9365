import type { Identity } from '../user-preferences';
import type { RegisteredCertificate } from './reminder-repository';

/** Teams lets at most this many people get a view of a card of their own (refresh.userIds). */
export const MAX_OWN_VIEWS = 60;

/** The Teams ids of the people who answer for a certificate: its creator, then those reminded in their personal chat. */
export function ownerIds(registered: RegisteredCertificate): string[] {
  const ids = [registered.certificate.createdBy, ...registered.targets.flatMap((target) => (target.userId ? [target.userId] : []))];
  // A creator who erased their data is ''.
  return [...new Set(ids.filter((id) => id !== ''))];
}

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
