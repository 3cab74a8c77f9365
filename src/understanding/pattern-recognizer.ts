import type { Locale } from '../domain/locale';
import type { IntentName } from './intents';
import { normalizeText } from '../parsing/normalize';
import type { PhrasePattern } from './conversation-patterns';

export interface PatternMatch {
  readonly intent: IntentName;
  /** 1 on a match, 0 for 'none'. */
  readonly score: number;
  readonly language: Locale | undefined;
}

/** Exact conversational commands from a pattern table; the first matching pattern wins, else 'none'. */
export class PatternRecognizer {
  constructor(private readonly patterns: readonly PhrasePattern[]) {}

  recognize(input: string): PatternMatch {
    const normalized = normalizeText(input);
    for (const { intent, language, pattern, raw } of this.patterns) {
      if (pattern.test(raw ? input : normalized)) return { intent, score: 1, language };
    }
    return { intent: 'none', score: 0, language: undefined };
  }
}
