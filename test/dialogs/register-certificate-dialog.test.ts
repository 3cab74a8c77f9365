import { describeChanges, readRegisterForm, type RegisterFields } from '../../dialogs/register-certificate-dialog';
import { translator } from '../../src/messages/translator';

/** Reading the register form (what is refused, what is "not given") and telling an owner what their edit changed. */

const fr = translator('fr');
const en = translator('en');

const FIELDS: RegisterFields = {
  label: 'DMP – Nîmes',
  expiryDate: '2027-03-15',
  finess: '010780914',
  usage: 'DMP',
  corridor: 'hopital',
  structure: 'public',
  scope: 'juridique',
};

describe('reading the register form', () => {
  it('keeps the checked values: FINESS normalized, choices as sent, blanks trimmed', () => {
    const reading = readRegisterForm(
      { verb: 'register.submit', label: '  DMP – Nîmes ', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'DMP', corridor: 'hopital', structure: 'public', scope: 'juridique' },
      fr,
    );
    expect(reading).toEqual({ ok: true, fields: FIELDS });
  });

  it('an empty or missing choice is "not given"', () => {
    const reading = readRegisterForm({ verb: 'register.submit', label: 'DMP', expiry: '2027-03-15', finess: ' ', usage: '', corridor: '  ', scope: '' }, fr);
    expect(reading).toEqual({
      ok: true,
      fields: { label: 'DMP', expiryDate: '2027-03-15', finess: undefined, usage: undefined, corridor: undefined, structure: undefined, scope: undefined },
    });
  });

  it.each([
    [{ corridor: 'Hôpital' }, 'The choice given for "corridor" is not one of the options offered. Nothing was saved.'],
    [{ structure: 'PUBLIC' }, 'The choice given for "kind of structure" is not one of the options offered. Nothing was saved.'],
    [{ scope: 'juridique;drop' }, 'The choice given for "FINESS level" is not one of the options offered. Nothing was saved.'],
    [{ usage: 'mssante' }, 'The choice given for "usage" is not one of the options offered. Nothing was saved.'],
    [{ finess: '2B0001236' }, 'The FINESS number 2B0001236 has a wrong key or format (9 characters, "NN NNN NNN K", 2A/2B for Corsica). Correct it or leave the field empty.'],
    [{ label: '' }, 'The certificate name must be 1 to 120 characters long.'],
  ])('refuses %j with a translated reason', (change, reason) => {
    expect(readRegisterForm({ verb: 'register.submit', label: 'DMP', expiry: '2027-03-15', ...change }, en)).toEqual({ ok: false, message: reason });
  });
});

describe('describing an edit', () => {
  it('names each changed field with its old and new value, in the form order', () => {
    const after: RegisterFields = { ...FIELDS, expiryDate: '2028-03-01', finess: undefined, structure: 'dialysis', scope: 'geographique' };
    expect(describeChanges(FIELDS, after, 'fr', fr)).toEqual([
      'expiration 15 mars 2027 → 1er mars 2028',
      'FINESS 01 078 091 4 → non renseigné',
      'type de structure Établissement sanitaire public (CH, CHU) → Centre de dialyse',
      'niveau de FINESS FINESS juridique → FINESS géographique',
    ]);
    expect(describeChanges(FIELDS, { ...FIELDS, label: 'INSi', usage: 'MSSante', corridor: undefined }, 'en', en)).toEqual([
      'name "DMP – Nîmes" → "INSi"',
      'usage DMP → MSSanté',
      'corridor Hospital → not set',
    ]);
  });

  it('nothing changed: no line', () => {
    expect(describeChanges(FIELDS, { ...FIELDS }, 'fr', fr)).toEqual([]);
  });
});
