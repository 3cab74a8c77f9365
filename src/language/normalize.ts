/** Lower case, no accents, no punctuation, single spaces: the form every matcher reads. */
export function normalizeText(input: string): string {
  // Plain ASCII (most messages, every lexicon term): one pass, same result as the general path below.
  if (!NON_ASCII.test(input)) return input.toLowerCase().replace(ASCII_NOISE, ' ').trim();
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\p{N}@.\-/ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NON_ASCII = /[^\x00-\x7f]/;
/** Runs of anything but letters, digits, "@", ".", "-" and "/" (spaces included): each becomes one space. */
const ASCII_NOISE = /[^a-z0-9@./-]+/g;
