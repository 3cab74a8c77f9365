import { topicVerdict } from '../../src/features/knowledge/topic-verdicts';
import { durationIn, isClosedQuestion } from '../../src/parsing/yes-no';

describe('yes/no questions', () => {
  it.each([
    ['Le certificat est-il valable 5 ans ?', true],
    ['peut-on le renouveler après expiration ?', true],
    ["est-ce que l'ANS prévient ?", true],
    ['le renouvellement est automatique ?', true],
    ['is renewal automatic?', true],
    ['Does the ANS warn us?', true],
    ['combien de temps est valable le certificat ?', false],
    ["c'est quoi le préavis ?", false],
    ['how long is a certificate valid?', false],
    ['durée de validité du certificat', false],
  ])('%s → %s', (text, closed) => expect(isClosedQuestion(text)).toBe(closed));

  it('reads the duration a question puts forward', () => {
    expect(durationIn('valable cinq ans ?')).toEqual({ amount: 5, unit: 'year' });
    expect(durationIn('a warning 60 days before?')).toEqual({ amount: 60, unit: 'day' });
    expect(durationIn('un mois avant ?')).toEqual({ amount: 1, unit: 'month' });
  });
});

describe('topicVerdict: what the facts say to a yes/no question', () => {
  it.each([
    ['validity', 'Le certificat est-il valable 5 ans ?', 'no'],
    ['validity', 'is it valid for three years?', 'yes'],
    ['validity', 'le certificat dure 36 mois ?', 'yes'],
    ['validity', 'does it last forever?', 'no'],
    ['validity', 'le certificat est-il valable ?', undefined],
    ['renewal', 'le renouvellement est-il automatique ?', 'no'],
    ['renewal', 'le renouvellement se fait-il sur la plateforme ?', undefined],
    ['renewal', 'est-ce que certibot peut renouveler le certificat à ma place ?', 'no'],
    ['renewal', 'can you renew it for me?', 'no'],
    ['expired', 'can an expired certificate still be renewed?', 'no'],
    ['expired', 'faut-il commander un nouveau certificat ?', 'yes'],
    ['notice', "est-ce que l'ANS prévient avant l'expiration ?", 'yes'],
    ['notice', "l'ANS prévient un mois avant, c'est sûr ?", 'sources-differ'],
    ['notice', 'do we get a warning 60 days before expiry?', 'sources-differ'],
    ['notice', 'does the ANS warn us six months before?', 'no'],
    ['notice', 'combien de temps avant prévient-on ?', undefined],
    // About the person's own case, not the topic's fact: no « Oui » to « c'est normal ? ».
    ['notice', "On n'a jamais reçu le mail de l'ANS, c'est normal ?", undefined],
    ['notice', 'we never got the expiry e-mail, is that expected?', undefined],
    ['notice', "on n'a pas reçu de mail, l'ANS prévient-elle vraiment ?", undefined],
    ['validity', 'le certificat a duré 3 ans, est-ce normal ?', undefined],
    ['expired', "on a oublié de renouveler, il est expiré, c'est grave ?", undefined],
    ['expired', 'we forgot to renew and it expired, is that bad?', undefined],
    ['contacts', 'est-ce que le GRADeS répond ?', undefined],
  ] as const)('%s: %s → %s', (topic, question, verdict) => expect(topicVerdict(topic, question)).toBe(verdict));
});
