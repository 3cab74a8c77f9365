import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Utterance } from './corpus';
import { IntentClassifier } from './intent-classifier';

/** Where the build writes the trained model, beside the compiled code that reads it. */
export const SNAPSHOT_FILE = path.join(__dirname, 'intent-model.bin');

/**
 * The modules whose code shapes the model: a snapshot made by other code is never loaded. Every module the
 * classifier's code imports for values is here (a test checks it), but the intents, which the snapshot itself lists.
 */
const MODEL_CODE = [
  './message-tokens',
  './lexicon-lookup',
  './feature-hashing',
  './text-features',
  './concept-lexicon',
  './intent-classifier',
  '../parsing/normalize',
  '../domain/seeded-random',
];

/** The files of the model's code as this process runs them (.ts under ts-node and jest, .js from dist). */
export function modelCodeFiles(): string[] {
  return MODEL_CODE.map((module) => require.resolve(module));
}

/**
 * What a classifier learns from: what identifies it in a fingerprint, and its utterances, asked for only to train
 * (parsing and validating the corpus took a start tens of milliseconds for a model the snapshot already holds).
 */
export interface CorpusSource {
  readonly identity: () => string | Buffer;
  readonly utterances: () => Promise<readonly Utterance[]>;
}

/** A corpus in memory (tests, evaluation): identified by its utterances as JSON. */
export function corpusOf(utterances: readonly Utterance[]): CorpusSource {
  return { identity: () => JSON.stringify(utterances), utterances: async () => utterances };
}

/** The corpus files the build ships, the ones src/understanding/corpus.ts imports. */
export const CORPUS_FILES = ['./corpus/fr.json', './corpus/en.json'];

/** The shipped corpus: identified by its files' bytes, parsed by `load` only if the model must be trained. */
export function shippedCorpus(load: () => Promise<readonly Utterance[]>): CorpusSource {
  return { identity: () => Buffer.concat(CORPUS_FILES.map((file) => fs.readFileSync(require.resolve(file)))), utterances: load };
}

/** A fingerprint of the corpus and of the code that turns it into a model. */
export function modelFingerprint(corpus: CorpusSource): string {
  const hash = createHash('sha256').update(corpus.identity());
  for (const file of modelCodeFiles()) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

/**
 * The classifier from the build's snapshot when it was made from this very corpus and code, else trained now
 * (about 200 ms). Answers which, for the start-up log.
 */
export async function loadOrTrainClassifier(
  corpus: CorpusSource,
  file = SNAPSHOT_FILE,
): Promise<{ classifier: IntentClassifier; source: 'snapshot' | 'trained' }> {
  const fingerprint = modelFingerprint(corpus);
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  const loaded = bytes && IntentClassifier.fromSnapshot(bytes, fingerprint);
  if (loaded) return { classifier: loaded, source: 'snapshot' };
  return { classifier: await IntentClassifier.train(await corpus.utterances()), source: 'trained' };
}

export async function writeSnapshot(corpus: CorpusSource, file = SNAPSHOT_FILE): Promise<number> {
  const classifier = await IntentClassifier.train(await corpus.utterances());
  const bytes = classifier.toSnapshot(modelFingerprint(corpus));
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadCorpus } = require('./corpus') as typeof import('./corpus');
  writeSnapshot(shippedCorpus(async () => loadCorpus())).then(
    (size) => console.error(`certibot: intent model snapshot written (${Math.round(size / 1024)} KB)`),
    (error: unknown) => {
      console.error('certibot: could not write the intent model snapshot', error);
      process.exit(1);
    },
  );
}
