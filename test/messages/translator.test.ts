import { LOCALES, type Locale } from '../../src/domain/locale';
import { argumentNames, catalogs, t, translator, trusted, type MessageKey, type MessageParams } from '../../src/messages/translator';

const placeholders = (locale: Locale, key: MessageKey): string[] => [...argumentNames(locale, key)].sort();

describe('message catalogs', () => {
  const frKeys = Object.keys(catalogs.fr).sort();

  test('French and English have exactly the same keys', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(frKeys);
    expect(frKeys.length).toBeGreaterThan(30);
  });

  test.each(frKeys)('%s has the same {placeholders} in every language', (key) => {
    const expected = placeholders('fr', key as MessageKey);
    for (const locale of LOCALES) expect([locale, placeholders(locale, key as MessageKey)]).toEqual([locale, expected]);
  });

  test.each(LOCALES)('no %s message is empty or only blanks', (locale) => {
    const empty = Object.entries(catalogs[locale]).filter(([, value]) => value.trim() === '');
    expect(empty).toEqual([]);
  });

  test.each(LOCALES)('every %s message is a valid ICU message (an unbalanced brace is not)', (locale) => {
    for (const key of frKeys) expect(() => argumentNames(locale, key as MessageKey)).not.toThrow();
  });

  test.each(LOCALES)('no %s message has an apostrophe ICU would read as a quote, nor a "(s)" plural', (locale) => {
    // ICU quotes text after an apostrophe that precedes a brace, "#" or another apostrophe: it would vanish.
    const quoting = Object.entries(catalogs[locale]).filter(([, value]) => /'[{}#']/.test(value));
    expect(quoting).toEqual([]);
    const hedged = Object.entries(catalogs[locale]).filter(([, value]) => /\(s\)|\(e\)s/.test(value));
    expect(hedged).toEqual([]);
  });
});

describe('plural forms, chosen by the locale rules (French says "0 jour", English "0 days")', () => {
  const rows: ReadonlyArray<readonly [Locale, MessageKey, MessageParams, string]> = [
    ['fr', 'privacy.deleted', { count: 1 }, "C'est fait : 1 élément supprimé."],
    ['fr', 'privacy.deleted', { count: 0 }, "C'est fait : 0 élément supprimé."],
    ['fr', 'privacy.deleted', { count: 3 }, "C'est fait : 3 éléments supprimés."],
    ['en', 'privacy.deleted', { count: 1 }, 'Done: 1 item deleted.'],
    ['en', 'privacy.deleted', { count: 0 }, 'Done: 0 items deleted.'],
    ['en', 'privacy.deleted', { count: 3 }, 'Done: 3 items deleted.'],
    ['fr', 'gaps.feedbackRow', { answer: 'a', helpful: 1, notHelpful: 2 }, 'a : 1 utile, 2 pas utiles'],
    ['fr', 'gaps.feedbackRow', { answer: 'a', helpful: 2, notHelpful: 1 }, 'a : 2 utiles, 1 pas utile'],
    ['en', 'gaps.feedbackRow', { answer: 'a', helpful: 1, notHelpful: 2 }, 'a: 1 helpful, 2 not helpful'],
    ['fr', 'timeline.status.expiresSoon', { days: 1, expiry: 'E' }, '🔴 Expire dans 1 jour (le E) : renouvelez sans attendre.'],
    ['fr', 'timeline.status.expiresSoon', { days: 12, expiry: 'E' }, '🔴 Expire dans 12 jours (le E) : renouvelez sans attendre.'],
    ['en', 'timeline.status.expiresSoon', { days: 1, expiry: 'E' }, '🔴 Expires in 1 day (E): renew without delay.'],
    ['en', 'timeline.status.expiresSoon', { days: 12, expiry: 'E' }, '🔴 Expires in 12 days (E): renew without delay.'],
    ['fr', 'timeline.status.valid', { days: 400, expiry: 'E', start: 'S' }, '✅ Valide : expire le E, dans 400 jours. Renouvellement conseillé à partir du S.'],
    ['en', 'timeline.status.renewNow', { days: 45, expiry: 'E' }, '🟠 Renew now: expires on E, in 45 days.'],
    ['fr', 'timeline.status.expired', { days: 1, expiry: 'E' }, '⛔ Expiré depuis 1 jour (le E).'],
    ['fr', 'timeline.status.expired', { days: 805, expiry: 'E' }, '⛔ Expiré depuis 805 jours (le E).'],
    ['en', 'timeline.status.expired', { days: 1, expiry: 'E' }, '⛔ Expired 1 day ago (E).'],
    ['en', 'timeline.status.expired', { days: 805, expiry: 'E' }, '⛔ Expired 805 days ago (E).'],
    ['fr', 'timeline.bundle', { count: 2 }, "Le fichier contenait 2 certificats : j'ai lu le premier certificat final (non-AC)."],
    ['en', 'timeline.bundle', { count: 2 }, 'The file held 2 certificates: I read the first end-entity (non-CA) one.'],
    ['fr', 'reminder.soon', { days: 1, expiry: 'E' }, 'Expire dans 1 jour (le E) : renouvelez maintenant.'],
    ['en', 'reminder.soon', { days: 7, expiry: 'E' }, 'Expires in 7 days (E): renew now.'],
    ['fr', 'reminder.ahead', { days: 90, expiry: 'E' }, 'Expire le E, dans 90 jours : prévoyez le renouvellement.'],
    ['fr', 'reminder.expired', { days: 1, expiry: 'E' }, 'Expiré depuis 1 jour (le E).'],
    ['en', 'reminder.expired', { days: 14, expiry: 'E' }, 'Expired 14 days ago (E).'],
    ['fr', 'list.expires', { days: 1, expiry: 'E' }, 'Expire le E (dans 1 jour)'],
    ['en', 'list.expires', { days: 30, expiry: 'E' }, 'Expires on E (in 30 days)'],
    ['fr', 'list.expired', { days: 2, expiry: 'E' }, 'Expiré depuis le E (2 jours)'],
    ['en', 'list.expired', { days: 1, expiry: 'E' }, 'Expired on E (1 day ago)'],
    ['fr', 'list.next', { date: 'D', targets: 1 }, 'Prochain rappel : D (1 destination)'],
    ['fr', 'list.next', { date: 'D', targets: 2 }, 'Prochain rappel : D (2 destinations)'],
    ['en', 'list.next', { date: 'D', targets: 1 }, 'Next reminder: D (1 destination)'],
    ['en', 'list.next', { date: 'D', targets: 2 }, 'Next reminder: D (2 destinations)'],
    ['fr', 'settings.summary', { days: '1', count: 1, hour: 9, workingDays: '', weekly: '' }, 'à 1 jour avant, à 9 h'],
    ['fr', 'settings.summary', { days: '30, 7', count: 2, hour: 9, workingDays: '', weekly: '' }, 'à 30, 7 jours avant, à 9 h'],
    ['en', 'settings.summary', { days: '1', count: 1, hour: 9, workingDays: '', weekly: '' }, '1 day before, at 9:00'],
    ['en', 'settings.summary', { days: '0', count: 0, hour: 9, workingDays: '', weekly: '' }, '0 days before, at 9:00'],
    ['fr', 'answer.sources', { count: 1, sources: 'A' }, 'Source : A'],
    ['fr', 'answer.sources', { count: 2, sources: 'A ; B' }, 'Sources : A ; B'],
    ['en', 'answer.sources', { count: 1, sources: 'A' }, 'Source: A'],
    ['en', 'answer.sources', { count: 2, sources: 'A ; B' }, 'Sources: A ; B'],
    ['fr', 'sharing.sites', { count: 1 }, ', un seul site'],
    ['fr', 'sharing.sites', { count: 3 }, ', 3 sites'],
    ['en', 'sharing.sites', { count: 1 }, ', a single site'],
    ['en', 'sharing.sites', { count: 3 }, ', 3 sites'],
    ['fr', 'history.intro', { expiry: 'E', targets: 1 }, 'Expiration le E · 1 destination'],
    ['en', 'history.intro', { expiry: 'E', targets: 3 }, 'Expires on E · 3 destinations'],
    ['fr', 'history.older', { count: 1 }, '… et 1 plus ancien, non affiché.'],
    ['fr', 'history.older', { count: 4 }, '… et 4 plus anciens, non affichés.'],
    ['en', 'history.older', { count: 1 }, '… and 1 older one, not shown.'],
    ['en', 'history.older', { count: 4 }, '… and 4 older ones, not shown.'],
  ];

  test.each(rows)('%s %s %j', (locale, key, params, expected) => {
    expect(t(locale, key, params)).toBe(expected);
  });

  test('numbers print as digits, without the locale grouping', () => {
    expect(t('fr', 'privacy.deleted', { count: 12345 })).toBe("C'est fait : 12345 éléments supprimés.");
    expect(t('en', 'list.next', { date: 'D', targets: 1000 })).toBe('Next reminder: D (1000 destinations)');
  });
});

describe('t', () => {
  test('answers the message of the locale', () => {
    expect(t('fr', 'privacy.cancelled')).toBe("D'accord, je n'ai rien supprimé.");
    expect(t('en', 'privacy.cancelled')).toBe('OK, I deleted nothing.');
  });

  test('fills placeholders from params, numbers included', () => {
    expect(t('en', 'privacy.deleted', { count: 3 })).toBe('Done: 3 items deleted.');
    expect(t('en', 'privacy.deleted', { count: 1 })).toBe('Done: 1 item deleted.');
    expect(t('fr', 'privacy.deleted', { count: 0 })).toBe("C'est fait : 0 élément supprimé.");
    expect(t('en', 'error.generic', { ref: 'abc-123' })).toContain('give this reference to support: abc-123.');
  });

  test('leaves a placeholder it has no param for, and ignores params it has no placeholder for', () => {
    expect(t('en', 'error.generic')).toContain('give this reference to support: {ref}.');
    // A missing count shows as itself, with the "other" form.
    expect(t('en', 'privacy.deleted')).toBe('Done: {count} items deleted.');
    expect(t('en', 'privacy.deleted', { total: 4 })).toBe('Done: {count} items deleted.');
    expect(t('en', 'privacy.cancelled', { count: 4 })).toBe('OK, I deleted nothing.');
  });

  test('inserts param values literally, even text that looks like a replacement pattern', () => {
    expect(translator('en').plain('privacy.category.preferences', { count: '$&' })).toBe('your language preference ($&)');
    expect(translator('en').plain('privacy.category.preferences', { count: '{count}' })).toBe('your language preference ({count})');
  });

  test('user text in a param is data, never markup: escaped for Markdown, unless certibot composed it', () => {
    const label = '[Renouveler ici](javascript:alert(1)) **urgent** {{DATE(2030-01-01T00:00:00Z, SHORT)}} ${secret}';
    const escaped = t('fr', 'reminder.title', { label });
    expect(escaped).toBe('⏰ Certificat : \\[Renouveler ici\\](javascript:alert(1)) \\*\\*urgent\\*\\* \\{\\{DATE(2030-01-01T00:00:00Z, SHORT)\\}\\} \\$\\{secret\\}');
    expect(translator('fr').plain('reminder.title', { label })).toBe(`⏰ Certificat : ${label}`);
    expect(t('fr', 'reminder.title', { label: trusted('**ours**') })).toBe('⏰ Certificat : **ours**');
  });

  test('a translator is t bound to one locale', () => {
    const tr = translator('fr');
    expect(tr('privacy.deleted', { count: 2 })).toBe(t('fr', 'privacy.deleted', { count: 2 }));
    expect(tr('thanks.reply')).toBe('Avec plaisir ! Autre chose ?');
  });
});
