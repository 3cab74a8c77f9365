import { requestFieldsIn } from '../../src/parsing/request-fields';

describe('requestFieldsIn: what a typed request already says of the form', () => {
  it.each([
    ["notre certificat INSi a expiré hier, nous sommes le CH de Rodez, c'est urgent", { structure: 'CH de Rodez', topic: 'expired', urgency: 'high' }],
    ['EHPAD Les Tilleuls, FINESS 310781406, contact: jean.dupont@chu-test.fr — la plateforme refuse ma connexion', { structure: 'EHPAD Les Tilleuls', finess: '310781406', email: 'jean.dupont@chu-test.fr', topic: 'platform' }],
    ["we're the Saint-Luc clinic and cannot renew our certificate", { structure: 'Saint-Luc clinic', topic: 'renewal' }],
    ['our DMP certificate was revoked by mistake and we need a new one fast', { topic: 'order', urgency: 'high' }],
    // An expiry to come is a renewal to do; an expiry said without its tense, an expired certificate.
    ['notre certificat va expirer la semaine prochaine, aidez-nous', { topic: 'renewal' }],
    ['our certificate is about to expire and we do not know how to proceed', { topic: 'renewal' }],
    ['certificat expiré, le DMP refuse tout', { topic: 'expired' }],
  ] as const)('%s', (text, expected) => expect(requestFieldsIn(text)).toEqual(expected));

  it('says nothing of what is not there', () => {
    expect(requestFieldsIn('je voudrais parler à quelqu’un')).toEqual({});
  });
});
