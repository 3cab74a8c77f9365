import { checkFiness, formatFiness } from '../../src/domain/finess';

describe('FINESS numbers', () => {
  it.each([
    ['010780914', '01 078 091 4'],
    ['01 078 091 4', '01 078 091 4'],
    ['01.078.091.4', '01 078 091 4'],
    ['2B0000020', '2B 000 002 0'],
    ['2b0000020', '2B 000 002 0'],
  ])('%s is valid and displays as %s', (input, formatted) => {
    expect(checkFiness(input)).toEqual({ valid: true, value: input.replace(/[\s.]/g, '').toUpperCase(), formatted });
  });

  it.each(['010780915', '010780913', '2A0000020', '2B0000021'])('%s has a wrong Luhn key', (input) => {
    expect(checkFiness(input)).toMatchObject({ valid: false, reason: 'key' });
  });

  it.each(['01078091', '0107809144', '2C0000020', 'AB0780914', '', '01O780914'])('%s is not FINESS-shaped', (input) => {
    expect(checkFiness(input)).toMatchObject({ valid: false, reason: 'format' });
  });

  it('Corsican 2A reads as 21 for the key: 2A0000014 is valid because 210000014 is', () => {
    expect(checkFiness('210000014').valid).toBe(true);
    expect(checkFiness('2A0000014').valid).toBe(true);
  });

  it('formats nine characters the way the FINESS site does', () => {
    expect(formatFiness('750712184')).toBe('75 071 218 4');
  });
});
