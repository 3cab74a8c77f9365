import { checkFiness, type FinessCheck } from '../domain/finess';
import type { Corridor, StructureKind } from '../domain/knowledge';
import { normalizeText } from './normalize';
import { CORRIDOR_PATTERNS, NUMBER_WORDS, STRUCTURE_PATTERNS, UNCOVERED_STRUCTURE_PATTERN } from './structure-lexicon';

/** What a message says about the asker's situation. */
export interface Entities {
  readonly corridor: Corridor | undefined;
  readonly structure: StructureKind | undefined;
  /** A kind of structure the sheet does not cover ("laboratoire", "pharmacie"…), as written, when no known one is named. */
  readonly uncoveredStructure?: string;
  readonly sites: number | 'several' | undefined;
  /** Every FINESS-shaped number in the message, checked. */
  readonly finess: readonly FinessCheck[];
}

const SITE_NOUNS = '(?:sites?|etablissements?|locations?|establishments?|cliniques?|clinics?|ehpad|centres?|centers?|campus|hopitaux|hospitals?|structures?|antennes?|implantations?)';
// "un"/"one" are articles far more often than counts ("un centre de dialyse"): a single site is read by SINGLE_SITE.
const COUNT_WORDS = Object.keys(NUMBER_WORDS).filter((word) => NUMBER_WORDS[word] !== 1);
const NUMBER_TOKEN = `(\\d{1,3}|${COUNT_WORDS.join('|')})`;
const COUNTED_SITES = new RegExp(`\\b${NUMBER_TOKEN} (?:\\w+ )?${SITE_NOUNS}\\b`);
const SEVERAL_SITES = new RegExp(`\\b(?:plusieurs|differents|multiples?|several|multiple|many|various|all (?:our|the|my)|tous (?:nos|les|mes)|toutes (?:nos|les|mes)|nos|our) (?:\\w+ )?${SITE_NOUNS}\\b|\\bmulti ?-?sites?\\b`);
const SINGLE_SITE = /\b(?:un seul|une seule|a single|only one|one single|single) (?:\w+ )?(?:site|etablissement|establishment|location)\b|\bmono ?-?site\b/;
const FINESS_CANDIDATE = /(?<![\dA-Za-z])((?:\d{2}|2[AaBb])[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d)(?![\dA-Za-z])/g;

function sitesOf(normalized: string): Entities['sites'] {
  const counted = COUNTED_SITES.exec(normalized);
  if (counted?.[1]) {
    const token = counted[1];
    const value = /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS[token];
    if (value !== undefined && value > 0) return value;
  }
  if (SINGLE_SITE.test(normalized)) return 1;
  if (SEVERAL_SITES.test(normalized)) return 'several';
  return undefined;
}

/**
 * The words of `text` that fold to `folded` (« centre de santé » for "centre de sante"), so that what is shown back
 * is what the person typed, accents included; the folded words when no run of the typed ones matches.
 */
function asTyped(text: string, folded: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const count = folded.split(' ').length;
  for (let start = 0; start + count <= words.length; start += 1) {
    const run = words.slice(start, start + count).join(' ');
    if (normalizeText(run) === folded) return run.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
  }
  return folded;
}

/** Reads corridor, structure, number of sites and FINESS numbers from a message, French or English. */
export function extractEntities(text: string): Entities {
  const finess = [...text.matchAll(FINESS_CANDIDATE)].map((match) => checkFiness(match[1] ?? ''));
  // FINESS digits must not count as a number of sites.
  const normalized = normalizeText(text.replace(FINESS_CANDIDATE, ' '));
  const structure = STRUCTURE_PATTERNS.find((entry) => entry.pattern.test(normalized))?.structure;
  const corridor = CORRIDOR_PATTERNS.find((entry) => entry.pattern.test(normalized))?.corridor;
  const folded = structure ? undefined : UNCOVERED_STRUCTURE_PATTERN.exec(normalized)?.[0];
  const uncovered = folded ? asTyped(text, folded) : undefined;
  return { corridor, structure, sites: sitesOf(normalized), finess, ...(uncovered ? { uncoveredStructure: uncovered } : {}) };
}
