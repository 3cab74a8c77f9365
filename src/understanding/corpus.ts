import { z } from 'zod';
import type { Locale } from '../domain/locale';
import { CLASSIFIED_INTENTS, type ClassifiedIntent } from './intents';
import frCorpus from './corpus/fr.json';
import enCorpus from './corpus/en.json';

export interface Utterance {
  readonly locale: Locale;
  readonly intent: ClassifiedIntent;
  readonly text: string;
}

const corpusSchema = z
  .object({
    locale: z.enum(['fr', 'en']),
    intents: z.partialRecord(z.enum(CLASSIFIED_INTENTS), z.array(z.string().trim().min(1)).min(1)),
  })
  .strict();

/** The utterance corpus, as data: validated, flattened, in file order. */
export function parseCorpus(documents: readonly unknown[]): Utterance[] {
  const utterances: Utterance[] = [];
  for (const document of documents) {
    const parsed = corpusSchema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Utterance corpus invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`);
    }
    for (const intent of CLASSIFIED_INTENTS) {
      for (const text of parsed.data.intents[intent] ?? []) utterances.push({ locale: parsed.data.locale, intent, text });
    }
  }
  return utterances;
}

export function loadCorpus(): Utterance[] {
  return parseCorpus([frCorpus, enCorpus]);
}

/**
 * A deterministic held-out split for evaluation: the utterances whose position within their intent and language
 * is `offset` modulo `every` are held out (by default the 5th, 10th, …). Evaluating offsets 0..every-1 is a
 * k-fold cross-validation: every utterance is held out exactly once. Training for production uses the whole
 * corpus.
 */
export function splitCorpus(
  utterances: readonly Utterance[],
  every = 5,
  offset = every - 1,
): { train: Utterance[]; test: Utterance[] } {
  const seen = new Map<string, number>();
  const train: Utterance[] = [];
  const test: Utterance[] = [];
  for (const utterance of utterances) {
    const key = `${utterance.locale}/${utterance.intent}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    (index % every === offset ? test : train).push(utterance);
  }
  return { train, test };
}
