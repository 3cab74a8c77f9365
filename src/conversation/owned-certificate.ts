import type { ConversationRepository } from '../domain/conversation';
import type { ReminderTarget } from '../domain/reminders/certificate';
import { isOwner } from '../domain/reminders/ownership';
import type { RegisteredCertificate, CertificateRegister } from '../domain/reminders/reminder-repository';
import { refused, type Turn, type TurnOutcome } from './turn';

/**
 * The certificate an action names, if the person acting is one of its owners; else the reply that says why not
 * (unknown or deleted, or not theirs) — and then nothing may change.
 */
export async function loadOwned(
  reminders: Pick<CertificateRegister, 'get'>,
  turn: Turn,
  certificateId: string,
): Promise<RegisteredCertificate | TurnOutcome> {
  const registered = await reminders.get(certificateId);
  if (!registered) return refused(turn.tr('reminder.unknown'));
  if (!isOwner(registered, turn.request)) return refused(turn.tr('register.notOwner'));
  return registered;
}

/** A card verb's handler for owners only: it runs with the certificate loaded, after loadOwned has let the actor in. */
export function forOwners<A extends { readonly certificate: string }>(
  reminders: Pick<CertificateRegister, 'get'>,
  handler: (turn: Turn, action: A, registered: RegisteredCertificate) => Promise<TurnOutcome>,
): (turn: Turn, action: A) => Promise<TurnOutcome> {
  return async (turn, action) => {
    const registered = await loadOwned(reminders, turn, action.certificate);
    return 'certificate' in registered ? handler(turn, action, registered) : registered;
  };
}

/** Which of a certificate's destinations are marked unreachable at the moment, and why (conversation id → reason). */
export async function unreachableTargets(
  conversations: Pick<ConversationRepository, 'get'>,
  targets: readonly ReminderTarget[],
): Promise<Map<string, string>> {
  const records = await Promise.all(targets.map((target) => conversations.get(target.conversationId)));
  return new Map(records.flatMap((record) => (record?.unreachableReason ? [[record.conversationId, record.unreachableReason] as const] : [])));
}
