import type { Locale } from '../domain/locale';
import { extractEntities } from './entities';
import { guessLanguage } from './guess-language';
import type { IntentRecognizer, Recognition } from './intents';
import type { Classification, NlpClassifier } from './nlp-classifier';
import type { PatternRecognizer } from './pattern-recognizer';

export interface RecognizerThresholds {
  /** Below this score the message is out of scope. */
  readonly minScore: number;
  /** When the runner-up scores at least this share of the best, the bot asks which was meant. */
  readonly ambiguityRatio: number;
}

export const DEFAULT_THRESHOLDS: RecognizerThresholds = { minScore: 0.55, ambiguityRatio: 0.6 };

/**
 * Exact commands first (language switches, yes/no, delete my data), then the classifier in the message's
 * language — or in both when the language is unclear, keeping the surer answer.
 */
export class CompositeRecognizer implements IntentRecognizer {
  constructor(
    private readonly patterns: PatternRecognizer,
    private readonly classifier: NlpClassifier,
    private readonly thresholds: RecognizerThresholds = DEFAULT_THRESHOLDS,
  ) {}

  async recognize(text: string): Promise<Recognition> {
    const entities = extractEntities(text);
    const guessed = guessLanguage(text);
    const command = this.patterns.recognize(text);
    if (command.intent !== 'none') return { ...command, language: command.language ?? guessed, entities };

    const [best, runnerUp, language] = await this.classifyIn(text, guessed);
    if (best.intent === 'none' || best.score < this.thresholds.minScore) {
      return { intent: 'none', score: best.intent === 'none' ? best.score : 1 - best.score, language, entities };
    }
    const ambiguous =
      runnerUp && runnerUp.intent !== 'none' && runnerUp.score >= best.score * this.thresholds.ambiguityRatio
        ? ({ ambiguous: [best.intent, runnerUp.intent] } as const)
        : {};
    return { intent: best.intent, score: best.score, language, entities, ...ambiguous };
  }

  private async classifyIn(
    text: string,
    guessed: Locale | undefined,
  ): Promise<[Classification, Classification | undefined, Locale | undefined]> {
    if (guessed) return [...(await this.classifier.classify(text, guessed)), guessed];
    const [fr, en] = await Promise.all([this.classifier.classify(text, 'fr'), this.classifier.classify(text, 'en')]);
    const frScore = fr[0].intent === 'none' ? 0 : fr[0].score;
    const enScore = en[0].intent === 'none' ? 0 : en[0].score;
    return frScore >= enScore ? [...fr, undefined] : [...en, undefined];
  }
}
