/**
 * The understanding eval by class of miss (issue « Understanding, round 2 »): conversations written for this check
 * only — never in the training corpus, never used to tune the classifier's thresholds — are played through the real
 * bot (restify + CloudAdapter on loopback, SQLite on disk) and each last answer is checked against what a right answer
 * must say and must not say. Reported per class and per language; used by `npm run eval:nlu` and by the test that keeps
 * the targets (test/understanding/class-eval.test.ts).
 */
import { BotHarness, TestClock } from '../test/harness/bot-harness';
import { message, type TeamsChat } from '../test/harness/activities';
import { click as clickButton } from '../test/harness/activities';
import { renderActivity, type CardButton } from '../test/harness/card-text';
import type { WireActivity } from '../toolkit/fake-connector';
import casesJson from './eval-classes-cases.json';

/** One step of a conversation: a typed message, or a click on a button of the bot's last answer (by its title). */
type Step = string | { readonly click: string };

export interface ClassCase {
  readonly class: number;
  readonly locale: 'fr-FR' | 'en-US';
  /** Where it is said: the personal chat (default) or a team channel (messages @mention the bot there). */
  readonly where?: 'personal' | 'channel';
  readonly say: readonly Step[];
  /** Each must appear in the answer to the last step (case-insensitive, Markdown emphasis and escapes ignored). */
  readonly expect: readonly string[];
  /** None may appear in it. */
  readonly avoid?: readonly string[];
  /** What the case checks, for the report. */
  readonly why: string;
}

export const CLASS_NAMES: Readonly<Record<number, string>> = {
  1: 'headline answers the question asked',
  2: 'rules the sheet states',
  3: 'near-miss situations',
  4: 'scope (a patient’s own record)',
  5: 'requests are not questions',
  6: 'registration that listens',
  7: 'dates people write',
  8: 'sources and regions',
  9: 'ask back only when ambiguous',
  10: 'follow-through',
};

export const CLASS_CASES = casesJson as readonly ClassCase[];

export interface CaseOutcome {
  readonly case: ClassCase;
  readonly right: boolean;
  readonly missing: readonly string[];
  readonly unwanted: readonly string[];
  readonly answer: string;
}

/** The text a reader sees, with Markdown emphasis and escapes dropped and typographic apostrophes made plain. */
function readable(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1').replace(/[’‘]/g, "'").replace(/ /g, ' ');
}

/** Values the cards' inputs were pre-filled with, as « input id = value » lines. */
function inputValues(activity: WireActivity): string[] {
  const values: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.value !== undefined && record.value !== '') {
      values.push(`${String(record.id)} = ${String(record.value)}`);
    }
    Object.values(record).forEach(visit);
  };
  visit(activity.attachments);
  return values;
}

/** The day the cases' expected dates are computed from: Sunday 6 December 2026, 10:00 in Paris. */
export const CLASS_EVAL_NOW = new Date('2026-12-06T09:00:00Z');

export async function runClassCases(cases: readonly ClassCase[] = CLASS_CASES): Promise<CaseOutcome[]> {
  const harness = await BotHarness.start({ clock: new TestClock(CLASS_EVAL_NOW) });
  const outcomes: CaseOutcome[] = [];
  try {
    for (const testCase of cases) outcomes.push(await playCase(harness, testCase));
  } finally {
    await harness.stop();
  }
  return outcomes;
}

/** Plays one case in a new conversation of a new person on a running harness, and checks its last answer. */
export async function playCase(harness: BotHarness, testCase: ClassCase): Promise<CaseOutcome> {
  const chat: TeamsChat =
    testCase.where === 'channel' ? harness.teamChannel({ locale: testCase.locale }) : harness.personalChat({ locale: testCase.locale });
  let replies: readonly WireActivity[] = [];
  for (const step of testCase.say) {
    if (typeof step === 'string') {
      replies = (await harness.send(message(chat, step))).replies;
      continue;
    }
    const buttons: CardButton[] = replies.flatMap((reply) => renderActivity(reply).buttons);
    const button = buttons.find((candidate) => candidate.title.toLowerCase() === step.click.toLowerCase());
    if (!button) {
      return { case: testCase, right: false, missing: [`a button « ${step.click} »`], unwanted: [], answer: replies.map((r) => renderActivity(r).text).join('\n---\n') };
    }
    const result = await harness.send(clickButton(chat, button));
    replies = result.replies;
    // An invoke's answer card is shown to the clicker: it is part of what they read.
    const invokeCard = (result.json as { value?: unknown } | undefined)?.value;
    if (button.type === 'Action.Execute' && invokeCard && typeof invokeCard === 'object') {
      replies = [...replies, { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: invokeCard }] } as WireActivity];
    }
  }
  const answer = replies.map((reply) => [renderActivity(reply).text, ...inputValues(reply)].join('\n')).join('\n---\n');
  const haystack = readable(answer).toLowerCase();
  const missing = testCase.expect.filter((text) => !haystack.includes(readable(text).toLowerCase()));
  const unwanted = (testCase.avoid ?? []).filter((text) => haystack.includes(readable(text).toLowerCase()));
  return { case: testCase, right: missing.length === 0 && unwanted.length === 0, missing, unwanted, answer };
}

export interface ClassScore {
  readonly klass: number;
  readonly ok: number;
  readonly total: number;
  readonly byLocale: Readonly<Record<string, { ok: number; total: number }>>;
}

export function scoreByClass(outcomes: readonly CaseOutcome[]): ClassScore[] {
  const scores = new Map<number, { ok: number; total: number; byLocale: Record<string, { ok: number; total: number }> }>();
  for (const outcome of outcomes) {
    const entry = scores.get(outcome.case.class) ?? { ok: 0, total: 0, byLocale: {} };
    const locale = (entry.byLocale[outcome.case.locale] ??= { ok: 0, total: 0 });
    entry.total += 1;
    locale.total += 1;
    if (outcome.right) {
      entry.ok += 1;
      locale.ok += 1;
    }
    scores.set(outcome.case.class, entry);
  }
  return [...scores].sort(([a], [b]) => a - b).map(([klass, entry]) => ({ klass, ...entry }));
}

/** The report's lines, then whether the targets (overall, and every class) are met. */
export function reportClasses(outcomes: readonly CaseOutcome[], targets: { overall: number; perClass: number }, showMisses: boolean): { lines: string[]; met: boolean } {
  const pct = (ok: number, total: number) => `${((ok / total) * 100).toFixed(1)}%`;
  const lines = ['class                                         accuracy          fr        en'];
  let met = true;
  for (const score of scoreByClass(outcomes)) {
    const name = `${score.klass}. ${CLASS_NAMES[score.klass] ?? ''}`;
    const locales = ['fr-FR', 'en-US'].map((locale) => {
      const entry = score.byLocale[locale];
      return entry ? `${entry.ok}/${entry.total}`.padStart(9) : '        -';
    });
    const ok = score.ok / score.total >= targets.perClass;
    met &&= ok;
    lines.push(`${name.padEnd(45)} ${pct(score.ok, score.total).padStart(6)} (${`${score.ok}/${score.total}`.padStart(5)}) ${locales.join(' ')}${ok ? '' : '  MISS'}`);
  }
  const right = outcomes.filter((o) => o.right).length;
  const overallOk = right / outcomes.length >= targets.overall;
  met &&= overallOk;
  lines.push(
    `classes overall: ${pct(right, outcomes.length)} (${right}/${outcomes.length}; target ≥ ${targets.overall * 100}%, every class ≥ ${targets.perClass * 100}%) ${met ? 'PASS' : 'MISS'}`,
  );
  if (showMisses) {
    for (const outcome of outcomes.filter((o) => !o.right)) {
      lines.push(`  x [${outcome.case.class} ${outcome.case.locale}] ${outcome.case.say.map((s) => (typeof s === 'string' ? s : `(click ${s.click})`)).join(' ⏎ ')}`);
      if (outcome.missing.length) lines.push(`      missing: ${outcome.missing.join(' | ')}`);
      if (outcome.unwanted.length) lines.push(`      unwanted: ${outcome.unwanted.join(' | ')}`);
      lines.push(...outcome.answer.split('\n').slice(0, 14).map((line) => `      > ${line}`));
    }
  }
  return { lines, met };
}
