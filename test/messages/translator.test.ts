import { LOCALES } from '../../src/domain/locale';
import { catalogs, t, translator, type MessageKey } from '../../src/messages/translator';

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogs', () => {
  const frKeys = Object.keys(catalogs.fr).sort();

  test('French and English have exactly the same keys', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(frKeys);
    expect(frKeys.length).toBeGreaterThan(30);
  });

  test.each(frKeys)('%s has the same {placeholders} in every language', (key) => {
    const expected = placeholders(catalogs.fr[key as MessageKey]);
    for (const locale of LOCALES) expect([locale, placeholders(catalogs[locale][key as MessageKey])]).toEqual([locale, expected]);
  });

  test.each(LOCALES)('no %s message is empty or only blanks', (locale) => {
    const empty = Object.entries(catalogs[locale]).filter(([, value]) => value.trim() === '');
    expect(empty).toEqual([]);
  });

  test.each(LOCALES)('no %s message has an unbalanced brace', (locale) => {
    const broken = Object.entries(catalogs[locale]).filter(
      ([, value]) => value.replace(/\{\w+\}/g, '').includes('{') || value.replace(/\{\w+\}/g, '').includes('}'),
    );
    expect(broken).toEqual([]);
  });
});

describe('t', () => {
  test('answers the message of the locale', () => {
    expect(t('fr', 'privacy.cancelled')).toBe("D'accord, je n'ai rien supprimé.");
    expect(t('en', 'privacy.cancelled')).toBe('OK, I deleted nothing.');
  });

  test('fills placeholders from params, numbers included', () => {
    expect(t('en', 'privacy.deleted', { count: 3 })).toBe('Done: 3 item(s) deleted.');
    expect(t('fr', 'privacy.deleted', { count: 0 })).toBe("C'est fait : 0 élément(s) supprimé(s).");
    expect(t('en', 'error.generic', { ref: 'abc-123' })).toContain('give this reference to support: abc-123.');
  });

  test('leaves a placeholder it has no param for, and ignores params it has no placeholder for', () => {
    expect(t('en', 'privacy.deleted')).toBe('Done: {count} item(s) deleted.');
    expect(t('en', 'privacy.deleted', { total: 4 })).toBe('Done: {count} item(s) deleted.');
    expect(t('en', 'privacy.cancelled', { count: 4 })).toBe('OK, I deleted nothing.');
  });

  test('inserts param values literally, even text that looks like a replacement pattern', () => {
    expect(t('en', 'privacy.category.preferences', { count: '$&' })).toBe('your language preference ($&)');
    expect(t('en', 'privacy.category.preferences', { count: '{count}' })).toBe('your language preference ({count})');
  });

  test('a translator is t bound to one locale', () => {
    const tr = translator('fr');
    expect(tr('privacy.deleted', { count: 2 })).toBe(t('fr', 'privacy.deleted', { count: 2 }));
    expect(tr('thanks.reply')).toBe('Avec plaisir ! Autre chose ?');
  });
});
