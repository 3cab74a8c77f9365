import { normalizeText } from './normalize';

/**
 * The French regions, by the id SUPPORT_GRADES uses for each region's GRADeS (`occitanie`, `grand-est`…), with the
 * names and former region names people write (« en Alsace », "in PACA"). One GRADeS per region.
 */
export interface Region {
  readonly id: string;
  /** As people read it: « Grand Est ». */
  readonly name: string;
}

const REGIONS: ReadonlyArray<Region & { readonly words: readonly string[] }> = [
  { id: 'auvergne-rhone-alpes', name: 'Auvergne-Rhône-Alpes', words: ['auvergne rhone alpes', 'auvergne', 'rhone alpes'] },
  { id: 'bourgogne-franche-comte', name: 'Bourgogne-Franche-Comté', words: ['bourgogne franche comte', 'bourgogne', 'franche comte', 'bfc'] },
  { id: 'bretagne', name: 'Bretagne', words: ['bretagne', 'brittany'] },
  { id: 'centre-val-de-loire', name: 'Centre-Val de Loire', words: ['centre val de loire', 'region centre'] },
  { id: 'corse', name: 'Corse', words: ['corse', 'corsica'] },
  { id: 'grand-est', name: 'Grand Est', words: ['grand est', 'alsace', 'lorraine', 'champagne ardenne', 'champagne'] },
  { id: 'hauts-de-france', name: 'Hauts-de-France', words: ['hauts de france', 'nord pas de calais', 'picardie'] },
  { id: 'ile-de-france', name: 'Île-de-France', words: ['ile de france', 'idf', 'paris region'] },
  { id: 'normandie', name: 'Normandie', words: ['normandie', 'normandy'] },
  { id: 'nouvelle-aquitaine', name: 'Nouvelle-Aquitaine', words: ['nouvelle aquitaine', 'aquitaine', 'limousin', 'poitou charentes'] },
  { id: 'occitanie', name: 'Occitanie', words: ['occitanie', 'languedoc roussillon', 'languedoc', 'midi pyrenees'] },
  { id: 'pays-de-la-loire', name: 'Pays de la Loire', words: ['pays de la loire'] },
  { id: 'provence-alpes-cote-d-azur', name: "Provence-Alpes-Côte d'Azur", words: ['provence alpes cote d azur', 'paca', 'provence', 'cote d azur'] },
  { id: 'guadeloupe', name: 'Guadeloupe', words: ['guadeloupe'] },
  { id: 'martinique', name: 'Martinique', words: ['martinique'] },
  { id: 'guyane', name: 'Guyane', words: ['guyane', 'french guiana'] },
  { id: 'la-reunion', name: 'La Réunion', words: ['la reunion', 'reunion island', 'ile de la reunion'] },
  { id: 'mayotte', name: 'Mayotte', words: ['mayotte'] },
];

/** The region a message names, if any (the most specific name first: « Auvergne-Rhône-Alpes » before « Auvergne »). */
export function regionIn(text: string): Region | undefined {
  const words = ` ${normalizeText(text).replace(/-/g, ' ')} `;
  let found: { region: Region; length: number } | undefined;
  for (const region of REGIONS) {
    for (const name of region.words) {
      if (words.includes(` ${name} `) && (!found || name.length > found.length)) found = { region: { id: region.id, name: region.name }, length: name.length };
    }
  }
  return found?.region;
}
