import { monthOnlyIn } from '../../src/parsing/month-year';

/** Months without their day, as people write them. */
describe('monthOnlyIn', () => {
  it.each([
    ['notre certificat expire en mars 2027', '2027-03-01', '2027-03-31', 'mars 2027'],
    ['délivré en février 2024', '2024-02-01', '2024-02-29', 'fevrier 2024'],
    ['our certificate expires in June 2027', '2027-06-01', '2027-06-30', 'june 2027'],
    ['fin de validité : 03/2027', '2027-03-01', '2027-03-31', '03/2027'],
    ['expires 2027-11', '2027-11-01', '2027-11-30', '2027-11'],
  ])('%s', (text, first, last, typed) => {
    expect(monthOnlyIn(text)).toEqual({ first, last, text: typed });
  });
  it.each([
    ['le certificat expire fin mars 2027', '2027-03-31', 'fin mars 2027'],
    ['délivré mi-mars 2024', '2024-03-15', 'mi-mars 2024'],
    ['expiration fin février 2028', '2028-02-29', 'fin fevrier 2028'],
    ['our cert expires end of March 2027', '2027-03-31', 'end of march 2027'],
    ['issued in early May 2024', '2024-05-01', 'early may 2024'],
    ['à la fin de juin 2027', '2027-06-30', 'fin de juin 2027'],
  ])('a part of the month says the day: %s', (text, day, typed) => {
    expect(monthOnlyIn(text)).toMatchObject({ day, text: typed });
  });
  it.each([['expire le 15/03/2027'], ['combien de temps est valable le certificat ?'], ['le 2027-03-15']])('%s → none', (text) => {
    expect(monthOnlyIn(text)).toBeUndefined();
  });
});
