import { RegisterCertificateDialog } from '../../../dialogs/register-certificate-dialog';
import { ReminderRenewalDialog } from '../../../dialogs/reminder-renewal-dialog';
import type { Feature } from '../../conversation/feature';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import type { Messenger, ReminderCardRefresher } from '../../domain/reminders/follow-ups';
import type { CertificateRegister } from '../../domain/reminders/reminder-repository';
import type { CertificatesTabLink } from '../../domain/tab-link';
import { createDestinationHandlers } from './destination-handlers';
import { createRegisterHandlers } from './register-handlers';
import { createReminderActions } from './reminder-actions';

export interface RemindersFeatureDeps {
  readonly register: CertificateRegister;
  readonly conversations: ConversationRepository;
  /** Card updates and courtesy messages, stored in the outbox. */
  readonly followUps: ReminderCardRefresher & Messenger;
  readonly clock: Clock;
  /** « Ouvrir dans Mes certificats » on reminder cards. */
  readonly tabLink?: CertificatesTabLink;
}

/** Every card verb of the register and its reminders, typed: the tab performs some of them. */
export type RemindersVerbs = ReturnType<typeof createRegisterHandlers>['verbs'] &
  ReturnType<typeof createDestinationHandlers> &
  ReturnType<typeof createReminderActions>;

/** The reminders feature, its verbs typed for the tab that performs them as the chat's buttons do. */
export interface RemindersFeature extends Feature {
  readonly verbs: RemindersVerbs;
}

/**
 * The certificate register and its reminders: registering by form or typed steps, « mes certificats », settings,
 * destinations and co-owners, and the reminder card's buttons. Reminders, owner notices, card updates and courtesy
 * messages are outbox items.
 */
export function remindersFeature(deps: RemindersFeatureDeps): RemindersFeature {
  const { register: reminders, conversations, clock } = deps;
  const registerDialog = new RegisterCertificateDialog(reminders, conversations, clock);
  const renewal = new ReminderRenewalDialog(reminders, clock, deps.followUps);
  const registerHandlers = createRegisterHandlers({ reminders, register: registerDialog, conversations, clock });
  return {
    name: 'reminders',
    intents: registerHandlers.intents,
    verbs: {
      ...registerHandlers.verbs,
      ...createDestinationHandlers({ reminders, conversations, messenger: deps.followUps, clock }),
      ...createReminderActions({ reminders, renewal, clock, copies: deps.followUps, tabLink: deps.tabLink }),
    },
    dialogs: [renewal, registerDialog],
    outboxKinds: ['reminder', 'owner-notice', 'card-update', 'message'],
    personalData: [{ category: 'certificates', count: (id) => reminders.countForUser(id), erase: (id) => reminders.eraseForUser(id) }],
  };
}
