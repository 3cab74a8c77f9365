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

/** A fingerprint of the corpus and of the code that turns it into a model. */
export function modelFingerprint(utterances: readonly Utterance[]): string {
  const hash = createHash('sha256').update(JSON.stringify(utterances));
  for (const file of modelCodeFiles()) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

/**
 * The classifier from the build's snapshot when it was made from this very corpus and code, else trained now
 * (about 200 ms). Answers which, for the start-up log.
 */
export async function loadOrTrainClassifier(
  utterances: readonly Utterance[],
  file = SNAPSHOT_FILE,
): Promise<{ classifier: IntentClassifier; source: 'snapshot' | 'trained' }> {
  const fingerprint = modelFingerprint(utterances);
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  const loaded = bytes && IntentClassifier.fromSnapshot(bytes, fingerprint);
  if (loaded) return { classifier: loaded, source: 'snapshot' };
  return { classifier: await IntentClassifier.train(utterances), source: 'trained' };
}

/** Trains on the whole corpus and writes the snapshot (run by the build). */
export async function writeSnapshot(utterances: readonly Utterance[], file = SNAPSHOT_FILE): Promise<number> {
  const classifier = await IntentClassifier.train(utterances);
  const bytes = classifier.toSnapshot(modelFingerprint(utterances));
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadCorpus } = require('./corpus') as typeof import('./corpus');
  writeSnapshot(loadCorpus()).then(
    (size) => console.error(`certibot: intent model snapshot written (${Math.round(size / 1024)} KB)`),
    (error: unknown) => {
      console.error('certibot: could not write the intent model snapshot', error);
      process.exit(1);
    },
  );
}
