import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/understanding/corpus';
import { IntentClassifier } from '../../src/understanding/intent-classifier';
import { loadOrTrainClassifier, modelFingerprint, writeSnapshot } from '../../src/understanding/model-snapshot';

describe('the intent model snapshot', () => {
  const corpus = loadCorpus();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-model-'));
  const file = path.join(dir, 'intent-model.bin');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads back a model that classifies exactly as the trained one', async () => {
    await writeSnapshot(corpus, file);
    const trained = await IntentClassifier.train(corpus);
    const { classifier, source } = await loadOrTrainClassifier(corpus, file);
    expect(source).toBe('snapshot');
    for (const text of ['combien de temps est valable le certificat ?', 'météo demain', 'délivré le 12/09/2024', 'xyzzy']) {
      expect(classifier.rank(text)).toEqual(trained.rank(text));
    }
  });

  it('is ignored, and the model trained, when the corpus changed since the snapshot', async () => {
    await writeSnapshot(corpus, file);
    const changed = [...corpus, { locale: 'fr' as const, intent: 'none' as const, text: 'une phrase ajoutée après la construction' }];
    expect(modelFingerprint(changed)).not.toBe(modelFingerprint(corpus));
    expect((await loadOrTrainClassifier(changed, file)).source).toBe('trained');
  });

  it('is ignored when missing, truncated or not a snapshot at all', async () => {
    expect((await loadOrTrainClassifier(corpus, path.join(dir, 'missing.bin'))).source).toBe('trained');
    await writeSnapshot(corpus, file);
    const bytes = fs.readFileSync(file);
    expect(IntentClassifier.fromSnapshot(bytes.subarray(0, bytes.length - 8), modelFingerprint(corpus))).toBeUndefined();
    expect(IntentClassifier.fromSnapshot(Buffer.from('not a model'), modelFingerprint(corpus))).toBeUndefined();
  });
});
