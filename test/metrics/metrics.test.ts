import { recognizerOutcome } from '../../src/metrics/metrics';

describe('recognizer outcomes, from what handled a turn', () => {
  test.each([
    ['intent:kb.validity', 'answered'],
    ['intent:help', 'answered'],
    ['finess', 'answered'],
    ['ambiguous', 'ambiguous'],
    ['intent:none', 'out_of_scope'],
    ['action:reminder.ack', undefined],
    ['dialog:register-certificate', undefined],
    ['installed', undefined],
    ['tenant.refused', undefined],
    ['failed', undefined],
  ])('%s → %s', (handledAs, outcome) => {
    expect(recognizerOutcome(handledAs)).toBe(outcome);
  });
});
