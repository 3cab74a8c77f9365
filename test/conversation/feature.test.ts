import { assembleFeatures, FeatureError, HANDLED_VERBS, type Feature } from '../../src/conversation/feature';
import type { IntentHandler, VerbTable } from '../../src/conversation/router';
import type { Dialog } from '../../src/conversation/dialog';
import { INTENTS } from '../../src/understanding/intents';

const answer: IntentHandler = () => Promise.resolve({ replies: [] });
const allIntents = Object.fromEntries(INTENTS.map((intent) => [intent, answer]));
const allVerbs = Object.fromEntries(HANDLED_VERBS.map((verb) => [verb, answer])) as unknown as VerbTable;
const dialog = (id: string): Dialog => ({ id, ttlMs: 1000, resume: () => Promise.resolve(undefined) }) as unknown as Dialog;

describe('features are put together into one complete set of tables', () => {
  it('merges the features’ intents, verbs, dialogs, holders and routes', () => {
    const features: Feature[] = [
      { name: 'a', intents: allIntents, dialogs: [dialog('one')], routes: [{ method: 'GET', path: '/x', handle: () => Promise.resolve({ status: 204, body: '' }) }] },
      { name: 'b', verbs: allVerbs, dialogs: [dialog('two')], personalData: [{ category: 'feedback', count: () => Promise.resolve(0), erase: () => Promise.resolve(0) }] },
    ];
    const assembled = assembleFeatures(features);

    expect(Object.keys(assembled.intents).sort()).toEqual([...INTENTS].sort());
    expect(Object.keys(assembled.verbs).sort()).toEqual([...HANDLED_VERBS].sort());
    expect(assembled.dialogs.map((d) => d.id)).toEqual(['one', 'two']);
    expect(assembled.routes.map((r) => r.path)).toEqual(['/x']);
    expect(assembled.personalData.map((h) => h.category)).toEqual(['feedback']);
  });

  it('refuses to start when an intent or a verb has no handler, naming them', () => {
    const { help: _help, ...withoutHelp } = allIntents;
    expect(() => assembleFeatures([{ name: 'a', intents: withoutHelp, verbs: allVerbs }])).toThrow(new FeatureError('No feature handles intent help.'));
    const { feedback: _feedback, ...withoutFeedback } = allVerbs;
    expect(() => assembleFeatures([{ name: 'a', intents: allIntents, verbs: withoutFeedback }])).toThrow('No feature handles verb feedback.');
  });

  it('refuses two features handling the same intent, verb or dialog id', () => {
    expect(() => assembleFeatures([{ name: 'a', intents: allIntents, verbs: allVerbs }, { name: 'b', intents: { help: answer } }])).toThrow(
      'The intent "help" is handled by both a and b.',
    );
    expect(() =>
      assembleFeatures([
        { name: 'a', intents: allIntents, verbs: allVerbs, dialogs: [dialog('same')] },
        { name: 'b', dialogs: [dialog('same')] },
      ]),
    ).toThrow('The dialog "same" is handled by both a and b.');
  });
});
