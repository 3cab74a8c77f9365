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
  it.each([['expire le 15/03/2027'], ['combien de temps est valable le certificat ?'], ['le 2027-03-15']])('%s → none', (text) => {
    expect(monthOnlyIn(text)).toBeUndefined();
  });
});
