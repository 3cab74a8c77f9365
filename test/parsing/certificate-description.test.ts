import { describeCertificate } from '../../src/parsing/certificate-description';

describe('describeCertificate: what one message says of a certificate to register', () => {
  const today = '2026-12-06';
  it.each([
    ["c'est le certificat MSSanté du site de Nîmes, il expire le 15/06/2027", { name: 'MSSanté du site de Nîmes', expiry: '2027-06-15', usage: 'MSSante' }],
    ["it's our INSi certificate, it expires on 2027-04-04", { name: 'INSi certificate', expiry: '2027-04-04', usage: 'INSi' }],
    ['DMP Rodez, délivré le 01/02/2025', { name: 'DMP Rodez', expiry: '2028-02-01', usage: 'DMP' }],
    ['Serveur INSi Montpellier qui expire le 12 janvier', { name: 'Serveur INSi Montpellier', expiry: '2027-01-12' }],
    ['notre certificat DMP, FINESS 310781406, expire le 30/09/2027', { name: 'DMP', expiry: '2027-09-30', finess: '31 078 140 6', usage: 'DMP' }],
  ] as const)('%s', (text, expected) => {
    expect(describeCertificate(text, today, 'fr')).toMatchObject(expected);
  });

  it('a date alone names nothing', () => {
    expect(describeCertificate('15/06/2027', today, 'fr')).toEqual({ expiry: '2027-06-15' });
  });
});
