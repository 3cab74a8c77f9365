import { normalizeText } from './normalize';

/**
 * What a question about sharing a certificate across sites asks, whatever the rule turns out to be:
 * - `may-share`: may we use one certificate for several sites? (« peut-on mutualiser… », "can we share…")
 * - `must-split`: must each site have its own? (« faut-il un certificat par site », "does each site need its own")
 * - `how-many`: how many certificates do we need? (« combien de certificats », "how many certificates")
 * The answer's first line answers that question: « Non, ce n'est pas obligatoire » to "must each site have its own?"
 * where the rule allows one for all, never a bare « Oui » that contradicts it.
 */
export type SharingFrame = 'may-share' | 'must-split' | 'how-many';

const HOW_MANY = /\b(?:combien (?:de |d )?(?:certificats?|certif)|how many (?:certificates?|certs?)|nombre de certificats|number of certificates)\b/;

/** One per site, each its own, separate ones, required / mandatory per site: the question is whether splitting is owed. */
const MUST_SPLIT = new RegExp(
  [
    // « un certificat par site », « un certif par établissement », "one certificate per site", "a certificate for each site"
    String.raw`\b(?:un|une|1|one|a|an|separate|distinct|different|differents?|separes?|distincts?) (?:\w+ )?(?:certificats?|certif|certificates?|certs?) (?:\w+ )?(?:par|pour chaque|pour chacun|per|for each|for every|on each|a chaque|sur chaque|dans chaque)\b`,
    // « chaque site doit avoir son propre certificat », "each site must have its own", « son propre certificat »
    String.raw`\b(?:son|leur|sa|its|their) (?:own|propres?)\b`,
    String.raw`\bpropres? certificats?\b`,
    String.raw`\b(?:own certificates?|own cert)\b`,
    // « faut-il / doit-on / est-il obligatoire … par site », "do we need / is it mandatory / required … per site"
    String.raw`\b(?:obligatoire|obligation|imperatif|exige|required|mandatory|compulsory|have to|has to|must|needs? to|need one|need a)\b.*\b(?:par|chaque|each|every|per)\b`,
    String.raw`\b(?:faut il|doit on|doivent|doit il|doit elle|devons nous|dois je|avons nous besoin d)\b.*\b(?:par|chaque|chacun|chacune)\b`,
    // « séparer les certificats », "split the certificates", « des certificats séparés » — but "5 separate legal
    // entities" says what the group is made of, not that certificates are to be split.
    String.raw`\b(?:separer|distinguer|split|separate|seperate)\b (?:\w+ ){0,2}(?:certificats?|certif|certificates?|certs?)\b`,
    String.raw`\b(?:certificats?|certif|certificates?|certs?) (?:\w+ )?(?:separes?|distincts?|separate|split)\b`,
  ].join('|'),
);

/** The frame of a sharing question: may we share (the usual question), must we split, or how many. */
export function sharingFrame(text: string): SharingFrame {
  const normalized = normalizeText(text);
  if (HOW_MANY.test(normalized)) return 'how-many';
  if (MUST_SPLIT.test(normalized)) return 'must-split';
  return 'may-share';
}
