import { DESTINATIONS_PER_PAGE, destinationsCard, type DestinationLine } from '../../../cards/destinations-card';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import type { RegisteredCertificate, CertificateRegister } from '../../domain/reminders/reminder-repository';
import type { Messenger } from '../../domain/reminders/follow-ups';
import { pageOf } from '../../domain/paging';
import type { ReminderTarget } from '../../domain/reminders/certificate';
import type { MessageKey, Translate } from '../../messages/translator';
import { unreachableReasonText } from '../../messages/unreachable-reason';
import { forOwners, unreachableTargets } from '../../conversation/owned-certificate';
import type { VerbTable } from '../../conversation/router';
import { cardReply, refused, textReply, type Turn, type TurnOutcome } from '../../conversation/turn';

export interface DestinationHandlerDeps {
  readonly reminders: CertificateRegister;
  readonly conversations: ConversationRepository;
  readonly messenger: Messenger;
  readonly clock: Clock;
}

/** Where a target is, as its owner `viewerId` reads it: their own chat, another owner's, a channel, a group chat. */
export function destinationText(target: ReminderTarget, viewerId: string, tr: Translate): string {
  const key: MessageKey =
    target.kind === 'channel'
      ? 'targets.channel'
      : target.kind === 'groupChat'
        ? 'targets.groupChat'
        : target.userId === viewerId
          ? 'targets.mine'
          : 'targets.otherOwner';
  return tr(key);
}

/** An Entra (Azure AD) object id, as the Teams people picker gives it. */
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Destinations et responsables": where a certificate's reminders go, adding a co-owner (picked in the directory;
 * reminded in their own chat with certibot) and removing a destination. Owners only; the last destination stays.
 */
export function createDestinationHandlers(
  deps: DestinationHandlerDeps,
): Pick<VerbTable, 'register.targets' | 'register.owner.add' | 'register.target.remove'> {
  const card = async (turn: Turn, registered: RegisteredCertificate, page: number): Promise<TurnOutcome> => {
    const shown = pageOf(registered.targets, page, DESTINATIONS_PER_PAGE);
    const unreachable = await unreachableTargets(deps.conversations, shown.items);
    const destinations: DestinationLine[] = shown.items.map((target) => {
      const reason = unreachable.get(target.conversationId);
      return {
        conversationId: target.conversationId,
        text: destinationText(target, turn.request.userId, turn.tr),
        unreachable: reason === undefined ? undefined : unreachableReasonText(reason, turn.tr),
      };
    });
    const view = { certificateId: registered.certificate.id, label: registered.certificate.label, destinations: { ...shown, items: destinations } };
    return { replies: [cardReply(destinationsCard(view, turn.tr))] };
  };

  return {
    'register.targets': forOwners(deps.reminders, (turn, action, registered) => card(turn, registered, action.page ?? 0)),
    'register.owner.add': forOwners(deps.reminders, async (turn, action, registered) => {
      const { label } = registered.certificate;
      const person = (action.person ?? '').trim();
      if (!ENTRA_ID.test(person)) return refused(turn.tr('targets.invalidPerson'));
      // Only a colleague of the same tenant, who has a personal chat with certibot: the bot cannot write first.
      const here = await deps.conversations.get(turn.request.conversationId);
      const chat = await deps.conversations.findPersonalByAadId(person.toLowerCase(), here?.tenantId);
      if (!chat?.userId) return refused(turn.tr('targets.notYetUser'));
      const added = await deps.reminders.addTarget(
        { certificateId: registered.certificate.id, conversationId: chat.conversationId, kind: 'personal', userId: chat.userId },
        deps.clock.now(),
      );
      if (!added) return refused(turn.tr('targets.alreadyOwner', { label }));
      const by = turn.request.userName ?? turn.tr('reminder.someone');
      const expiry = registered.certificate.expiryDate;
      await deps.messenger.post(chat.conversationId, registered.certificate.id, {
        key: 'targets.youWereAdded',
        params: { by, label },
        dates: { expiry },
      });
      return { replies: [textReply(turn.tr('targets.ownerAdded', { label }))] };
    }),
    'register.target.remove': forOwners(deps.reminders, async (turn, action, registered) => {
      const { label } = registered.certificate;
      if (!registered.targets.some((target) => target.conversationId === action.conversation)) {
        return refused(turn.tr('targets.unknownTarget', { label }));
      }
      if (registered.targets.length <= 1) return refused(turn.tr('targets.lastOne', { label }));
      await deps.reminders.removeTarget(registered.certificate.id, action.conversation, deps.clock.now());
      return { replies: [textReply(turn.tr('targets.removed', { label }))] };
    }),
  };
}
