import type { Translate } from '../src/messages/translator';
import { card, execute, heading, text, type AdaptiveCard } from './adaptive';

/**
 * What the client lets through as thresholds: numbers of at most three digits separated by commas, semicolons or
 * spaces, or nothing (reminders off), as parseSettings reads them. The range (0–365) is the bot's to check.
 */
export const THRESHOLDS_INPUT_PATTERN = '^[\\s,;]*([0-9]{1,3}([\\s,;]+[0-9]{1,3})*)?[\\s,;]*$';

export interface ReminderSettingsView {
  readonly certificateId: string;
  readonly label: string;
  /** Days before expiry, e.g. [90, 60, 30, 14, 7, 1, 0]; empty = off. */
  readonly thresholds: readonly number[];
  readonly hour: number;
  readonly workingDaysOnly: boolean;
  readonly weeklyAfterExpiry: boolean;
}

/** A certificate's reminder settings: thresholds (or none), delivery hour, working days only, weekly after expiry. */
export function reminderSettingsCard(view: ReminderSettingsView, tr: Translate): AdaptiveCard {
  const hours = Array.from({ length: 14 }, (_, i) => i + 7).map((hour) => ({ title: `${hour} h`, value: String(hour) }));
  const yesNo = [
    { title: tr('settings.yes'), value: 'true' },
    { title: tr('settings.no'), value: 'false' },
  ];
  return card(
    [
      heading(tr('settings.title', { label: view.label })),
      {
        type: 'Input.Text',
        id: 'thresholds',
        label: tr('settings.thresholds'),
        value: view.thresholds.join(', '),
        placeholder: '90, 60, 30, 14, 7, 1, 0',
        maxLength: 60,
        regex: THRESHOLDS_INPUT_PATTERN,
        errorMessage: tr('settings.error.thresholds'),
      },
      text(tr('settings.thresholdsHint'), { isSubtle: true, size: 'small', spacing: 'none' }),
      { type: 'Input.ChoiceSet', id: 'hour', label: tr('settings.hour'), style: 'compact', value: String(view.hour), choices: hours },
      { type: 'Input.ChoiceSet', id: 'workingDays', label: tr('settings.workingDays'), style: 'compact', value: String(view.workingDaysOnly), choices: yesNo },
      { type: 'Input.ChoiceSet', id: 'weekly', label: tr('settings.weekly'), style: 'compact', value: String(view.weeklyAfterExpiry), choices: yesNo },
    ],
    [
      execute(tr('settings.save'), { verb: 'register.settings.save', certificate: view.certificateId }, 'positive'),
      execute(tr('settings.destinations'), { verb: 'register.targets', certificate: view.certificateId }),
    ],
    tr('settings.title', { label: view.label }),
  );
}
