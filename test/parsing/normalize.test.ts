import { normalizeText } from '../../src/parsing/normalize';

describe('normalizeText', () => {
  test.each([
    ['Bonjour', 'bonjour'],
    ['  Parle   ANGLAIS  ', 'parle anglais'],
    ['En français', 'en francais'],
    ['Supprime mes données !', 'supprime mes donnees'],
    ['Qu’est-ce que tu sais faire ?', 'qu est-ce que tu sais faire'],
    ["S'il vous plaît", 's il vous plait'],
    ['D’accord', 'd accord'],
    ['hi, what can you do?', 'hi what can you do'],
    ['Élève ÇA', 'eleve ca'],
    ['écrit\tsur\nplusieurs lignes', 'ecrit sur plusieurs lignes'],
    ['?', ''],
    ['!!!', ''],
    ['', ''],
  ])('%j normalizes to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test('keeps what identifiers need: digits, @, dots, hyphens and slashes', () => {
    expect(normalizeText('FINESS 750712184, expire le 31/12/2025 — voir support@esante.gouv.fr')).toBe(
      'finess 750712184 expire le 31/12/2025 voir support@esante.gouv.fr',
    );
  });

  test('is idempotent', () => {
    const once = normalizeText('  Ça marche, Certibot ?  Merci beaucoup ! ');
    expect(normalizeText(once)).toBe(once);
    expect(once).toBe('ca marche certibot merci beaucoup');
  });
});
