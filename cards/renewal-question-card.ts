import type { Translate } from '../src/messages/translator';
import { card, execute, text, type AdaptiveCard } from './adaptive';

/** The reminder whose « C'est renouvelé » was clicked. */
export interface RenewalQuestionView {
  readonly deliveryId: string;
  readonly label: string;
}

/**
 * « C'est renouvelé » in a channel or a group chat: the new expiry date is asked with a date input and a Universal
 * Action, because Teams delivers no reply there that does not @mention certibot; the card says how to answer by
 * message too. It replaces the reminder on the clicker's screen only.
 */
export function renewalQuestionCard(view: RenewalQuestionView, tr: Translate): AdaptiveCard {
  const question = tr('reminder.askNewExpiryCard', { label: view.label });
  return card(
    [
      text(question, { weight: 'bolder' }),
      { type: 'Input.Date', id: 'expiry', label: tr('reminder.newExpiryLabel'), isRequired: true, errorMessage: tr('register.error.expiry') },
      text(tr('reminder.newExpiryByMention'), { isSubtle: true, size: 'small' }),
    ],
    [execute(tr('reminder.newExpirySubmit'), { verb: 'reminder.renewal', delivery: view.deliveryId }, 'positive')],
    question,
  );
}
