import type { Locale } from '../domain/locale';
import type { Usage } from '../domain/reminders/certificate';
import { expiryFromIssue } from '../domain/renewal';
import { parseDates } from './dates';
import { dayMonthIn } from './day-month';
import { extractEntities } from './entities';
import { normalizeText } from './normalize';

/**
 * What one message says about a certificate to register: « c'est le certificat MSSanté du site de Nîmes, il expire le
 * 15/06/2027 » gives its name (« MSSanté du site de Nîmes »), its expiry, its use; an issue date gives the expiry three
 * years later. Used for the first message of a registration and for what is typed instead of filling the form.
 */
export interface CertificateDescription {
  readonly expiry?: string;
  readonly usage?: Usage;
  /** The use as a name (« MSSanté »), when the message names one. */
  readonly usageLabel?: string;
  /** A valid FINESS in the message, formatted. */
  readonly finess?: string;
  /** The certificate's name as the message gives it, once the date and its words are taken out. */
  readonly name?: string;
}

const ISSUE_WORDS = /\b(?:delivr\w*|emis\w*|obtenu\w*|recu\w*|issued|obtained|received)\b/;

/** Where the date's clause starts: « , il expire le… », "it expires on…", « délivré le… ». */
const DATE_CLAUSE =
  /[,;:–-]?\s*(?:(?:il|elle|qui|it|which|that|and)\s+)?(?:expir|arrive à échéance|arrive a echeance|se termine|ends?\b|ending|runs? out|valable jusqu|valid until|délivr|delivr|émis|emis\b|obtenu|reçu|recu\b|issued|obtained|received|date d['’]expiration|expiry|expiration|exp\.)[\s\S]*$/iu;
/** « FINESS 310781406 », « finess : 31 078 140 6 »: a field of its own, not part of the name. */
const FINESS_MENTION = /[,;]?\s*\bFINESS\b\s*:?\s*(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d\b/giu;
/** Words around a name that are not the name: « c'est le certificat … », "it's our … certificate". */
const LEADING = /^(?:c['’]est|it['’]s|it is|this is|voici|here is|le|la|l['’]|les|notre|nos|our|the|mon|ma|my|un|une|a|an|certificat|certificate|cert|certif)\s*/iu;

function nameIn(text: string, dateTexts: readonly string[]): string | undefined {
  let rest = text;
  for (const date of dateTexts) rest = rest.replace(date, ' ');
  rest = rest.replace(FINESS_MENTION, ' ');
  rest = rest.replace(DATE_CLAUSE, '');
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.trim().replace(LEADING, '');
  }
  rest = rest.replace(/[\s,;:.!–-]+$/u, '').trim();
  return rest.length >= 2 && rest.length <= 120 ? rest : undefined;
}

export function describeCertificate(text: string, today: string, locale: Locale): CertificateDescription {
  const parse = parseDates(text, { locale, today });
  const words = normalizeText(text);
  // « qui expire le 12 janvier »: a day without its year is the next such day (the last one for an issue date).
  const yearless = parse.kind === 'none' ? dayMonthIn(text, today, ISSUE_WORDS.test(words) ? 'issue' : 'expiry') : undefined;
  const found =
    parse.kind === 'found' && parse.dates.length === 1
      ? parse.dates[0]
      : yearless && { date: yearless.date, role: yearless.occurrence === 'last' ? ('issue' as const) : ('expiry' as const), text: '' };
  const expiry = found && (found.role === 'issue' || (found.role === undefined && found.date <= today) ? expiryFromIssue(found.date) : found.date);
  const usage: Usage | undefined = /\binsi\b/.test(words) ? 'INSi' : /\bdmp\b/.test(words) ? 'DMP' : /\bmss?ante\b|\bmessagerie securisee\b/.test(words) ? 'MSSante' : undefined;
  const finess = extractEntities(text).finess.find((check) => check.valid);
  const name = nameIn(text, parse.kind === 'found' ? parse.dates.map((date) => date.text) : []);
  return {
    ...(expiry ? { expiry } : {}),
    ...(usage ? { usage, usageLabel: usage === 'MSSante' ? 'MSSanté' : usage } : {}),
    ...(finess?.valid ? { finess: finess.formatted } : {}),
    ...(name ? { name } : {}),
  };
}
