import { situationOf } from '../../src/parsing/situations';

/** Situations read from the words, in phrasings written apart from the corpus (French and English, casual, typos). */
describe('situationOf', () => {
  it.each([
    ['notre certificat a été révoqué, que faire ?', 'revoked'],
    ["we're switching to another software vendor for the EHR, does the certificate follow?", 'vendor-change'],
    ["l'ANS a révoqué notre certif INSi par erreur", 'revoked'],
    ['our MSSanté certificate got revoked yesterday', 'revoked'],
    ['on a perdu la clé privée du certificat', 'key-compromised'],
    ['la clé privée a peut-être été copiée par un prestataire', 'key-compromised'],
    ['the private key of our DMP cert was stolen with a laptop', 'key-compromised'],
    ['un certificat pour deux logiciels, c’est possible ?', 'one-solution'],
    ['faut-il un certificat par logiciel ?', 'one-solution'],
    ['combien coûte un certificat ?', 'unsourced'],
    ['can we use the same certificate for DMP and INSi?', 'two-services'],
    ['un seul certificat pour le DMP et la messagerie sécurisée ?', 'two-services'],
    ['can we use the same cert in two different software products?', 'one-solution'],
    ['comment accéder à mon DMP ?', 'patient'],
    ['je suis patient, comment voir mon espace santé ?', 'patient'],
    ['how do I see my medical record?', 'patient'],
    ["notre structure a changé de nom, le certificat reste valable ?", 'renamed'],
    ['our clinic was renamed, what about its certificate?', 'renamed'],
    ["on a changé d'éditeur de logiciel, que devient le certificat ?", 'vendor-change'],
    ['we moved to a new software vendor, do we keep the certificate?', 'vendor-change'],
  ])('%s → %s', (text, kind) => {
    expect(situationOf(text)?.kind).toBe(kind);
  });

  it.each([
    ['erreur DESIR_560 sur INSi', 'DESIR_560'],
    ['INSi renvoie erreur 560 depuis ce matin', 'DESIR_560'],
    ['we get ERR_CERT_4012 when calling the DMP', 'ERR_CERT_4012'],
  ])('%s → error code %s', (text, code) => {
    expect(situationOf(text)).toEqual({ kind: 'error-code', code });
  });

  it.each([
    ['combien de temps est valable le certificat ?'],
    ['notre logiciel n’accède plus au DMP avec le certificat de la clinique'],
    ['peut-on mutualiser un certificat entre plusieurs sites ?'],
    ['notre certificat a expiré hier'],
    ['je voudrais parler à quelqu’un'],
    ['the renewal of our DMP certificate fails'],
  ])('%s → none of them', (text) => {
    expect(situationOf(text)).toBeUndefined();
  });
});

describe('a service that stopped, and having several solutions', () => {
  it.each([
    ["c'est urgent, plus rien ne passe vers le DMP depuis ce matin", 'service-failing'],
    ['our MSSanté connector stopped working overnight', 'service-failing'],
    ['un certificat pour deux logiciels, c’est possible ?', 'one-solution'],
    ['faut-il un certificat par logiciel ?', 'one-solution'],
    ['combien coûte un certificat ?', 'unsourced'],
    ['can we use the same certificate for DMP and INSi?', 'two-services'],
    ['un seul certificat pour le DMP et la messagerie sécurisée ?', 'two-services'],
  ])('%s → %s', (text, kind) => expect(situationOf(text)?.kind).toBe(kind));

  it.each([
    'certif dépassé, le DMP refuse nos documents',
    'the renewal of our DMP certificate fails',
    'combien de temps est valable le certificat ?',
    "nous avons plusieurs logiciels raccordés au DMP et notre certificat a expiré, que faire ?",
  ])('not a situation of its own: %s', (text) => {
    expect(['service-failing', 'one-solution']).not.toContain(situationOf(text)?.kind);
  });
});
