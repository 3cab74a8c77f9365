import { regionIn } from '../../src/parsing/regions';

/** The region a message names, as people write it (current and former names, abbreviations). */
describe('regionIn', () => {
  it.each([
    ['on est en Alsace', 'grand-est'],
    ['hôpital en Île-de-France', 'ile-de-france'],
    ['our clinic in PACA', 'provence-alpes-cote-d-azur'],
    ['CH de Montpellier, Occitanie', 'occitanie'],
    ['un EHPAD en Auvergne-Rhône-Alpes', 'auvergne-rhone-alpes'],
    ['à La Réunion', 'la-reunion'],
  ])('%s → %s', (text, id) => {
    expect(regionIn(text)?.id).toBe(id);
  });
  it.each([['qui contacter ?'], ['il aura besoin du certificat'], ['le centre de dialyse']])('%s → none', (text) => {
    expect(regionIn(text)).toBeUndefined();
  });
});
