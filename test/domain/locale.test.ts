import { localeFromTag, LOCALES, resolveLocale } from '../../src/domain/locale';

describe('localeFromTag', () => {
  test.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['FR_fr', 'fr'],
    ['  en-US ', 'en'],
    ['en-gb', 'en'],
    ['EN', 'en'],
  ])('the tag %j speaks %j', (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale);
  });

  test.each([['de-DE'], ['es'], ['french'], ['english'], [''], ['-fr'], [undefined], [null]])(
    'the tag %j is no supported locale',
    (tag) => {
      expect(localeFromTag(tag)).toBeUndefined();
    },
  );
});

describe('resolveLocale', () => {
  test('the saved choice wins over the client language and the default', () => {
    expect(resolveLocale('en', 'fr-FR', 'fr')).toBe('en');
    expect(resolveLocale('fr', 'en-US', 'en')).toBe('fr');
  });

  test('without a saved choice the client language wins over the default', () => {
    expect(resolveLocale(undefined, 'en-US', 'fr')).toBe('en');
  });

  test('an unsupported or missing client language falls back to the default', () => {
    expect(resolveLocale(undefined, 'de-DE', 'fr')).toBe('fr');
    expect(resolveLocale(undefined, undefined, 'en')).toBe('en');
  });

  test('French comes first among the supported locales', () => {
    expect(LOCALES).toEqual(['fr', 'en']);
  });
});
