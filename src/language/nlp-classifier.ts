/**
 * The classifier the recognizer uses, under the name the composition root knows it by. It is certibot's own
 * logistic-regression classifier over domain concepts (see intent-classifier.ts); the NLP.js model it replaced is
 * kept in nlpjs-classifier.ts as an evaluation baseline only.
 */
export { IntentClassifier as NlpClassifier, type Classification } from './intent-classifier';
