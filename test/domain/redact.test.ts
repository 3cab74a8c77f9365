import { redactPersonalData } from '../../src/domain/redact';

describe('personal data is removed from questions kept for the support agents', () => {
  it.each<[string, string, string]>([
    ['an e-mail address', 'écrivez à jean.dupont@chu-nimes.fr svp', 'écrivez à [email] svp'],
    ['an accented e-mail address', 'contact: élodie.martin@hôpital.fr', 'contact: [email]'],
    ['a French mobile number, spaced', 'appelez-moi au 06 12 34 56 78', 'appelez-moi au [phone]'],
    ['a French number with dots', 'tél 04.66.68.30.00 merci', 'tél [phone] merci'],
    ['a French number, international form', 'my number is +33 6 12 34 56 78', 'my number is [phone]'],
    ['a 0033 number', 'au 0033612345678 !', 'au [phone] !'],
    ['another country', 'call +41 22 123 45 67 please', 'call [phone] please'],
    ['a social security number (NIR)', 'patient 1 85 05 78 006 084 36 bloqué', 'patient [nir] bloqué'],
    ['a NIR born in Corsica', 'NIR 2 85 05 2A 123 456 78 ?', 'NIR [nir] ?'],
    ['a NIR written without spaces', 'NIR 185057800608436.', 'NIR [nir].'],
  ])('%s', (_case, text, redacted) => {
    expect(redactPersonalData(text)).toBe(redacted);
  });

  it.each<[string, string]>([
    ['a FINESS number', 'FINESS 010780914 pour le CH'],
    ['a spaced FINESS', 'mon FINESS : 01 078 091 4'],
    ['a Corsican FINESS', 'FINESS 2A0000016'],
    ['a date', 'délivré le 15/03/2024, expire le 15/03/2027'],
    ['an error code', "erreur DESIR_560 sur l'INSi"],
    ['a year and a count', 'en 2025 nous avons 3 sites et 120 lits'],
  ])('keeps %s', (_case, text) => {
    expect(redactPersonalData(text)).toBe(text);
  });
});
