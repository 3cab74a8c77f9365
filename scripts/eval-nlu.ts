/**
 * `npm run eval:nlu`: trains the recognizer on the corpus minus a held-out split and prints accuracy per intent,
 * overall, the out-of-scope detection rate, the share of ambiguous ("did you mean A or B?") answers, recognition
 * time and training time. Exits 1 when a target is missed.
 *
 *   --offset N      hold out the utterances at position N modulo 5 of each intent and language (default 4: the
 *                   5th, 10th, …). Offsets 0..4 together are a 5-fold cross-validation.
 *   --all-offsets   evaluate offsets 0..4 and print one summary line per offset.
 *   --misses        list the held-out utterances answered wrongly (and the ambiguous ones).
 *   --model nlpjs   evaluate the former NLP.js classifier instead, as a baseline.
 *   --sweep         with --all-offsets: accuracy / out-of-scope / ambiguity for a grid of thresholds.
 *   --probe         also train on the whole corpus and read the frozen probe sets (corpus/probe-unseen*.json:
 *                   fresh sentences never trained or tuned on).
 *
 * Robustness checks (empty, emoji, 10,000 characters, typos, missing accents, mixed French/English), the
 * production training time (whole corpus, cold) and the eval by class of miss (scripts/eval-classes.ts: conversations
 * never trained on, played through the real bot, per class and language) are always run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { loadCorpus, parseCorpus, splitCorpus, type Utterance } from '../src/understanding/corpus';
import { CONVERSATION_PATTERNS } from '../src/understanding/conversation-patterns';
import probeFr from '../src/understanding/corpus/probe-unseen.json';
import probeEn from '../src/understanding/corpus/probe-unseen-en.json';
import type { IntentName } from '../src/understanding/intents';
import { IntentClassifier } from '../src/understanding/intent-classifier';
import { PatternRecognizer } from '../src/understanding/pattern-recognizer';
import { CompositeRecognizer, DEFAULT_THRESHOLDS, type RecognizerThresholds, type TextClassifier } from '../src/understanding/recognizer';
import { reportClasses, runClassCases } from './eval-classes';
import { answersAlike } from '../src/understanding/dated-questions';

const TARGETS = { overall: 0.95, outOfScope: 0.9, medianMs: 2, ambiguity: 0.05, trainMs: 400, classesOverall: 0.97, perClass: 0.9 };
const FOLDS = 5;

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

async function trainClassifier(train: readonly Utterance[]): Promise<TextClassifier> {
  if (option('--model') === 'nlpjs') {
    const { NlpJsClassifier } = await import('./nlpjs-baseline');
    return NlpJsClassifier.train(train);
  }
  return IntentClassifier.train(train);
}

interface Outcome {
  readonly utterance: Utterance;
  readonly intent: IntentName;
  readonly ambiguous: readonly IntentName[] | undefined;
  readonly ms: number;
}

interface Scores {
  readonly overall: number;
  readonly outOfScope: number;
  readonly ambiguity: number;
  readonly ambiguousCount: number;
  readonly perIntent: Map<string, { ok: number; total: number }>;
  readonly misses: string[];
  readonly total: number;
}

/** Right: the labelled intent, one that gives the same answer (a dated question read as the computation), or among the two offered. */
const isRight = (o: { utterance: Utterance; intent: IntentName; ambiguous: readonly IntentName[] | undefined }) =>
  answersAlike(o.utterance.intent, o.intent, o.utterance.text) || (o.ambiguous?.includes(o.utterance.intent) ?? false);

function score(outcomes: readonly Outcome[]): Scores {
  const perIntent = new Map<string, { ok: number; total: number }>();
  const misses: string[] = [];
  let ok = 0;
  let ambiguousCount = 0;
  for (const outcome of outcomes) {
    const { utterance, intent, ambiguous } = outcome;
    // An ambiguous answer counts as right when the right intent is among the two offered.
    const right = isRight(outcome);
    if (ambiguous) ambiguousCount += 1;
    const entry = perIntent.get(utterance.intent) ?? { ok: 0, total: 0 };
    entry.total += 1;
    if (right) {
      entry.ok += 1;
      ok += 1;
    }
    if (!right || ambiguous) {
      misses.push(
        `  ${right ? '~' : 'x'} [${utterance.locale}] ${utterance.intent} → ${intent}${ambiguous ? ` (ambiguous ${ambiguous.join('/')})` : ''}: ${utterance.text}`,
      );
    }
    perIntent.set(utterance.intent, entry);
  }
  const none = perIntent.get('none') ?? { ok: 0, total: 1 };
  return {
    overall: ok / outcomes.length,
    outOfScope: none.ok / none.total,
    ambiguity: ambiguousCount / outcomes.length,
    ambiguousCount,
    perIntent,
    misses,
    total: outcomes.length,
  };
}

async function run(recognizer: CompositeRecognizer, test: readonly Utterance[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const utterance of test) {
    const t0 = process.hrtime.bigint();
    const recognition = await recognizer.recognize(utterance.text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    outcomes.push({ utterance, intent: recognition.intent, ambiguous: recognition.ambiguous, ms });
  }
  return outcomes;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pass = (value: boolean) => (value ? 'PASS' : 'MISS');
const recognizerFor = (classifier: TextClassifier, thresholds: RecognizerThresholds = DEFAULT_THRESHOLDS) =>
  new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), classifier, thresholds);

interface FoldResult {
  readonly offset: number;
  readonly scores: Scores;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly trainMs: number;
  readonly trainSize: number;
  readonly classifier: TextClassifier;
  readonly test: readonly Utterance[];
}

async function fold(corpus: readonly Utterance[], offset: number): Promise<FoldResult> {
  const { train, test } = splitCorpus(corpus, FOLDS, offset);
  const started = process.hrtime.bigint();
  const classifier = await trainClassifier(train);
  const trainMs = Number(process.hrtime.bigint() - started) / 1e6;
  const outcomes = await run(recognizerFor(classifier), test);
  const timings = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    offset,
    scores: score(outcomes),
    medianMs: quantile(timings, 0.5),
    p99Ms: quantile(timings, 0.99),
    trainMs,
    trainSize: train.length,
    classifier,
    test,
  };
}

function meets(result: FoldResult): boolean {
  const { scores, medianMs } = result;
  return (
    scores.overall >= TARGETS.overall &&
    scores.outOfScope >= TARGETS.outOfScope &&
    scores.ambiguity < TARGETS.ambiguity &&
    medianMs < TARGETS.medianMs
  );
}

function printFold(result: FoldResult): void {
  const { scores } = result;
  console.log(
    `offset ${result.offset}: trained on ${result.trainSize} in ${result.trainMs.toFixed(0)} ms; held out ${scores.total}`,
  );
  console.log('intent                 accuracy');
  for (const [intent, entry] of [...scores.perIntent].sort()) {
    console.log(`${intent.padEnd(22)} ${pct(entry.ok / entry.total).padStart(6)}  (${entry.ok}/${entry.total})`);
  }
  if (flag('--misses')) console.log(`misses (x wrong, ~ ambiguous but right):\n${scores.misses.join('\n')}`);
  console.log(`overall accuracy: ${pct(scores.overall)} (target ≥ ${TARGETS.overall * 100}%) ${pass(scores.overall >= TARGETS.overall)}`);
  console.log(
    `out-of-scope detected: ${pct(scores.outOfScope)} (target ≥ ${TARGETS.outOfScope * 100}%) ${pass(scores.outOfScope >= TARGETS.outOfScope)}`,
  );
  console.log(
    `ambiguous answers: ${scores.ambiguousCount}/${scores.total} = ${pct(scores.ambiguity)} (target < ${TARGETS.ambiguity * 100}%) ${pass(scores.ambiguity < TARGETS.ambiguity)}`,
  );
  console.log(
    `recognition: median ${result.medianMs.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms (target median < ${TARGETS.medianMs} ms) ${pass(result.medianMs < TARGETS.medianMs)}`,
  );
}

async function sweep(folds: readonly FoldResult[]): Promise<void> {
  console.log('\nthreshold sweep (worst fold / mean over folds): minScore ambiguityRatio → overall, out-of-scope, ambiguity');
  for (const minScore of [0.25, 0.3, 0.35, 0.4, 0.5]) {
    for (const ambiguityRatio of [0.4, 0.5, 0.6, 0.7, 0.8]) {
      const results: Scores[] = [];
      for (const f of folds) results.push(score(await run(recognizerFor(f.classifier, { ...DEFAULT_THRESHOLDS, minScore, ambiguityRatio }), f.test)));
      const worst = (pick: (s: Scores) => number, max = false) =>
        results.map(pick).reduce((a, b) => (max ? Math.max(a, b) : Math.min(a, b)));
      const mean = (pick: (s: Scores) => number) => results.map(pick).reduce((a, b) => a + b, 0) / results.length;
      console.log(
        `  ${minScore.toFixed(2)} ${ambiguityRatio.toFixed(2)} → ${pct(worst((s) => s.overall))}/${pct(mean((s) => s.overall))}  ` +
          `${pct(worst((s) => s.outOfScope))}/${pct(mean((s) => s.outOfScope))}  ${pct(worst((s) => s.ambiguity, true))}/${pct(mean((s) => s.ambiguity))}`,
      );
    }
  }
}

const LONG_FR =
  "Bonjour, je me permets de vous écrire car je suis le nouveau responsable informatique du centre hospitalier depuis le mois dernier et je découvre encore beaucoup de choses. Mon prédécesseur est parti sans laisser de documentation, et nous avons plusieurs logiciels raccordés au DMP et au téléservice INSi. Hier matin, les équipes des admissions m'ont signalé que plus rien ne partait vers le DMP ; en regardant les journaux du connecteur, j'ai vu que notre certificat logiciel a expiré avant-hier. Que devons-nous faire maintenant pour rétablir le service au plus vite ? Pour vous donner le contexte, nous avons trois sites, un DPI d'un grand éditeur, une messagerie MSSanté et un serveur d'interfaces qui date un peu. Les utilisateurs sont inquiets parce que les comptes rendus ne sont plus versés, et la direction me demande un calendrier. J'ai essayé de me connecter à la plateforme mais je ne suis pas sûr d'avoir les bons droits. Le prestataire dit qu'il ne peut rien faire sans nous. " +
  "Par ailleurs, je voudrais profiter de ce message pour comprendre comment éviter que cela se reproduise, mais c'est secondaire. ".repeat(30);
const LONG_EN =
  "Hello, I joined the IT department of a private clinic group two weeks ago and I am trying to get on top of our certificates before anything breaks. We have an INSi connector, an MSSanté mailbox and a document flow to the DMP, all using IGC Santé software certificates that were set up by a contractor who is no longer around. Looking at the files on the interface server, one of the certificates reaches its end date at the end of next month. How do we renew it, and where is the renewal done? I would rather do it calmly now than in a hurry later. The management would also like a short note explaining the steps, the people involved and how long the whole thing takes, so any pointer is welcome. " +
  'We also run a few other applications, but they are not concerned here. '.repeat(40);

/** Behaviour that must hold whatever the corpus: checked on the model trained on the whole corpus. */
async function robustness(recognizer: CompositeRecognizer): Promise<boolean> {
  const cases: Array<[string, IntentName | ((intent: IntentName) => boolean), string]> = [
    ['', 'none', 'empty string'],
    ['   ', 'none', 'whitespace only'],
    ['👍🎉🙂', 'none', 'emoji only'],
    ['🤔', 'none', 'one emoji'],
    ['?', 'help', 'a lone question mark'],
    ['x'.repeat(10_000), 'none', '10,000 letters'],
    ['blabla bla '.repeat(1000), 'none', 'a repeated filler'],
    ['Le certificat du serveur de radiologie expire bientôt. '.repeat(200), 'none', 'one sentence pasted 200 times'],
    [LONG_FR, 'kb.expired', `a long message (${LONG_FR.length} characters)`],
    [LONG_EN, 'kb.renewal', `a long message (${LONG_EN.length} characters)`],
    ['COMBIEN DE TEMPS EST VALABLE LE CERTIFICAT', 'kb.validity', 'capitals'],
    ['duree de validite du certificat logiciel', 'kb.validity', 'no accents'],
    ['comment renouveller le certficat igc sante', 'kb.renewal', 'typos'],
    ['how long le certificat logiciel reste valid ?', 'kb.validity', 'mixed French and English'],
    ['notre certif a expiré, what should we do now ?', 'kb.expired', 'mixed French and English'],
    ['ma carte CPS est expirée', 'none', 'a CPS card is not a software certificate'],
    ['certificat médical pour le sport', 'none', 'a medical certificate'],
  ];
  let ok = true;
  for (const [text, expected, label] of cases) {
    const t0 = process.hrtime.bigint();
    const recognition = await recognizer.recognize(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const right = typeof expected === 'function' ? expected(recognition.intent) : recognition.intent === expected;
    ok &&= right;
    console.log(`  ${pass(right)} ${label}: → ${recognition.intent}${typeof expected === 'string' ? ` (expected ${expected})` : ''}, ${ms.toFixed(2)} ms`);
  }
  return ok;
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  let failed = false;

  // Production: whole corpus, first training in this process (cold JIT), as at start-up. CPU time is printed too:
  // on a shared machine the wall clock also counts the time other processes hold the CPU.
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const production = await trainClassifier(corpus);
  const productionMs = Number(process.hrtime.bigint() - started) / 1e6;
  const productionCpu = process.cpuUsage(cpu);
  const productionCpuMs = (productionCpu.user + productionCpu.system) / 1000;

  const offsets = flag('--all-offsets') ? [0, 1, 2, 3, 4] : [Number(option('--offset') ?? FOLDS - 1)];
  const folds: FoldResult[] = [];
  for (const offset of offsets) {
    const result = await fold(corpus, offset);
    folds.push(result);
    printFold(result);
    console.log('');
    // One fold alone moves by a point with the corpus's edits: across all five, the mean is what must meet the target.
    if (offsets.length === 1 && !meets(result)) failed = true;
  }
  if (folds.length > 1) {
    console.log('offset  overall  out-of-scope  ambiguous      median ms  p99 ms  train ms');
    for (const f of folds) {
      console.log(
        `${String(f.offset).padEnd(7)} ${pct(f.scores.overall).padStart(7)}  ${pct(f.scores.outOfScope).padStart(12)}  ${`${f.scores.ambiguousCount}/${f.scores.total} ${pct(f.scores.ambiguity)}`.padStart(13)}  ${f.medianMs.toFixed(3).padStart(9)}  ${f.p99Ms.toFixed(3).padStart(6)}  ${f.trainMs.toFixed(0).padStart(8)}  ${pass(meets(f))}`,
      );
    }
    const meanOf = (pick: (f: FoldResult) => number) => folds.map(pick).reduce((a, b) => a + b, 0) / folds.length;
    const meanOverall = meanOf((f) => f.scores.overall);
    console.log(
      `mean    ${pct(meanOverall).padStart(7)}  ${pct(meanOf((f) => f.scores.outOfScope)).padStart(12)}  ${pct(meanOf((f) => f.scores.ambiguity)).padStart(13)}   (target: mean ≥ ${TARGETS.overall * 100}%) ${pass(meanOverall >= TARGETS.overall)}`,
    );
    failed ||= meanOverall < TARGETS.overall;
    if (flag('--sweep')) await sweep(folds);
  }

  console.log(
    `\nproduction training: ${corpus.length} utterances in ${productionMs.toFixed(0)} ms wall, ${productionCpuMs.toFixed(0)} ms CPU, cold (target < ${TARGETS.trainMs} ms) ${pass(productionMs < TARGETS.trainMs)}; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
  );
  failed ||= productionMs >= TARGETS.trainMs;
  const recognizer = recognizerFor(production);
  console.log('robustness:');
  const robust = await robustness(recognizer);
  failed ||= !robust;

  if (flag('--probe')) {
    const probe = parseCorpus([probeFr, probeEn]);
    const scores = score(await run(recognizer, probe));
    console.log(`\nprobe (unseen, never tuned on): ${probe.length} utterances`);
    for (const [intent, entry] of [...scores.perIntent].sort()) {
      console.log(`${intent.padEnd(22)} ${pct(entry.ok / entry.total).padStart(6)}  (${entry.ok}/${entry.total})`);
    }
    if (flag('--misses')) console.log(scores.misses.join('\n'));
    console.log(`probe overall ${pct(scores.overall)}, out-of-scope ${pct(scores.outOfScope)}, ambiguous ${pct(scores.ambiguity)}`);
  }
  // The answers themselves, by class of miss: what a right answer must say and must not say.
  const outcomes = await runClassCases();
  console.log(`\nby class of miss (held-out conversations through the real bot): ${outcomes.length} cases`);
  const classes = reportClasses(outcomes, { overall: TARGETS.classesOverall, perClass: TARGETS.perClass }, flag('--misses'));
  console.log(classes.lines.join('\n'));
  failed ||= !classes.met;
  if (failed) process.exitCode = 1;
}

void main();
