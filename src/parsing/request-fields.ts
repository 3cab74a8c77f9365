import type { TicketTopic, TicketUrgency } from '../domain/tickets/ticket';
import { extractEntities } from './entities';
import { normalizeText } from './normalize';
import { expiryReading, RENEWAL_WORDS } from './situations';

/**
 * What a request typed in one go already says of the form's fields: « notre certificat INSi a expiré hier, nous sommes
 * le CH de Rodez, c'est urgent » gives the structure (« CH de Rodez »), the topic (expired) and the urgency (high), so
 * that only what is missing is asked. Raw values: the request form's checks still apply to each.
 */
export interface RequestFields {
  readonly structure?: string;
  readonly finess?: string;
  readonly email?: string;
  readonly topic?: TicketTopic;
  readonly urgency?: TicketUrgency;
}

/** A structure named with its kind and its place: « CH de Rodez », « EHPAD Les Tilleuls », "Saint-Luc clinic". */
const STRUCTURE =
  /(?<![\p{L}])(?:CHU|CHR|CHI|CH|GHT|EHPAD|IME|MAS|FAM|SSIAD|clinique|h[ôo]pital|centre hospitalier(?: universitaire| r[ée]gional)?|centre de dialyse|centre de sant[ée]|hospital|clinic|nursing home|care home|medical centre|medical center)(?:\s+(?:de|du|des|d['’]|de la|de l['’]|of|la|le|les|the|saint|sainte|st|ste)?\s*[A-ZÀ-Ý][\p{L}'’-]+){1,4}|(?<![\p{L}])[A-ZÀ-Ý][\p{L}'’-]+(?:[\s-][A-ZÀ-Ý][\p{L}'’-]+){0,3}\s+(?:clinic|hospital|nursing home|care home|medical centre|medical center)\b/u;
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z]{2,}/i;
/** Topics read from words, after the expiry (see topicOf). */
const TOPICS: ReadonlyArray<readonly [TicketTopic, RegExp]> = [
  ['renewal', RENEWAL_WORDS],
  ['order', /\b(?:commande\w*|commander|order\w*|nouveau certificat|new certificate|new one|un nouveau)\b/],
  ['platform', /\b(?:plateforme|platform|pfc|connexion|se connecter|log in|login)\b/],
  ['sharing', /\b(?:partag\w*|mutualis\w*|shar\w*|pool\w*)\b/],
];
const URGENT = /\b(?:urgent\w*|urgence|asap|au plus vite|tout de suite|bloqu\w*|ne marche plus|ne fonctionne plus|plus rien ne|critical|critique|immediately|right away|blocking|stopped working|down|fast|quickly|vite|rapidement)\b/;

/** An expiry to come is a renewal to do; one that is past, or said without its tense, an expired certificate. */
function topicOf(text: string, words: string): TicketTopic | undefined {
  const expiry = expiryReading(text, words);
  if (expiry) return expiry === 'coming' ? 'renewal' : 'expired';
  return TOPICS.find(([, pattern]) => pattern.test(words))?.[0];
}

export function requestFieldsIn(text: string): RequestFields {
  const words = normalizeText(text);
  const structure = STRUCTURE.exec(text)?.[0].trim();
  const finess = extractEntities(text).finess.find((check) => check.valid);
  const email = EMAIL.exec(text)?.[0];
  const topic = topicOf(text, words);
  return {
    ...(structure ? { structure } : {}),
    ...(finess?.valid ? { finess: finess.value } : {}),
    ...(email ? { email } : {}),
    ...(topic ? { topic } : {}),
    ...(URGENT.test(words) ? { urgency: 'high' as const } : {}),
  };
}
