import { cleanUserLines, cleanUserText, escapeHtml, escapeMarkdown, unescapeMarkdown } from '../../src/domain/user-text';

describe('user text is cleaned on input', () => {
  it.each<[string, string, string]>([
    ['keeps an ordinary name', 'MSSanté – site de Nîmes', 'MSSanté – site de Nîmes'],
    ['removes C0 controls and DEL', 'DMP\u0000\u0007\u001b[31m\u007f', 'DMP[31m'],
    ['removes bidi overrides and isolates', 'facture\u202Efdp.exe\u2066x\u2069', 'facturefdp.exex'],
    ['removes zero-width characters and the BOM', 'D\u200bM\u200cP\u200d\u2060\ufeff', 'DMP'],
    ['turns line breaks and tabs into one space', 'INSi\n\r\tNîmes', 'INSi Nîmes'],
    ['folds spaces and trims', '  DMP   GHT  ', 'DMP GHT'],
    ['composes accents (NFC)', 'Ni\u0302mes', 'Nîmes'],
  ])('%s', (_case, input, cleaned) => {
    expect(cleanUserText(input)).toBe(cleaned);
  });

  it('a multi-line text keeps its line breaks but loses the rest', () => {
    expect(cleanUserLines('Bonjour,\r\n\u202Eligne 2\u200b\n\n  fin  ')).toBe('Bonjour,\nligne 2\n\n fin');
  });
});

describe('user text is escaped wherever Teams renders Markdown', () => {
  it.each<[string, string]>([
    ['[Renouveler ici](https://evil.example/login)', '\\[Renouveler ici\\](https://evil.example/login)'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['{{DATE(2030-01-01T00:00:00Z, SHORT)}}', '\\{\\{DATE(2030-01-01T00:00:00Z, SHORT)\\}\\}'],
    ['${secret}', '\\$\\{secret\\}'],
    ['**gras** _it_ `code` ~~barré~~', '\\*\\*gras\\*\\* \\_it\\_ \\`code\\` \\~\\~barré\\~\\~'],
    ['<img src=x onerror=alert(1)> &amp;', '\\<img src=x onerror=alert(1)\\> \\&amp;'],
    ['a | b', 'a \\| b'],
    ['# titre\n> citation\n- puce\n1. numéro', '\\# titre\n\\> citation\n\\- puce\n1\\. numéro'],
    ['MSSanté – site de Nîmes (2024)', 'MSSanté – site de Nîmes (2024)'],
  ])('%j', (input, escaped) => {
    expect(escapeMarkdown(input)).toBe(escaped);
    expect(unescapeMarkdown(escapeMarkdown(input))).toBe(input);
  });
});

describe('user text is escaped wherever a page shows it as HTML', () => {
  it('turns the five characters of HTML syntax into entities, and leaves the rest as typed', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml('" onmouseover="alert(1)')).toBe('&quot; onmouseover=&quot;alert(1)');
    expect(escapeHtml("l'équipe & co")).toBe('l&#39;équipe &amp; co');
    expect(escapeHtml('&amp; stays what was typed')).toBe('&amp;amp; stays what was typed');
    expect(escapeHtml('MSSanté – site de Nîmes (2024)')).toBe('MSSanté – site de Nîmes (2024)');
  });
});
