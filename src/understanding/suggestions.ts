import type { IntentClassifier } from './intent-classifier';
import type { ChoosableIntent } from './intents';

/** Below this probability an answer is no suggestion. */
const MIN_SCORE = 0.08;

/**
 * The knowledge answers closest to a text, best first: what the request form offers before a request is sent
 * (many requests end there).
 */
export function suggestAnswers(classifier: Pick<IntentClassifier, 'rank'>, text: string): ChoosableIntent[] {
  return classifier
    .rank(text)
    .filter((c) => c.intent.startsWith('kb.') && c.score >= MIN_SCORE)
    .slice(0, 3)
    .map((c) => c.intent as ChoosableIntent);
}
