import type { HelpView } from '../../../cards/help-card';
import type { Locale } from '../../domain/locale';

/** The things the bot can do today, as the welcome and help cards show them (each with a button that starts it). */
export function helpView(locale: Locale): HelpView {
  return {
    capabilities: [
      {
        title: 'capability.questions.title',
        description: 'capability.questions.description',
        button: 'capability.questions.button',
        action: { verb: 'sharing.start' },
      },
      {
        title: 'capability.dates.title',
        description: 'capability.dates.description',
        button: 'capability.dates.button',
        action: { verb: 'dates.start' },
      },
      {
        title: 'capability.reminders.title',
        description: 'capability.reminders.description',
        button: 'capability.reminders.button',
        action: { verb: 'register.start' },
      },
      {
        title: 'capability.language.title',
        description: 'capability.language.description',
        button: 'capability.language.button',
        action: { verb: 'language.set', locale: locale === 'fr' ? 'en' : 'fr' },
      },
      {
        title: 'capability.privacy.title',
        description: 'capability.privacy.description',
        button: 'capability.privacy.button',
        action: { verb: 'privacy.erase.request' },
      },
    ],
  };
}
