// Request shapes, situations and date roles in other words than their own modules' tests.
import { asksToAct } from '../../src/parsing/request-to-act';
import { parseDates } from '../../src/parsing/dates';
import { situationOf } from '../../src/parsing/situations';
import { planFromExpiry, planFromIssue } from '../../src/domain/renewal';

describe('asksToAct: a request that certibot reach people, not a question about them', () => {
  it.each([
    'please email the ANS certificate team for me',
    'could you forward this to the support team?',
    'put me through to the GRADeS',
    "envoyez un mail à l'ANS pour moi",
    'pouvez-vous me mettre en contact avec le GRADeS ?',
    'ouvrez-moi un ticket',
    'peux-tu prévenir le support que notre certificat expire ?',
    'I would like to open a support ticket',
  ])('%s', (text) => expect(asksToAct(text)).toBe(true));

  it.each([
    "comment contacter l'ANS ?",
    'how do I contact the GRADeS?',
    'can you send me the ANS address?',
    'envoie-moi le guide de commande',
    'contact GRADeS ?',
    "préviens l'équipe dans ce canal avant l'échéance",
    'send the reminder to the team channel instead of me',
  ])('not: %s', (text) => expect(asksToAct(text)).toBe(false));
});

describe('situations in other words', () => {
  it.each([
    ['le même certificat pour le logiciel de soins et le logiciel de facturation ?', 'one-solution'],
    ['our clinic is changing its name, do we keep the certificate?', 'renamed'],
    ['we are moving to a new software vendor, what about our certificate?', 'vendor-change'],
  ])('%s → %s', (text, kind) => expect(situationOf(text)?.kind).toBe(kind));

  it('ordering a certificate for a new vendor is not a change of vendor', () => {
    expect(situationOf("on doit commander un certif pour un nouvel éditeur, procédure ?")).toBeUndefined();
  });
});

describe('dates said as people say them', () => {
  it.each([
    ['on a reçu le certificat ce matin', '2026-12-06', 'issue'],
    ['our certificate arrived this morning', '2026-12-06', 'issue'],
    ['on vient de recevoir le certificat hier', '2026-12-05', 'issue'],
    ["j'ai renouvelé le certificat DMP hier", '2026-12-05', 'issue'],
    ['we renewed the MSSanté certificate this morning', '2026-12-06', 'issue'],
  ])('%s', (text, date, role) => {
    const parsed = parseDates(text, { locale: 'fr', today: '2026-12-06' });
    expect(parsed).toMatchObject({ kind: 'found', dates: [{ date, role }] });
  });

  it('an expiry date alone also gives the issue date it implies (three years before)', () => {
    expect(planFromExpiry('2027-06-30', { today: '2026-12-06' }).impliedIssueDate).toBe('2024-06-30');
    expect(planFromIssue('2024-06-30', { today: '2026-12-06' }).impliedIssueDate).toBeUndefined();
  });
});
