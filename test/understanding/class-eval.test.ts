import { BotHarness, TestClock } from '../harness/bot-harness';
import { CLASS_CASES, CLASS_EVAL_NOW, CLASS_NAMES, playCase, reportClasses, type CaseOutcome } from '../../scripts/eval-classes';

/**
 * The understanding eval by class of miss (`npm run eval:nlu` reports it): every held-out conversation, through the
 * real HTTP pipeline, must get an answer that says what it must and nothing it must not. One test per case, so that
 * a regression names the sentence and shows what the bot said.
 */
let harness: BotHarness;
const outcomes: CaseOutcome[] = [];

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(CLASS_EVAL_NOW) });
});
afterAll(async () => harness.stop());

describe.each(Object.entries(CLASS_NAMES))('class %s: %s', (klass) => {
  const cases = CLASS_CASES.filter((c) => String(c.class) === klass);

  it('has cases in both languages', () => {
    expect(new Set(cases.map((c) => c.locale))).toEqual(new Set(['fr-FR', 'en-US']));
  });

  it.each(cases.map((c) => [`[${c.locale}] ${c.say.map((s) => (typeof s === 'string' ? s : `(${s.click})`)).join(' ⏎ ')}`, c] as const))('%s', async (_, testCase) => {
    const outcome = await playCase(harness, testCase);
    outcomes.push(outcome);
    expect({ missing: outcome.missing, unwanted: outcome.unwanted, answer: outcome.right ? '' : outcome.answer }).toEqual({ missing: [], unwanted: [], answer: '' });
  });
});

it('meets the targets the issue set: ≥ 97% overall, no class under 90%', () => {
  expect(outcomes).toHaveLength(CLASS_CASES.length);
  const { met, lines } = reportClasses(outcomes, { overall: 0.97, perClass: 0.9 }, false);
  expect({ met, lines }).toEqual({ met: true, lines });
});
