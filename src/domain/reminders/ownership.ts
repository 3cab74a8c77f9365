import type { RegisteredCertificate } from './reminder-repository';

/**
 * Who answers for a certificate: the person who registered it, and everyone reminded of it in their personal chat.
 * Only they may delete it, stop its reminders or send them to another channel.
 */
export function isOwner(registered: RegisteredCertificate, userId: string): boolean {
  return registered.certificate.createdBy === userId || registered.targets.some((target) => target.userId === userId);
}
