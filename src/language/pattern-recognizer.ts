import type { IntentRecognizer, Recognition } from './intents';
import { normalizeText } from './normalize';
import type { PhrasePattern } from './conversation-patterns';

/** Recognizes conversational phrases from a pattern table; the first matching pattern wins. */
export class PatternRecognizer implements IntentRecognizer {
  constructor(private readonly patterns: readonly PhrasePattern[]) {}

  recognize(input: string): Recognition {
    const normalized = normalizeText(input);
    for (const { intent, language, pattern } of this.patterns) {
      if (pattern.test(normalized)) return { intent, score: 1, language };
    }
    return { intent: 'none', score: 0, language: undefined };
  }
}
