import { normalizeText } from './normalize';
import { NUMBER_WORDS } from './structure-lexicon';

/**
 * Closed questions — « le certificat est-il valable 5 ans ? », « peut-on le renouveler ? », "is renewal automatic?" —
 * whose answer must open with yes or no, and the durations they put forward (« 5 ans », "60 days").
 */

/** « comment », "how much"…: a question that asks for something, not whether something holds. */
const OPEN_WORDS = /^(?:(?:bonjour|salut|hello|hi)\s+)?(?:comment|combien|quand|pourquoi|ou|qui|quel|quelle|quels|quelles|que|quoi|how|what|when|why|where|who|which)\b/;
/** French inversion (« est-il », « peut-on », « a-t-il »), « est-ce que », or an English auxiliary first. */
const CLOSED =
  /\b[a-z]+-(?:t-)?(?:il|elle|ils|elles|on)\b|\best-ce qu|\best ce qu|^(?:(?:bonjour|salut|hello|hi)\s+)?(?:is|are|was|does|do|did|can|could|will|would|should|must|has|have|may|shall)\b/;

/** An asking word anywhere: « c'est quoi le préavis ? », "the notice is how long?". */
const ASKING_WORD = /\b(?:comment|combien|quand|pourquoi|quoi|quel|quelle|quels|quelles|how|what|when|why|where|who|which)\b/;

/**
 * Whether a message is a yes/no question: with an inversion or an auxiliary first, or — spoken French and English —
 * a statement ending with a question mark (« le renouvellement est automatique ? ») with no asking word in it.
 */
export function isClosedQuestion(text: string): boolean {
  const words = normalizeText(text);
  if (OPEN_WORDS.test(words)) return false;
  return CLOSED.test(words) || (/\?\s*$/.test(text) && !ASKING_WORD.test(words));
}

/**
 * « Quand faut-il lancer le renouvellement ? », « combien de temps avant l'expiration ? », "how early should we
 * renew?": a question about when, rather than how.
 */
const ASKS_WHEN =
  /\b(?:quand|a partir de quand|combien de (?:temps|jours|semaines|mois) (?:a l )?avant|combien (?:de temps )?a l avance|a quel moment|des quand|when|how (?:long|many (?:days|weeks|months)|early|soon) (?:before|ahead|in advance|should)|how far (?:ahead|in advance)|at what point)\b/;

/** Whether a question asks when (see ASKS_WHEN). */
export function asksWhen(text: string): boolean {
  return ASKS_WHEN.test(normalizeText(text));
}

const DURATION = new RegExp(
  String.raw`\b(\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})\s*(ans?|annees?|years?|mois|months?|jours?|days?|semaines?|weeks?)\b`,
);
const UNITS: ReadonlyArray<readonly [RegExp, 'year' | 'month' | 'week' | 'day']> = [
  [/^(?:ans?|annees?|years?)$/, 'year'],
  [/^(?:mois|months?)$/, 'month'],
  [/^(?:semaines?|weeks?)$/, 'week'],
  [/^(?:jours?|days?)$/, 'day'],
];

/** The first duration a message names, in a unit and an amount: « 5 ans » → { amount: 5, unit: 'year' }. */
export function durationIn(text: string): { readonly amount: number; readonly unit: 'year' | 'month' | 'week' | 'day' } | undefined {
  const match = DURATION.exec(normalizeText(text));
  if (!match?.[1] || !match[2]) return undefined;
  const amount = /^\d+$/.test(match[1]) ? Number(match[1]) : NUMBER_WORDS[match[1]];
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ''))?.[1];
  return amount === undefined || unit === undefined ? undefined : { amount, unit };
}
