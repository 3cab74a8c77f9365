import { loadCorpus, splitCorpus } from '../../src/understanding/corpus';
import { CONVERSATION_PATTERNS } from '../../src/understanding/conversation-patterns';
import { IntentClassifier } from '../../src/understanding/intent-classifier';
import { PatternRecognizer } from '../../src/understanding/pattern-recognizer';
import { CompositeRecognizer } from '../../src/understanding/recognizer';
import { answersAlike } from '../../src/understanding/dated-questions';

/**
 * The recognizer as shipped: held-out accuracy stays above its targets (a corpus or lexicon edit that breaks
 * understanding fails CI), training is deterministic, and the knowledge brief's example questions land right.
 */
describe('the intent recognizer', () => {
  const corpus = loadCorpus();

  // All five held-out folds, not one: a single fold moves by a point when a few sentences are added to the corpus
  // (which sentences fall in it changes), the mean over the five is what the recognizer is worth.
  it('meets its targets in 5-fold cross-validation: ≥ 95% on average (no fold under 93.5%), ≥ 90% out of scope detected, < 5% ambiguous', async () => {
    const folds: Array<{ accuracy: number; outOfScope: number; ambiguity: number }> = [];
    for (let offset = 0; offset < 5; offset += 1) {
      const { train, test } = splitCorpus(corpus, 5, offset);
      const recognizer = new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), await IntentClassifier.train(train));
      let right = 0;
      let ambiguous = 0;
      let none = 0;
      let noneRight = 0;
      for (const utterance of test) {
        const recognition = await recognizer.recognize(utterance.text);
        if (recognition.ambiguous) ambiguous += 1;
        // A dated renewal question read as the computation gets the same answer (the timeline): right.
        const ok = answersAlike(utterance.intent, recognition.intent, utterance.text) || (recognition.ambiguous?.includes(utterance.intent) ?? false);
        if (ok) right += 1;
        if (utterance.intent === 'none') {
          none += 1;
          if (recognition.intent === 'none') noneRight += 1;
        }
      }
      folds.push({ accuracy: right / test.length, outOfScope: noneRight / none, ambiguity: ambiguous / test.length });
    }
    const mean = (pick: (fold: (typeof folds)[number]) => number) => folds.map(pick).reduce((a, b) => a + b, 0) / folds.length;
    expect(mean((f) => f.accuracy)).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(...folds.map((f) => f.accuracy))).toBeGreaterThanOrEqual(0.935);
    expect(mean((f) => f.outOfScope)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...folds.map((f) => f.ambiguity))).toBeLessThan(0.05);
  });

  it('trains the same model twice from the same corpus', async () => {
    const [a, b] = await Promise.all([IntentClassifier.train(corpus), IntentClassifier.train(corpus)]);
    for (const text of ['combien de temps est valable le certificat ?', 'météo demain', 'can I share one certificate across sites?']) {
      expect(await a.classify(text)).toEqual(await b.classify(text));
    }
  });

  describe('the knowledge brief examples', () => {
    let recognizer: CompositeRecognizer;
    beforeAll(async () => {
      recognizer = new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), await IntentClassifier.train(corpus));
    });

    it.each([
      ['Un seul certificat pour nos 3 sites ?', 'kb.sharing'],
      ['clinique privée : certificat commun possible ?', 'kb.sharing'],
      ['EHPAD, un certificat par établissement ?', 'kb.sharing'],
      ['combien de temps est valable le certificat ?', 'kb.validity'],
      ['délivré le 12/09/2024, quand renouveler ?', 'dates.compute'],
      ["je n'ai pas reçu le mail d'expiration", 'kb.notice'],
      ['où renouveler ?', 'kb.renewal'],
      ["rappelle-moi avant l'expiration", 'reminders'],
      ['qui contacter ?', 'kb.contacts'],
      ['can I share one certificate across sites?', 'kb.sharing'],
      ['when does a certificate issued on 2025-01-15 expire?', 'dates.compute'],
      ['quel temps fera-t-il demain ?', 'none'],
      ['ma carte CPS ne marche plus', 'none'],
      ['je veux parler à quelqu’un de l’ANS', 'support.human'],
      // What things are: the thing asked about right after the asking words.
      ["c'est quoi exactement un certificat logiciel IGC Santé ?", 'kb.about'],
      ['Is the GRADeS the same as the ANS?', 'kb.about'],
      ['le certificat ORG AUTH_CLI sert à quoi ?', 'kb.about'],
      // A long message: its question, and the sentence before it, decide — not the context around them.
      [
        "Bonjour, je suis arrivé il y a trois semaines au service informatique d'une clinique et je reprends un parc que personne n'a documenté : plusieurs serveurs, un DPI, une messagerie et des interfaces avec les laboratoires. Je vous écris parce que depuis lundi les comptes rendus ne partent plus et que la direction s'inquiète. En fouillant les journaux, j'ai compris que notre certificat logiciel a expiré la semaine dernière. Que faut-il faire maintenant ? Je voudrais aussi, plus tard, mettre en place une organisation pour que cela ne se reproduise pas, des bonnes pratiques, une boîte générique, mais ce n'est pas l'urgence.",
        'kb.expired',
      ],
    ])('%s → %s', async (text, intent) => {
      expect((await recognizer.recognize(text)).intent).toBe(intent);
    });
  });
});

describe('what things are, and what is not that question', () => {
  let recognizer: CompositeRecognizer;
  beforeAll(async () => {
    recognizer = new CompositeRecognizer(new PatternRecognizer(CONVERSATION_PATTERNS), await IntentClassifier.train(loadCorpus()));
  });

  it.each(["c'est quoi le préavis de l'ANS ?", "what's the ANS email for certificates?", 'what is the validity of a certificate?'])('%s is not a definition', async (text) => {
    expect((await recognizer.recognize(text)).intent).not.toBe('kb.about');
  });
});
