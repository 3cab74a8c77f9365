import { normalizeText } from './normalize';
import { isClosedQuestion } from './yes-no';

/**
 * Situations that look like a neighbouring question but have their own answer: a revoked certificate is not an expired
 * one, a lost key is not a renewal, an INSi error code is not an expiry, one certificate for two software solutions is
 * not a question about sites, a patient's own record is not a structure's certificate. Read from the words themselves,
 * before the nearest learnt intent answers.
 */
/** The national services a structure's software certificate authenticates to. */
export type NationalService = 'dmp' | 'insi' | 'mssante';

export type Situation =
  | { readonly kind: 'revoked' }
  | { readonly kind: 'key-compromised' }
  | { readonly kind: 'error-code'; readonly code: string }
  | { readonly kind: 'one-solution' }
  | { readonly kind: 'two-services' }
  | { readonly kind: 'patient' }
  | { readonly kind: 'renamed' }
  | { readonly kind: 'vendor-change' }
  | { readonly kind: 'service-failing' }
  /** An expiry still to come (« il va expirer », "about to expire"): still renewable — now, not too late. */
  | { readonly kind: 'expiring-soon' }
  /** A file that holds the private key (.pfx, .p12), offered to certibot to read: never to be sent. */
  | { readonly kind: 'private-key-file' }
  /** Two structures merge: the legal entity that carries the certificates changes. */
  | { readonly kind: 'merger' }
  /** What the legal and the geographic FINESS are. */
  | { readonly kind: 'finess-levels' }
  /** Which certificate a national service takes (« quel certificat pour le DMP ? », « un ORG pour MSSanté ? »). */
  | { readonly kind: 'service-kind'; readonly service: NationalService; readonly named: 'org' | 'serv' | undefined }
  /** An INSi certificate's name (CN) as typed, and whether it is exactly one of the two names INSi accepts. */
  | { readonly kind: 'insi-cn'; readonly cn: string; readonly exact: boolean }
  /** Renewing early: is the validity left on the old certificate lost? */
  | { readonly kind: 'early-renewal' }
  /** The structure's FINESS number changes. */
  | { readonly kind: 'finess-change' }
  /** A question the sources do not answer (what a certificate costs, one certificate on several servers): said so. */
  | { readonly kind: 'unsourced'; readonly subject: 'cost' | 'servers' };

const KEY = String.raw`(?:cle(?: privee)?|private key|key)`;
const REVOKED = /\b(?:revoque\w*|revocation|revoked|revoke|revoking)\b/;
const KEY_COMPROMISED = new RegExp(
  String.raw`\b${KEY}\b.*\b(?:perdu\w*|egare\w*|compromis\w*|vol\w*|fuite\w*|divulgu\w*|copie\w*|lost|compromised|stolen|leak\w*|exposed|disclosed)\b|\b(?:perdu\w*|egare\w*|compromis\w*|vole\w*|copie\w*|divulgu\w*|lost|compromised|stolen|leaked|exposed|copied)\b.*\b${KEY}\b`,
);
/** DESIR_560, "erreur 560 INSi": an application's error code as Teams users paste it. */
const ERROR_CODE = /\b([a-z]{2,12}(?:_[a-z]{2,12})*_\d{2,5})\b/i;
const INSI_NUMBER = /\b(?:insi|desir)\b.*\b(?:erreur|error|code)\s*(\d{3})\b|\b(?:erreur|error|code)\s*(\d{3})\b.*\b(?:insi|desir)\b/;
const SOLUTIONS = /\b(?:deux|2|trois|3|plusieurs|differents|differentes|autres?|two|three|several|multiple|different|another)\s+(?:\w+\s+)?(?:logiciels?|solutions?|applications?|applis?|editeurs?|software|softwares|applications?|apps?|products?|vendors?)\b/;
/** « le logiciel de soins et le logiciel de facturation », "the EHR and the billing software": two named solutions. */
const TWO_SOLUTIONS =
  /\b(?:meme|seul|unique|one|same|single)\b.*\b(?:logiciel|application|appli|solution|software|app)\b.{0,60}\b(?:et|and|ainsi que|as well as|plus)\b.{0,40}\b(?:logiciel|application|appli|solution|software|app)s?\b/;
/** « un certificat par logiciel ? », "one certificate per application?": the same question, asked the other way. */
const PER_SOLUTION =
  /\b(?:un|une|1|one|a|separate|own|distinct|different) (?:(?:separate|distinct|different|own|autre|seul) )?(?:certificats?|certif|certificates?|cert) (?:(?:distinct|separe|different|a part) )?(?:par|per|for each|for every|pour chaque|pour chacun de nos|by) (?:\w+ )?(?:logiciel|solution|application|appli|software|app|editeur|vendor|supplier)s?\b/;
/** What a certificate costs: neither the sheet nor the brief says. */
const COST = /\b(?:cout\w*|coute\w*|prix|tarif\w*|payant\w*|gratuit\w*|cost\w*|price\w*|fees?|free of charge|is it free|are they free|pay for)\b/;
/**
 * One certificate installed on another server, on several servers, machines or environments (test and production): no
 * source says.
 * Not sites (the sharing question) nor software solutions (the sheet's « un certificat pour une seule solution »).
 */
const SEVERAL_SERVERS =
  /\b(?:(?:plusieurs|deux|2|trois|3|differents|multiples?|several|two|three|multiple|different|many) (?:\w+ )?(?:serveurs?|servers?|machines?|postes?|vms?|instances?|noeuds?|nodes?|environnements?|environments?)|(?:recette|test|tests|preprod\w*|pre production|qualif\w*|staging|dev|developpement|development) (?:et|and|&) (?:en |la |le |the |in |on )?(?:prod|production)|(?:prod|production) (?:et|and|&) (?:en |la |le |the |in |on )?(?:recette|test|tests|preprod\w*|qualif\w*|staging|dev)|change\w* (?:de |d )serveur|nouveau serveur|autre serveur|migr\w* (?:le |du |de |vers un |sur un )?(?:nouveau |autre )?serveur|new server|another server|server migration|(?:mov\w*|migrat\w*) (?:it )?to (?:a new|another) (?:server|machine)|cluster\w*|load balanc\w*|repartiteur de charge|haute disponibilite|high availability)\b/;
/** A file that holds a private key (.pfx, .p12, a .key file), and asking certibot to read or take it. */
const KEY_FILE = /\b(?:pfx|p12|pkcs ?12|fichier (?:de |avec (?:la )?)?cle privee|private key file|key file|fichier key)\b/;
const SEND_OR_READ = /\b(?:li\w*|lire|envo\w*|transmet\w*|depos\w*|joindre|joins|partag\w*|analys\w*|verifi\w*|regard\w*|read|send|sent|upload\w*|share|check|attach\w*|look at|open|ouvr\w*)\b/;

/** « notre CH fusionne avec un autre », "our two hospitals are merging": a merger of structures. */
const MERGER = /\b(?:fusion\w*|fusionn\w*|regroup\w* (?:avec|nos)|absorb\w*|absorption|merg\w*|amalgamat\w*|takeover|taken over|rachat|rachet\w*)\b/;
/** « c'est quoi le FINESS juridique ? », "legal vs geographic FINESS": what the two FINESS levels are. */
const FINESS_LEVELS =
  /\b(?:c est quoi|qu est ce qu\w*|que (?:veut|veulent) dire|que signifi\w*|difference\w*|definition|defini\w*|what is|what s|what are|meaning|explain|expliqu\w*)\b.*\bfiness\b|\bfiness\b.*\b(?:c est quoi|difference\w*|definition|what is|meaning|that is what)\b/;
const FINESS_LEVEL_WORDS = /\b(?:juridique|geographique|ej|et|legal|geographic|niveaux?|levels?)\b/;

/**
 * A FINESS number that changes: « notre FINESS change », "we got a new FINESS number" — not correcting the FINESS
 * written on a certificate certibot follows ("change the FINESS of the INSi certificate").
 */
const FINESS_CHANGE =
  /\b(?:change\w* (?:de |d )(?:numero )?finess|chang\w* (?:our|its|their) finess|nouveau (?:numero )?finess|finess (?:a |va )?chang\w*|new finess|finess (?:number )?(?:has |is )?chang\w*|changement de (?:numero )?finess)\b/;
/**
 * An expiry still to come, said without its date: « il va expirer », « arrive à expiration », "about to expire",
 * "expires next week", « pas encore expiré ». Renewal is still possible — telling such a person it is too late
 * would be the worst answer. (With a date, the recognizer sends it to the timeline, which counts the days left.)
 */
const EXPIRY_COMING =
  /\b(?:va expirer|vont expirer|expirera\w*|expire\w* bientot|bientot (?:expire\w*|perime\w*)|arrive\w* a (?:expiration|echeance|son terme)|proche de (?:l )?(?:expiration|echeance)|sur le point d expirer|presque (?:expire|perime)|pas encore (?:expire|perime)|n a pas encore expire|expire\w* (?:la semaine prochaine|le mois prochain|cette semaine|ce mois ci|a la fin du mois|en fin de mois|fin du mois|d ici (?:peu|quelques jours|la fin du mois))|about to expire|expiring soon|expires? soon|will expire|going to expire|is expiring|are expiring|due to expire|close to (?:expiry|expiring|expiration)|nearing (?:its )?(?:expiry|expiration)|almost expired|not (?:yet )?expired|hasn t expired|has not expired|runs? out soon|running out|expir\w* (?:next|this|at the end of the) (?:week|month))\b/;

/**
 * An expiry to come asked about something more precise — how to renew, the ANS's notice, a reminder — gets that
 * answer; these words name it.
 */
const ASKS_OTHERWISE =
  /\b(?:renouvel\w*|renew\w*|mail|mails|e mail|email|emails|courriel\w*|notif\w*|averti\w*|avertissement|previen\w*|prevenu\w*|alert\w*|warn\w*|rappel\w*|remind\w*|grace)\b/;
/** « que faire ? », "what should I do?": asking for the next step. */
const WHAT_TO_DO =
  /\b(?:que faire|quoi faire|on fait quoi|je fais quoi|que dois je faire|que devons nous faire|que doit on faire|comment faire|comment proceder|what (?:should|do|must|can) (?:i|we) do|what now|what next|what to do|next steps?)\b/;
/** « comment le renouveler ? », "how do we renew": the renewal answer's question. */
const ASKS_RENEWAL_HOW = /\b(?:comment (?:le |la |les |on |je |nous )?renouvel\w*|how (?:do|can|should) (?:i|we) renew|how to renew)\b/;

/** Something else that expires (a CPS card, a licence, a passport, a website's certificate): not certibot's business. */
const OTHER_THING =
  /\b(?:carte|card|cps|e cps|licence|license|passeport|passport|abonnement|subscription|domaine|domain|site web|website|site internet|https|antivirus|contrat|contract|garantie|warranty|mot de passe|password|ca commerciale|commercial ca)\b/;

/** « 3 sites », « plusieurs sites »: a count of sites makes a FINESS question the sharing one. */
const SITES_COUNT = /\b(?:\d+|deux|trois|quatre|cinq|plusieurs|several|two|three|four|five|many|multiple) (?:sites?|etablissements?|locations?)\b/;

/** Sites named too (« par solution et par site ») make it the sharing question, which the sharing answer takes. */
const SITES = /\b(?:sites?|etablissements?|establishments?|locations?)\b/;
/** « le même certificat pour le DMP et INSi ? »: one certificate for two national services. */
const SERVICE_NAME = String.raw`(?:dmp|insi|mss?ante|messagerie securisee)`;
const TWO_SERVICES = new RegExp(
  String.raw`\b(?:meme|seul|unique|commun|one|same|single|shared?)\b.{0,40}\b(?:certif\w*|cert)\b.{0,40}\b${SERVICE_NAME}\b.{0,20}\b(?:et|and|ou|or|plus)\b.{0,10}\b${SERVICE_NAME}\b|\b${SERVICE_NAME}\b.{0,20}\b(?:et|and)\b.{0,10}\b${SERVICE_NAME}\b.{0,40}\b(?:meme|seul|unique|commun|one|same|single|shared?)\b.{0,20}\b(?:certif\w*|cert)\b`,
);
/** One certificate for them: « un seul », « le même », « couvrir les deux », "the same", "shared" — not merely having several. */
const ONE_FOR_SEVERAL =
  /\b(?:un|une|1|one|a|an) (?:\w+ )?(?:certif\w*|cert)\b.{0,30}\b(?:pour|sur|entre|dans|for|on|across|between|in)\b|\b(?:un seul|une seule|un meme|le meme|meme|seul|unique|commun|mutualis\w*|partag\w*|les deux|both|one|same|single|shared?|sharing|pool\w*)\b/;
/** « mon DMP », "my health record" — but « mon certificat DMP », "my DMP certificate" are a structure's certificates. */
const PATIENT =
  /\b(?:mon|ma|mes)\s+(?:dmp|dossier medical|dossier patient|espace sante)\b(?!\s+(?:certif|cert))|\bmon espace sante\b|\bje suis (?:un |une )?patient\w*\b|\b(?:my|my own)\s+(?:dmp|medical record|health record|health space)\b(?!\s+(?:certif|cert))|\bi am a patient\b|\bas a patient\b/;
const RENAMED = /\b(?:change\w* de (?:nom|raison sociale|denomination)|nouveau nom|nouvelle raison sociale|renomme\w*|rebaptise\w*|renamed|renaming|name change\w*|chang\w* (?:its |our |their |the )?(?:legal )?name|new name)\b/;
/** The renamed thing is a structure, not the certificate's label in certibot (« renomme mon certificat DMP »). */
const STRUCTURE = /\b(?:structure|etablissement|ehpad|clinique|hopital|hopitaux|ch|chu|entite|organisme|association|groupe|ght|clinic|hospital|organisation|organization|company|nursing home|facility|facilities|entity|entities)s?\b/;
/** A change of vendor or software for the same use — not deploying a new one (an order: « quel certificat demander »). */
const VENDOR_CHANGE = /\b(?:change\w* d ?editeur|change\w* de logiciel|migr\w* (?:vers|sur) (?:un )?(?:autre|nouveau) (?:logiciel|editeur)|changed (?:software )?vendors?|switch\w* (?:software )?vendors?|switch\w* to (?:another|a new) (?:software|vendor)|moved to (?:another|a new) (?:software )?vendor|replac\w* (?:our|the) (?:software )?vendor|(?:passons|passer|passe|migrons|migrer|allons) (?:chez|vers|a|sur) (?:un )?(?:nouvel|autre) (?:editeur|logiciel)|(?:mov\w*|switch\w*|migrat\w*|going) to (?:a new|another|a different) (?:software )?(?:vendor|provider|supplier|publisher))\b/;

/**
 * « le DMP ne marche plus », "INSi calls fail since this morning": a service that stopped, with no error code and
 * without saying the certificate expired — an expired certificate is the first thing to check, not a conclusion.
 */
const SERVICE = /\b(?:dmp|insi|mssante|messagerie securisee|teleservice|connecteur|webservice|web service)\b/;
const FAILING =
  /\b(?:ne (?:marche|fonctionne|passe|repond) plus|plus rien ne (?:passe|part|marche|fonctionne)|rien ne (?:passe|part)|ne (?:marche|fonctionne|passe|repond) pas|en panne|plante\w*|bloque\w*|refuse\w*|rejet\w*|erreur|echou\w*|coupe\w*|stopped working|not working|doesn t work|does not work|is down|went down|fail\w*|reject\w*|refus\w*|broken|down since|errors?)\b/;
const SAYS_EXPIRED = /\b(?:expir\w*|perime\w*|echu\w*|depasse\w*|n est plus (?:valable|valide)|plus valable|lapsed|out of date|outdated|no longer valid|ran out|run out|runs out)\b/;
/** Each national service by its names (folded). */
const SERVICES: ReadonlyArray<{ readonly service: NationalService; readonly pattern: RegExp }> = [
  { service: 'dmp', pattern: /\b(?:dmp|dossier medical partage)\b/ },
  { service: 'insi', pattern: /\binsi\b/ },
  { service: 'mssante', pattern: /\b(?:mss?ante|messagerie securisee)\b/ },
];
/** A certificate kind named: ORG (AUTH_CLI, SIGN) or SERV (SSL). */
const KIND_ORG = /\b(?:org|auth cli|authcli)\b/;
const KIND_SERV = /\b(?:serv|ssl serv|ssl)\b/;
/** « quel certificat pour… ? », "which certificate type…": asking which kind. */
const WHICH_CERTIFICATE =
  /\b(?:quel(?:le)?s? (?:type |sorte |genre )?(?:de )?(?:certif\w*|cert)|quel type|type de certif\w*|which (?:type of |kind of )?(?:certif\w*|cert)s?|what (?:type|kind) of (?:certif\w*|cert)s?|certificate type|kind of certificate)\b/;
/** « le CN est INSI_AUTO », "named INSI MANU": an INSi name as typed, read on the raw text (case and dashes count). */
const INSI_NAME = /\bINSI[\s_\-–.]*(?:MANU|AUTO)\b/i;
const NAME_CONTEXT = /\b(?:cn|common name|nom|name|nomme\w*|named|appel\w*|called|libelle|bon|correct\w*|valide|ok|right|valid|fine)\b/;

/** « si je renouvelle 2 mois avant, je perds 2 mois ? », "do we lose the remaining validity if we renew early?" */
const LOSES_VALIDITY =
  /\b(?:perd\w*|gaspill\w*|lose|loses|losing|lost|waste\w*|forfeit\w*|reste de (?:la )?validite|validite restante|jours restants|mois restants|remaining (?:validity|time|days|months)|time left|report\w*|carr(?:y|ied) over|cumul\w*|s ajoute\w*|added to|add(?:ed)? on)\b/;

/** « pas encore expiré », "not expired yet", « toujours valide »: the certificate is said to be valid. */
const NOT_YET_EXPIRED = /\b(?:pas (?:encore )?expire\w*|n a pas (?:encore )?expire|toujours valide|encore valide|not (?:yet )?expired|hasn t expired|has not expired|still valid)\b/;

/** Whether a message says anything of an expiry (past or to come): « expire », « périmé », "ran out"… */
export function speaksOfExpiry(text: string, words = normalizeText(text)): boolean {
  return SAYS_EXPIRED.test(words);
}

/**
 * An expiry said in the past: « a expiré », « est périmé », « expiré depuis », "has expired", "ran out". (Folded,
 * « expiré » and « expire » are one word: the auxiliary, « depuis » or « déjà » tell the past.)
 */
const EXPIRED_ALREADY =
  /\b(?:(?:est|sont|etait|etaient) (?:deja )?(?:arrive\w*|parvenu\w*) a (?:expiration|echeance|son terme|sa fin)|(?:hier|avant hier|yesterday|il y a|ago|depuis|since|last (?:week|month|night)|la semaine derniere|le mois dernier)\b.*\b(?:expir\w*|perime\w*|echu\w*)|(?:expir\w*|perime\w*|echu\w*)\b.*\b(?:hier|avant hier|yesterday|il y a|ago|depuis|since|last (?:week|month|night)|la semaine derniere|le mois dernier)|(?:a|ont|est|sont|etait|etaient|avait|avaient|deja) (?:deja )?(?:expire\w*|perime\w*|echu\w*)|expire\w* depuis|perime\w*|n est plus (?:valable|valide)|plus valable|(?:has|have|had|is|was|already) (?:already )?(?:expired|lapsed|run out)|expired|ran out|lapsed|no longer valid|out of date)\b/;

/** Whether a message says the certificate has already expired (« il a expiré hier », "it expired this morning"). */
export function saysExpiredAlready(text: string, words = normalizeText(text)): boolean {
  return EXPIRED_ALREADY.test(words) && !NOT_YET_EXPIRED.test(words);
}

/**
 * What a message says of an expiry: that it is past (« il a expiré hier »), that it is to come (« il va expirer », "about
 * to expire"), or only that there is one (« certificat expiré », tense unsaid) — or nothing. One reading for every
 * feature that sorts messages by it (situations, the topic of a typed support request).
 */
export function expiryReading(text: string, words = normalizeText(text)): 'past' | 'coming' | 'unsaid' | undefined {
  if (!SAYS_EXPIRED.test(words) && !EXPIRY_COMING.test(words)) return undefined;
  if (saysExpiredAlready(text, words)) return 'past';
  return EXPIRY_COMING.test(words) || NOT_YET_EXPIRED.test(words) ? 'coming' : 'unsaid';
}

/** Renewing, in any form: shared by the situations, the recognizer and a typed request's topic. */
export const RENEWAL_WORDS = /\b(?:renouvel\w*|renew\w*)\b/;

/** Renewing or ordering that fails is the platform's business, not a service that stopped. */
const PROCESS = /\b(?:renouvel\w*|renew\w*|commande\w*|command\w*|order\w*|plateforme|platform|installation|install\w*)\b/;

/**
 * Asking certibot to act towards someone (write, send, contact, put through): a request, which opens a support
 * request even when it names a situation (« envoie à l'ANS un message sur notre certificat révoqué »).
 */
const REACH =
  /\b(?:envoi\w*|envoy\w*|ecri\w*|contacte\w*|transmet\w*|(?:fais|faire|faites) suivre|une personne|quelqu un|un humain|un conseiller|someone|a person|a human|an advisor|mets moi en (?:relation|contact)|passe moi|previen\w* l|parler a|send|write|contact|forward|put me through|get me through|talk to|speak to|pass (?:it|this|my)|let the ans know|alert the ans|raise (?:it|this|our case) with)\b/;

/** Whether a message asks certibot to reach someone for the person. */
export function asksToReachSomeone(text: string, words = normalizeText(text)): boolean {
  return REACH.test(words);
}
/** Whether a message is about a structure's certificates at all (so "lost key" is a certificate's key). */
const CERTIFICATE = /\b(?:certif\w*|cert|certs|igc|insi|dmp|mssante|ssl|pfx|p12|cle privee|private key)\b/;

/**
 * An ordering question about one national service: which certificate it takes (« quel certificat pour le DMP ? »,
 * « un ORG pour MSSanté ? » — checked against the facts), or whether an INSi name as typed is right (« le CN est
 * INSI_AUTO, c'est bon ? »). The ordering answer then speaks of that service only.
 */
export function serviceQuestionOf(text: string, words = normalizeText(text)): Extract<Situation, { kind: 'service-kind' | 'insi-cn' }> | undefined {
  const insiName = INSI_NAME.exec(text)?.[0];
  if (insiName && NAME_CONTEXT.test(words)) return { kind: 'insi-cn', cn: insiName, exact: /^INSI-(?:MANU|AUTO)$/.test(insiName) };
  const services = SERVICES.filter(({ pattern }) => pattern.test(words));
  // A kind put forward in a yes/no question is checked; « ORG ou SERV ? » or a statement is not.
  const org = KIND_ORG.test(words);
  const serv = KIND_SERV.test(words);
  const named = org !== serv && isClosedQuestion(text) ? (org ? 'org' : 'serv') : undefined;
  if (services.length !== 1 || !services[0] || (!org && !serv && !WHICH_CERTIFICATE.test(words)) || FAILING.test(words)) return undefined;
  return { kind: 'service-kind', service: services[0].service, named };
}

/** `words`: the text already normalized, when the caller has it (the recognizer does, for every message). */
export function situationOf(text: string, words = normalizeText(text)): Situation | undefined {
  // The patient's own record first: « mon DMP » is not a structure's certificate, whatever else is said.
  if (PATIENT.test(words)) return { kind: 'patient' };
  // Read on the text as typed: normalizing drops the underscore of DESIR_560.
  const code = ERROR_CODE.exec(text)?.[1];
  if (code) return { kind: 'error-code', code: code.toUpperCase() };
  const insi = INSI_NUMBER.exec(words);
  if (insi) return { kind: 'error-code', code: `DESIR_${insi[1] ?? insi[2] ?? ''}` };
  // Named without its certificate (« le DMP ne marche plus ») — the certificate is what certibot can check.
  const saysExpired = SAYS_EXPIRED.test(words) && !NOT_YET_EXPIRED.test(words);
  if (SERVICE.test(words) && FAILING.test(words) && !saysExpired && !REVOKED.test(words) && !PROCESS.test(words)) return { kind: 'service-failing' };
  // Said of « it » as often as of « the certificate »: in a chat with certibot, what expires is a certificate.
  // « on a reçu un mail : il va expirer, que faire ? » — mail or not, asking what to do before an expiry is renewing
  // now; « pas reçu de mail, il expire bientôt » without asking it is the notice's question.
  const asksOtherwise = ASKS_OTHERWISE.test(words) && !(WHAT_TO_DO.test(words) && !ASKS_RENEWAL_HOW.test(words));
  if (EXPIRY_COMING.test(words) && !saysExpiredAlready(text, words) && !REVOKED.test(words) && !FAILING.test(words) && !asksOtherwise && !OTHER_THING.test(words)) {
    return { kind: 'expiring-soon' };
  }
  // The situations that are about a certificate without naming one: each opens the way to the others too.
  const earlyRenewal = RENEWAL_WORDS.test(words) && LOSES_VALIDITY.test(words);
  const finessChange = FINESS_CHANGE.test(words);
  const finessLevels = FINESS_LEVELS.test(words);
  const merger = MERGER.test(words) && STRUCTURE.test(words);
  if (!CERTIFICATE.test(words) && !earlyRenewal && !finessChange && !finessLevels && !merger) return undefined;
  if (REVOKED.test(words)) return { kind: 'revoked' };
  if (KEY_COMPROMISED.test(words)) return { kind: 'key-compromised' };
  if (KEY_FILE.test(words) && SEND_OR_READ.test(words)) return { kind: 'private-key-file' };
  // A change of vendor names "another vendor", which the two-solutions reading would also take.
  if (VENDOR_CHANGE.test(words)) return { kind: 'vendor-change' };
  if (TWO_SERVICES.test(words)) return { kind: 'two-services' };
  if (((SOLUTIONS.test(words) || TWO_SOLUTIONS.test(words)) && ONE_FOR_SEVERAL.test(words)) || (PER_SOLUTION.test(words) && !SITES.test(words))) return { kind: 'one-solution' };
  if (earlyRenewal) return { kind: 'early-renewal' };
  if (finessChange) return { kind: 'finess-change' };
  if (finessLevels && FINESS_LEVEL_WORDS.test(words) && !SITES_COUNT.test(words)) return { kind: 'finess-levels' };
  if (RENAMED.test(words) && STRUCTURE.test(words)) return { kind: 'renamed' };
  // « nous avons absorbé un hôpital : un seul certificat pour les deux sites ? » is the sharing question.
  if (merger && !(SITES.test(words) && ONE_FOR_SEVERAL.test(words))) return { kind: 'merger' };
  if (COST.test(words)) return { kind: 'unsourced', subject: 'cost' };
  if (SEVERAL_SERVERS.test(words) && !SITES.test(words)) return { kind: 'unsourced', subject: 'servers' };
  return undefined;
}
