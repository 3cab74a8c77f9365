/** Lower case, no accents, no punctuation, single spaces: the form every matcher reads. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\p{N}@.\-/ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
