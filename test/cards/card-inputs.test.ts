import type { AdaptiveCard, CardElement, InputText } from '../../cards/adaptive';
import { destinationsCard } from '../../cards/destinations-card';
import { FINESS_INPUT_PATTERN, registerFormCard } from '../../cards/register-form-card';
import { reminderSettingsCard, THRESHOLDS_INPUT_PATTERN } from '../../cards/reminder-settings-card';
import { checkFiness } from '../../src/domain/finess';
import { LOCALES } from '../../src/domain/locale';
import { pageOf } from '../../src/domain/paging';
import { parseSettings } from '../../src/features/reminders/register-handlers';
import { translator } from '../../src/messages/translator';

/**
 * What a card's inputs let through before anything is sent: the FINESS and threshold fields carry a pattern and a
 * message, so a mistyped value is caught on the spot, and the pattern agrees with what the bot itself accepts (the
 * bot still checks: the FINESS key, the range of days).
 */
const textInputs = (card: AdaptiveCard): InputText[] => {
  const walk = (elements: readonly CardElement[]): InputText[] =>
    elements.flatMap((element) => (element.type === 'Container' ? walk(element.items) : element.type === 'Input.Text' ? [element] : []));
  return walk(card.body);
};

describe.each(LOCALES)('the FINESS and threshold inputs (%s)', (locale) => {
  const tr = translator(locale);
  const finess = textInputs(registerFormCard({ expiry: undefined }, tr)).find((input) => input.id === 'finess');
  const thresholds = textInputs(
    reminderSettingsCard({ certificateId: 'c1', label: 'DMP', thresholds: [30, 7], hour: 9, workingDaysOnly: false, weeklyAfterExpiry: true }, tr),
  ).find((input) => input.id === 'thresholds');

  it('carry a pattern and the message shown when it is not met', () => {
    expect(finess).toMatchObject({ regex: FINESS_INPUT_PATTERN, errorMessage: tr('register.error.finess') });
    expect(thresholds).toMatchObject({ regex: THRESHOLDS_INPUT_PATTERN, errorMessage: tr('settings.error.thresholds') });
  });
});

describe('the patterns agree with the bot', () => {
  const finess = new RegExp(FINESS_INPUT_PATTERN);
  const thresholds = new RegExp(THRESHOLDS_INPUT_PATTERN);

  it.each(['', '  ', '010780914', '01 078 091 4', '01.078.091.4', '01-078-091-4', '2A0045678', '2b 004 567 8', '010780915'])(
    'a FINESS the bot reads the shape of passes: %j',
    (typed) => {
      expect(finess.test(typed)).toBe(true);
      if (typed.trim() !== '') expect(checkFiness(typed)).not.toMatchObject({ reason: 'format' });
    },
  );

  it.each(['0107809', '0107809141', 'ABCDEFGHI', '2C0045678', '01 078 091 4 5', 'FINESS 010780914'])('a FINESS of the wrong shape is stopped: %j', (typed) => {
    expect(finess.test(typed)).toBe(false);
    expect(checkFiness(typed)).toMatchObject({ valid: false, reason: 'format' });
  });

  const settings = (value: string) => parseSettings({ thresholds: value, hour: '9', workingDays: 'false', weekly: 'false' });

  it.each(['', '90, 60, 30, 14, 7, 1, 0', '30;7', '30 7 0', ' 7, ', '365'])('thresholds the bot reads pass: %j', (typed) => {
    expect(thresholds.test(typed)).toBe(true);
    expect(settings(typed)).toBeDefined();
  });

  it.each(['90, abc', '7.5', '-1', '1000', '30, 7 jours'])('thresholds the bot refuses for their form are stopped: %j', (typed) => {
    expect(thresholds.test(typed)).toBe(false);
    expect(settings(typed)).toBeUndefined();
  });
});

describe('the people picker', () => {
  it('is on a card that declares the 1.6 schema its Data.Query needs; cards without it stay 1.5', () => {
    const tr = translator('fr');
    expect(destinationsCard({ certificateId: 'c1', label: 'DMP', destinations: pageOf([], 0, 10) }, tr).version).toBe('1.6');
    expect(registerFormCard({ expiry: undefined }, tr).version).toBe('1.5');
  });
});
