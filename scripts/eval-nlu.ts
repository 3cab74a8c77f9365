/**
 * `npm run eval:nlu`: trains the recognizer on the corpus minus a held-out split (every 5th utterance of each
 * intent and language) and prints accuracy per intent, overall, the out-of-scope detection rate, and the median
 * recognition time. Exits 1 when a target is missed.
 */
import { loadCorpus, splitCorpus } from '../src/language/corpus';
import { CONVERSATION_PATTERNS } from '../src/language/conversation-patterns';
import { NlpClassifier } from '../src/language/nlp-classifier';
import { PatternRecognizer } from '../src/language/pattern-recognizer';
import { CompositeRecognizer } from '../src/language/recognizer';

const TARGETS = { overall: 0.95, outOfScope: 0.9, medianMs: 2 };

async function main(): Promise<void> {
  const { train, test } = splitCorpus(loadCorpus());
  const started = Date.now();
  const classifier = await NlpClassifier.train(train);
  const trainMs = Date.now() - started;
  const recognizer = new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), classifier);

  const perIntent = new Map<string, { ok: number; total: number }>();
  const timings: number[] = [];
  const misses: string[] = [];
  let ok = 0;
  for (const utterance of test) {
    const t0 = process.hrtime.bigint();
    const recognition = await recognizer.recognize(utterance.text);
    timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // An ambiguous answer counts as right when the right intent is among the two offered.
    const right = recognition.intent === utterance.intent || (recognition.ambiguous?.includes(utterance.intent) ?? false);
    const entry = perIntent.get(utterance.intent) ?? { ok: 0, total: 0 };
    entry.total += 1;
    if (right) {
      entry.ok += 1;
      ok += 1;
    } else {
      misses.push(`  [${utterance.locale}] ${utterance.intent} → ${recognition.intent}${recognition.ambiguous ? ` (ambiguous ${recognition.ambiguous.join('/')})` : ''}: ${utterance.text}`);
    }
    perIntent.set(utterance.intent, entry);
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)] ?? 0;
  const p99 = timings[Math.floor(timings.length * 0.99)] ?? 0;
  const overall = ok / test.length;
  const none = perIntent.get('none') ?? { ok: 0, total: 1 };
  const oos = none.ok / none.total;
  const falseOos = test.filter((u) => u.intent !== 'none').length;

  console.log(`corpus: ${train.length + test.length} utterances; trained on ${train.length} in ${trainMs} ms; held out ${test.length}`);
  console.log('intent                 accuracy');
  for (const [intent, entry] of [...perIntent].sort()) {
    console.log(`${intent.padEnd(22)} ${(entry.ok / entry.total * 100).toFixed(1).padStart(6)}%  (${entry.ok}/${entry.total})`);
  }
  if (process.argv.includes('--misses')) console.log(`misses:\n${misses.join('\n')}`);
  const pass = (value: boolean) => (value ? 'PASS' : 'MISS');
  console.log(`overall accuracy: ${(overall * 100).toFixed(1)}% (target ≥ ${TARGETS.overall * 100}%) ${pass(overall >= TARGETS.overall)}`);
  console.log(`out-of-scope detected: ${(oos * 100).toFixed(1)}% (target ≥ ${TARGETS.outOfScope * 100}%) ${pass(oos >= TARGETS.outOfScope)}`);
  console.log(`in-scope held-out questions: ${falseOos}`);
  console.log(`recognition: median ${median.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target median < ${TARGETS.medianMs} ms) ${pass(median < TARGETS.medianMs)}`);
  if (overall < TARGETS.overall || oos < TARGETS.outOfScope || median >= TARGETS.medianMs) process.exitCode = 1;
}

void main();
