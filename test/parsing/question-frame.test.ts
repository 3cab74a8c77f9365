import { sharingFrame, type SharingFrame } from '../../src/parsing/question-frame';

/** The frame of a sharing question, in phrasings written apart from the corpus: French and English, casual, typos. */
const CASES: ReadonlyArray<readonly [string, SharingFrame]> = [
  ['peut-on mutualiser un certificat entre plusieurs sites ?', 'may-share'],
  ['un seul certificat pour nos 3 sites ?', 'may-share'],
  ["est-ce qu'on peut avoir un certificat commun à tous les établissements", 'may-share'],
  ['on a 4 EHPAD, un certif pour tout le monde ça passe ?', 'may-share'],
  ['can we use one certificate for all our sites?', 'may-share'],
  // "separate" describes the group here, not the certificates.
  ["we're a GHT of 5 separate legal entities; is one certificate for all of us possible?", 'may-share'],
  ['faut-il des certificats séparés pour nos deux sites ?', 'must-split'],
  ['is it possible to share a certificate between two clinics?', 'may-share'],
  ['we have 4 sites, can one certificate cover them all?', 'may-share'],
  ['faut-il un certificat par site ?', 'must-split'],
  ['chaque site doit-il avoir son propre certificat ?', 'must-split'],
  ["est-il obligatoire d'avoir un certificat pour chaque établissement ?", 'must-split'],
  ['doit-on séparer les certificats de nos 3 EHPAD ?', 'must-split'],
  ['nos centres de dialyse doivent ils avoir chacun leur certificat', 'must-split'],
  ['must each site have its own certificate?', 'must-split'],
  ['do we need one certificate per site?', 'must-split'],
  ['is a separate certificate required for each location?', 'must-split'],
  ['do we have to get a certificate for every clinic?', 'must-split'],
  ['combien de certificats pour 3 sites ?', 'how-many'],
  ['combien de certif faut il pour notre GHT', 'how-many'],
  ['how many certificates do we need for our 5 nursing homes?', 'how-many'],
  ['what number of certificates for a group of clinics?', 'how-many'],
];

describe('sharingFrame', () => {
  it.each(CASES)('%s → %s', (text, frame) => {
    expect(sharingFrame(text)).toBe(frame);
  });
});
