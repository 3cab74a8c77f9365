import { saysExpiredAlready, serviceQuestionOf, situationOf } from '../../src/parsing/situations';

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

describe('an expiry to come is not an expired certificate', () => {
  it.each([
    'il va expirer bientôt, que faire ?',
    'notre certificat arrive à expiration, comment faire ?',
    'le certif expire la semaine prochaine',
    'il expire à la fin du mois',
    "il n'a pas encore expiré, on fait quoi ?",
    'our certificate is about to expire, what do we do?',
    'it expires next week',
    'the INSi cert is expiring soon',
    'cert will expire at the end of the month, help',
    'we got an email saying our certificate will expire, what should I do?',
    "on n'a reçu aucun mail et il expire la semaine prochaine, que faire ?",
  ])('%s → expiring-soon', (text) => expect(situationOf(text)?.kind).toBe('expiring-soon'));

  it.each([
    'notre certificat a expiré hier',
    'it expired this morning',
    'le certificat est périmé depuis lundi',
    "le certificat n'est pas encore expiré mais le DMP refuse nos documents",
    // Asked about something more precise: how to renew, the ANS's notice, a reminder; or about something else.
    'comment renouveler un certificat qui expire le mois prochain ?',
    "pas reçu de mail de l'ANS, pourtant le certif expire bientôt",
    'remind me when it is about to expire',
    'ma carte CPS expire le mois prochain',
    'the antivirus licence expires next month',
  ])('not an expiry to come: %s', (text) => expect(situationOf(text)?.kind).not.toBe('expiring-soon'));

  it.each([
    ['notre certificat a expiré hier', true],
    ['il est déjà périmé', true],
    ['expiré depuis lundi', true],
    ['it expired this morning', true],
    ['our cert has run out', true],
    ['il expire demain', false],
    ['it expires today', false],
    ["il n'a pas encore expiré", false],
    ['it has not expired yet', false],
  ])('%s: said to have expired already → %s', (text, past) => expect(saysExpiredAlready(text)).toBe(past));
});

describe('a FINESS change, one certificate on several servers', () => {
  it.each([
    ['Notre établissement change de numéro FINESS, faut-il un nouveau certificat ?', 'finess-change'],
    ['we got a new FINESS number, do we need a new certificate?', 'finess-change'],
    ["J'ai un fichier .pfx, vous pouvez le lire ?", 'private-key-file'],
    ['si je renouvelle 2 mois avant, est-ce que je perds 2 mois de validité ?', 'early-renewal'],
    ['do we lose the remaining validity if we renew early?', 'early-renewal'],
    ['notre CH fusionne avec un autre CH, que devient le certificat ?', 'merger'],
    ['our two hospitals are merging next year, what happens to our certificates?', 'merger'],
    ["C'est quoi le FINESS juridique ?", 'finess-levels'],
    ['what is the difference between legal and geographic FINESS?', 'finess-levels'],
    ['Do I need a separate certificate for each software vendor?', 'one-solution'],
    ['can you read a .pfx file?', 'private-key-file'],
    ['je vous envoie le p12 du certificat DMP ?', 'private-key-file'],
    ['our FINESS number has changed', 'finess-change'],
    ["Est-ce qu'un certificat logiciel peut être installé sur plusieurs serveurs ?", 'unsourced'],
    ['Can I reuse the same certificate on our test and production servers?', 'unsourced'],
    ['le même certificat en recette et en production ?', 'unsourced'],
    ['one cert for a cluster of two nodes behind a load balancer?', 'unsourced'],
    ['faut-il renouveler le certificat si on change de serveur ?', 'unsourced'],
    ['we are migrating to a new server, can we reinstall the same certificate?', 'unsourced'],
  ])('%s → %s', (text, kind) => expect(situationOf(text)?.kind).toBe(kind));

  it.each([
    'un certificat pour plusieurs sites ?',
    'peut-on partager un certificat entre plusieurs établissements ?',
    'Faut-il un certificat par FINESS géographique ou par FINESS juridique ?',
    'FINESS EJ vs FINESS ET - which one goes on the certificate?',
    "nous avons absorbé un hôpital local : les deux sites sont sous la même EJ, un seul certificat ?",
  ])(
    'sites are the sharing question, not servers: %s',
    (text) => expect(situationOf(text)).toBeUndefined(),
  );
});

describe('serviceQuestionOf: an ordering question about one national service', () => {
  it.each([
    ['Un certificat ORG peut-il servir pour MSSanté ?', { kind: 'service-kind', service: 'mssante', named: 'org' }],
    ['pour MSSanté il faut un certificat SERV SSL ?', { kind: 'service-kind', service: 'mssante', named: 'serv' }],
    ['Which certificate type do we need for the DMP?', { kind: 'service-kind', service: 'dmp', named: undefined }],
    // A choice or a statement puts nothing forward to check.
    ['certificat ORG ou SERV pour MSSanté ?', { kind: 'service-kind', service: 'mssante', named: undefined }],
    ["commande d'un certificat AUTH_CLI pour le DMP", { kind: 'service-kind', service: 'dmp', named: undefined }],
    ["Le CN de notre certificat INSi est INSI_AUTO, c'est bon ?", { kind: 'insi-cn', cn: 'INSI_AUTO', exact: false }],
    ['our INSi cert is named INSI-MANU, is that right?', { kind: 'insi-cn', cn: 'INSI-MANU', exact: true }],
    ['le nom du certificat est insi-auto, ça va ?', { kind: 'insi-cn', cn: 'insi-auto', exact: false }],
  ])('%s', (text, expected) => expect(serviceQuestionOf(text)).toEqual(expected));

  it.each(['Comment on commande un certificat logiciel ?', 'le même certificat pour le DMP et INSi ?', "l'INSi ne répond plus, erreur", 'notre certificat INSI-AUTO expire demain'])(
    'not about one service’s certificate: %s',
    (text) => expect(serviceQuestionOf(text)).toBeUndefined(),
  );
});
