import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangFr } from '@nlpjs/lang-fr';
import type { Nlp } from '@nlpjs/nlp';
import { Nlp as NlpPlugin } from '@nlpjs/nlp';
import { LOCALES, type Locale } from '../src/domain/locale';
import type { Utterance } from '../src/understanding/corpus';
import { CLASSIFIED_INTENTS, type ClassifiedIntent } from '../src/understanding/intents';
import type { Classification } from '../src/understanding/intent-classifier';
import { normalizeText } from '../src/parsing/normalize';

const KNOWN = new Set<string>(CLASSIFIED_INTENTS);

/**
 * The former production classifier, kept only as a baseline for `scripts/eval-nlu.ts --model nlpjs`: NLP.js's
 * neural intent classifier (one model per language, with its French and English stemmers), trained in process
 * from the utterance corpus. Production uses `IntentClassifier` (see intent-classifier.ts for why).
 */
export class NlpJsClassifier {
  private constructor(private readonly nlp: Nlp) {}

  static async train(utterances: readonly Utterance[]): Promise<NlpJsClassifier> {
    const container = await containerBootstrap({ log: false });
    container.use(NlpPlugin);
    container.use(LangFr);
    container.use(LangEn);
    // Same defaults as NLP.js, without its per-epoch console output.
    container.registerConfiguration(
      'nlu-??',
      { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: true, spellCheckDistance: 1, filterZeros: true, log: false },
      true,
    );
    const nlp = container.get('nlp');
    nlp.settings.autoSave = false;
    nlp.settings.log = false;
    nlp.addLanguage([...LOCALES]);
    for (const utterance of utterances) nlp.addDocument(utterance.locale, normalizeText(utterance.text), utterance.intent);
    await nlp.train();
    return new NlpJsClassifier(nlp);
  }

  /** The best two intents in `locale`, best first; 'none' when nothing the model knows is in the text. */
  async classify(text: string, locale: Locale): Promise<[Classification, Classification | undefined]> {
    const result = await this.nlp.classify(locale, normalizeText(text));
    const ranked = result.classifications
      .filter((c) => KNOWN.has(c.intent))
      .map((c) => ({ intent: c.intent as ClassifiedIntent, score: c.score }))
      .sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (!best || result.intent === 'None' || best.score === 0) return [{ intent: 'none', score: 1 }, undefined];
    return [best, ranked[1]];
  }
}
