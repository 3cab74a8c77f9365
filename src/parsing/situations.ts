import { normalizeText } from './normalize';

/**
 * Situations that look like a neighbouring question but have their own answer: a revoked certificate is not an expired
 * one, a lost key is not a renewal, an INSi error code is not an expiry, one certificate for two software solutions is
 * not a question about sites, a patient's own record is not a structure's certificate. Read from the words themselves,
 * before the nearest learnt intent answers.
 */
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
  /** A question the sources do not answer (what a certificate costs): said so. */
  | { readonly kind: 'unsourced'; readonly subject: 'cost' };

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
const PER_SOLUTION = /\b(?:un|une|1|one|a) (?:certificats?|certif|certificates?|cert) (?:par|per|for each|pour chaque|pour chacun de nos|by) (?:logiciel|solution|application|appli|software|app)\b/;
/** What a certificate costs: neither the sheet nor the brief says. */
const COST = /\b(?:cout\w*|coute\w*|prix|tarif\w*|payant\w*|gratuit\w*|cost\w*|price\w*|fees?|free of charge|is it free|are they free|pay for)\b/;
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
const STRUCTURE = /\b(?:structure|etablissement|ehpad|clinique|hopital|ch|chu|entite|organisme|association|groupe|ght|clinic|hospital|organisation|organization|company|nursing home|facility|entity)\b/;
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
  if (SERVICE.test(words) && FAILING.test(words) && !SAYS_EXPIRED.test(words) && !REVOKED.test(words) && !PROCESS.test(words)) return { kind: 'service-failing' };
  if (!CERTIFICATE.test(words)) return undefined;
  if (REVOKED.test(words)) return { kind: 'revoked' };
  if (KEY_COMPROMISED.test(words)) return { kind: 'key-compromised' };
  // A change of vendor names "another vendor", which the two-solutions reading would also take.
  if (VENDOR_CHANGE.test(words)) return { kind: 'vendor-change' };
  if (TWO_SERVICES.test(words)) return { kind: 'two-services' };
  if (((SOLUTIONS.test(words) || TWO_SOLUTIONS.test(words)) && ONE_FOR_SEVERAL.test(words)) || (PER_SOLUTION.test(words) && !SITES.test(words))) return { kind: 'one-solution' };
  if (RENAMED.test(words) && STRUCTURE.test(words)) return { kind: 'renamed' };
  if (COST.test(words)) return { kind: 'unsourced', subject: 'cost' };
  return undefined;
}
