import { extractEntities } from '../../src/parsing/entities';

describe('reading the situation from a message', () => {
  it.each([
    ['Un seul certificat pour nos 3 sites ?', { structure: undefined, corridor: undefined, sites: 3 }],
    ['clinique privée : certificat commun possible ?', { structure: 'private', sites: undefined }],
    ['EHPAD, un certificat par établissement ?', { structure: 'managing-body' }],
    ['Notre CH a deux sites', { structure: 'public', sites: 2 }],
    ['GHT avec 5 établissements', { structure: 'multi-entity-group', sites: 5 }],
    ['We have two legal entities but one IT department, can we share?', { structure: 'multi-entity-group' }],
    ['nous avons 2 entités juridiques et un seul service informatique', { structure: 'multi-entity-group' }],
    ['nos EJ distinctes peuvent-elles partager un certificat ?', { structure: 'multi-entity-group' }],
    ['centre de dialyse multi-sites', { structure: 'dialysis', sites: 'several' }],
    ['je suis au CHU de Nimes, un seul site', { structure: 'public', sites: 1 }],
    ['private clinic with 2 sites', { structure: 'private', sites: 2 }],
    ['couloir médico-social', { corridor: 'medico-social', structure: undefined }],
    ['we are a dialysis center with three locations', { structure: 'dialysis', sites: 3 }],
    ['can I share one certificate across sites?', { structure: undefined, sites: undefined }],
  ])('%s', (text, expected) => {
    expect(extractEntities(text)).toMatchObject(expected);
  });

  it('FINESS digits do not count as a number of sites', () => {
    const entities = extractEntities('notre FINESS est 01 078 091 4 et 010780915');
    expect(entities.sites).toBeUndefined();
    expect(entities.finess).toEqual([
      { valid: true, value: '010780914', formatted: '01 078 091 4' },
      { valid: false, value: '010780915', reason: 'key' },
    ]);
  });

  it('finds a Corsican FINESS', () => {
    expect(extractEntities('FINESS 2B0000020, 3 sites')).toMatchObject({ sites: 3, finess: [{ valid: true, value: '2B0000020' }] });
  });
});

describe('a kind of structure the sheet does not cover', () => {
  it.each([
    ['je suis dans un centre de santé avec 2 antennes', 'centre de santé'],
    ['Notre Maison de Santé, un certificat ?', 'Maison de Santé'],
    ['laboratoire de biologie avec 5 sites', 'laboratoire de biologie'],
    ['we are a radiology practice', 'radiology'],
  ])('%s → shown as typed: %s', (text, label) => expect(extractEntities(text).uncoveredStructure).toBe(label));
});
