import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/understanding/corpus';
import { IntentClassifier } from '../../src/understanding/intent-classifier';
import { CORPUS_FILES, corpusOf, loadOrTrainClassifier, modelCodeFiles, modelFingerprint, shippedCorpus, writeSnapshot } from '../../src/understanding/model-snapshot';

const UNDERSTANDING = path.resolve(__dirname, '../../src/understanding');
/** The intents are listed in the snapshot itself (fromSnapshot compares them): their file needs no fingerprint. */
const LISTED_IN_SNAPSHOT = new Set([require.resolve(path.join(UNDERSTANDING, 'intents'))]);

/** Whether an import's clause brings types only (`type X`, `{ type A, type B }`): those shape no model. */
function typesOnly(clause: string): boolean {
  if (/^type\b/.test(clause)) return true;
  const braces = /^\{([^}]*)\}$/.exec(clause);
  return braces !== null && (braces[1] ?? '').split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '));
}

/** The source files a module imports values from, transitively and itself included, by reading its imports. */
function valueImportClosure(entry: string): Set<string> {
  const files = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file) || LISTED_IN_SNAPSHOT.has(file)) return;
    files.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^import\s+([^;]*?)\s+from\s+'(\.[^']+)';/gm)) {
      if (!typesOnly((match[1] ?? '').trim())) visit(require.resolve(path.resolve(path.dirname(file), match[2] ?? '')));
    }
  };
  visit(require.resolve(entry));
  return files;
}

describe('the intent model snapshot', () => {
  const utterances = loadCorpus();
  const corpus = corpusOf(utterances);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-model-'));
  const file = path.join(dir, 'intent-model.bin');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads back a model that classifies exactly as the trained one', async () => {
    await writeSnapshot(corpus, file);
    const trained = await IntentClassifier.train(utterances);
    const { classifier, source } = await loadOrTrainClassifier(corpus, file);
    expect(source).toBe('snapshot');
    for (const text of ['combien de temps est valable le certificat ?', 'météo demain', 'délivré le 12/09/2024', 'xyzzy']) {
      expect(classifier.rank(text)).toEqual(trained.rank(text));
    }
  });

  it('is ignored, and the model trained, when the corpus changed since the snapshot', async () => {
    await writeSnapshot(corpus, file);
    const changed = corpusOf([...utterances, { locale: 'fr' as const, intent: 'none' as const, text: 'une phrase ajoutée après la construction' }]);
    expect(modelFingerprint(changed)).not.toBe(modelFingerprint(corpus));
    expect((await loadOrTrainClassifier(changed, file)).source).toBe('trained');
  });

  it('is ignored, and the model trained, when it was made by other code (its fingerprint is not the current one)', async () => {
    const stale = (await IntentClassifier.train(utterances)).toSnapshot('the fingerprint of an older classifier');
    fs.writeFileSync(file, stale);
    expect(IntentClassifier.fromSnapshot(stale, modelFingerprint(corpus))).toBeUndefined();
    expect((await loadOrTrainClassifier(corpus, file)).source).toBe('trained');
  });

  it("fingerprints the code of every module the classifier's code imports values from, and no other", () => {
    const closure = valueImportClosure(path.join(UNDERSTANDING, 'intent-classifier'));
    expect([...closure].sort()).toEqual([...modelCodeFiles()].sort());
    // The walk itself sees through the files: the feature code and normalization are reached.
    expect(closure).toContain(require.resolve(path.join(UNDERSTANDING, 'text-features')));
    expect(closure).toContain(require.resolve('../../src/parsing/normalize'));
  });

  it('is ignored when missing, truncated or not a snapshot at all', async () => {
    expect((await loadOrTrainClassifier(corpus, path.join(dir, 'missing.bin'))).source).toBe('trained');
    await writeSnapshot(corpus, file);
    const bytes = fs.readFileSync(file);
    expect(IntentClassifier.fromSnapshot(bytes.subarray(0, bytes.length - 8), modelFingerprint(corpus))).toBeUndefined();
    expect(IntentClassifier.fromSnapshot(Buffer.from('not a model'), modelFingerprint(corpus))).toBeUndefined();
  });

  it('identifies the shipped corpus by the files corpus.ts imports, and parses it only to train', async () => {
    const imported = [...fs.readFileSync(path.join(UNDERSTANDING, 'corpus.ts'), 'utf8').matchAll(/^import \w+ from '(\.\/corpus\/[^']+\.json)';/gm)].map((m) => m[1]);
    expect(imported.sort()).toEqual([...CORPUS_FILES].sort());
    let parsed = 0;
    const shipped = shippedCorpus(async () => {
      parsed += 1;
      return utterances;
    });
    await writeSnapshot(shipped, file);
    expect(parsed).toBe(1);
    expect((await loadOrTrainClassifier(shipped, file)).source).toBe('snapshot');
    expect(parsed).toBe(1);
  });
});
