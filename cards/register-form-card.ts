import type { Translate } from '../src/language/messages';
import { card, heading, submit, text, type AdaptiveCard } from './adaptive';

export interface RegisterFormView {
  /** Pre-filled expiry (YYYY-MM-DD), e.g. from a timeline card. */
  readonly expiry: string | undefined;
}

/**
 * Registers a certificate for reminders: label, expiry date, optional FINESS and usage. Typing works too: the bot
 * then asks the label, then the date.
 */
export function registerFormCard(view: RegisterFormView, tr: Translate): AdaptiveCard {
  return card(
    [
      heading(tr('register.title')),
      text(tr('register.intro')),
      { type: 'Input.Text', id: 'label', label: tr('register.field.label'), placeholder: tr('register.field.labelHint'), maxLength: 120, isRequired: true, errorMessage: tr('register.error.label') },
      { type: 'Input.Date', id: 'expiry', label: tr('register.field.expiry'), ...(view.expiry ? { value: view.expiry } : {}), isRequired: true, errorMessage: tr('register.error.expiry') },
      { type: 'Input.Text', id: 'finess', label: tr('register.field.finess'), placeholder: '01 078 091 4', maxLength: 20 },
      {
        type: 'Input.ChoiceSet',
        id: 'usage',
        label: tr('register.field.usage'),
        style: 'compact',
        choices: [
          { title: 'DMP', value: 'DMP' },
          { title: 'INSi', value: 'INSi' },
          { title: 'MSSanté', value: 'MSSante' },
          { title: tr('register.usage.other'), value: 'other' },
        ],
      },
      text(tr('register.schedule'), { isSubtle: true, size: 'small' }),
    ],
    [submit(tr('register.submit'), { verb: 'register.submit' }, 'positive')],
    tr('register.title'),
  );
}
