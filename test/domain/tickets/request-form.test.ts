import { checkRequest, type RequestInput } from '../../../src/domain/tickets/request-form';
import { descriptionIn } from '../../../src/features/escalation';

/** The checks a request passes, from the form card or typed field by field: one function, one order. */
const QUEUES = ['ans', 'occitanie'];
const GOOD: RequestInput = { topic: 'renewal', queue: 'ans', urgency: 'high', structure: ' CH de Nîmes ', finess: '01 078 091 4', description: 'Le renouvellement échoue.', email: 'si@chu-nimes.fr' };

describe('checkRequest', () => {
  it('answers the cleaned fields of a right request, the FINESS as its 9 characters', () => {
    expect(checkRequest(GOOD, QUEUES)).toEqual({
      ok: true,
      value: { topic: 'renewal', queueId: 'ans', urgency: 'high', structure: 'CH de Nîmes', finess: '010780914', description: 'Le renouvellement échoue.', email: 'si@chu-nimes.fr' },
    });
    expect(checkRequest({ ...GOOD, finess: '  ' }, QUEUES)).toMatchObject({ ok: true, value: { finess: undefined } });
    expect(checkRequest({ ...GOOD, finess: '2A 000 000 1' }, QUEUES).ok).toBe(checkRequest({ ...GOOD, finess: '2A0000001' }, QUEUES).ok);
  });

  it.each<[string, RequestInput, unknown]>([
    ['an unknown queue', { ...GOOD, queue: 'elsewhere' }, 'choice'],
    ['an unknown topic', { ...GOOD, topic: 'order; DROP' }, 'choice'],
    ['an unknown urgency', { ...GOOD, urgency: 'asap' }, 'choice'],
    ['a one-letter structure', { ...GOOD, structure: 'X' }, 'structure'],
    ['a FINESS with a wrong key', { ...GOOD, finess: '010780915' }, 'finess'],
    ['a too short description', { ...GOOD, description: 'aide' }, 'description'],
    ['an e-mail without a domain', { ...GOOD, email: 'si@chu' }, 'email'],
    ['a private key in the description', { ...GOOD, description: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }, { secret: 'private-key' }],
    ['a password in the structure, before any other fault', { ...GOOD, structure: 'mot de passe : Hopital2024!', email: 'x' }, { secret: 'password' }],
  ])('refuses %s', (_name, input, error) => {
    expect(checkRequest(input, QUEUES)).toEqual({ ok: false, error });
  });
});

describe('descriptionIn: what a request for a person already says of the request', () => {
  it.each<[string, string | undefined]>([
    ["je veux parler à quelqu'un : notre certificat INSi a expiré hier", 'notre certificat INSi a expiré hier'],
    ['I need a human. Our MSSanté certificate was revoked this morning', 'Our MSSanté certificate was revoked this morning'],
    ["je voudrais parler à quelqu'un", undefined],
    ['I need a human', undefined],
    ['Bonjour, depuis la mise à jour de notre logiciel le DMP refuse toutes nos connexions avec une erreur', 'Bonjour, depuis la mise à jour de notre logiciel le DMP refuse toutes nos connexions avec une erreur'],
    ['ouvrir un ticket : mot de passe : Hopital2024!', undefined],
  ])('%s', (text, expected) => {
    expect(descriptionIn(text)).toBe(expected);
  });
});
