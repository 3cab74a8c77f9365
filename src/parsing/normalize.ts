/** Lower case, no accents, no punctuation, single spaces: the form every matcher reads. */
export function normalizeText(input: string): string {
  // Fast path for plain ASCII and Latin text (accented letters, typographic quotes, non-breaking spaces): each
  // character is mapped as the general path would, then one ASCII pass does the rest. Same result, a fraction of
  // the cost (it runs for every message and every training utterance at start-up).
  let ascii = input;
  if (NON_ASCII.test(input)) {
    let mapped = '';
    for (let i = 0; i < input.length; i += 1) {
      const code = input.charCodeAt(i);
      if (code < 128) {
        mapped += input[i];
        continue;
      }
      const replacement = LATIN.get(code);
      if (replacement === undefined) return normalizeGeneral(input);
      mapped += replacement;
    }
    ascii = mapped;
  }
  return ascii.toLowerCase().replace(ASCII_NOISE, ' ').trim();
}

/** The definition: decompose, drop combining accents, lower-case, keep letters, digits, "@", ".", "-", "/". */
function normalizeGeneral(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\p{N}@.\-/ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NON_ASCII = /[^\p{ASCII}]/u;
/** Runs of anything but letters, digits, "@", ".", "-" and "/" (spaces included): each becomes one space. */
const ASCII_NOISE = /[^a-z0-9@./-]+/g;

/**
 * Non-ASCII characters the fast path may rewrite, each to what `normalizeGeneral` makes of it: Latin letters whose
 * decomposition is an ASCII letter plus accents ("É" → "e"), lone combining accents (→ nothing), and punctuation or
 * spaces (→ a space). Computed from `normalizeGeneral` itself, so the two paths cannot disagree; any other character
 * (œ, ß, Greek, emoji, …) sends the whole text down the general path.
 */
const LATIN: ReadonlyMap<number, string> = (() => {
  const table = new Map<number, string>();
  const ranges: Array<[number, number]> = [
    [0x80, 0x24f],
    [0x300, 0x36f],
    [0x2000, 0x206f],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code += 1) {
      const char = String.fromCharCode(code);
      // In context, so that a space or an accent alone is told apart from the text around it.
      const general = normalizeGeneral(`a${char}a`);
      if (general === 'a a') table.set(code, ' ');
      else if (general === 'aa') table.set(code, '');
      else if (/^a[a-z]a$/.test(general)) table.set(code, general[1] as string);
    }
  }
  return table;
})();
