import { escapeRegExp, NO_LETTER_AFTER, NO_LETTER_BEFORE } from './date-words';

/**
 * What the words around a date say it is: the day the certificate was obtained ("délivré le 15/03/2024") or the day
 * it expires ("15/03/2027, date d'expiration").
 */

/** What a date is in the message: the day the certificate was obtained, or the day it expires. */
export type DateRole = 'issue' | 'expiry';

/**
 * Words that say what a date is, folded. A trailing `*` matches any ending (`expir*`: expire, expiré, expiration).
 * The nearest cue before the date wins; failing that, the first one after it in the same clause.
 */
const ROLE_CUES: ReadonlyArray<{ readonly role: DateRole; readonly cues: readonly string[] }> = [
  {
    role: 'issue',
    cues: [
      'delivr*', 'emis', 'emise', 'emises', 'emission', 'obten*', 'recu', 'recue', 'recus', 'recues', 'recev*', 'arrive', 'arrivee', 'renouvele', 'renouvelee', 'renouveles', 'renouvelees',
      'commande', 'commandee', 'commandes', 'commandees', 'cree', 'creee', 'crees', 'creees', 'creation',
      'genere', 'generee', 'generes', 'generees', 'generation', 'depuis le', 'valable depuis', 'valide depuis',
      'valable a partir', 'valide a partir', 'issued', 'issue date', 'date of issue', 'issuance', 'obtained', 'got',
      'received', 'arrived', 'came in', 'renewed', 'delivered', 'created', 'generated', 'ordered', 'since', 'valid from', 'not before', 'notbefore',
    ],
  },
  {
    role: 'expiry',
    cues: [
      'expir*', 'echean*', 'echoit', 'perim*', 'fin de validite', 'date de fin', 'prend fin', 'se termine', 'jusqu',
      'jusque', 'until', 'till', 'ends', 'ending', 'end date', 'valid through', 'not after', 'notafter',
    ],
  },
];

function cuePattern(cues: readonly string[]): RegExp {
  const parts = cues.map((cue) =>
    cue.endsWith('*') ? `${escapeRegExp(cue.slice(0, -1))}\\p{L}*` : `${escapeRegExp(cue).replace(/ /g, '\\s+')}`,
  );
  return new RegExp(`${NO_LETTER_BEFORE}(?:${parts.join('|')})${NO_LETTER_AFTER}`, 'gu');
}

const ROLE_PATTERNS: ReadonlyArray<{ readonly role: DateRole; readonly pattern: RegExp }> = ROLE_CUES.map(({ role, cues }) => ({
  role,
  pattern: cuePattern(cues),
}));

/** Where a clause starts or ends: sentence punctuation, a line break; a full stop only when a space follows. */
const CLAUSE_END = /[;!?\n]|\.(?=\s|$)/gu;
const CLAUSE_END_AFTER = /[,;!?\n]|\.(?=\s|$)/u;

/** The role of the cue nearest the end of `text` (`last`) or nearest its start. */
function cueIn(text: string, last: boolean): DateRole | undefined {
  let best: { readonly role: DateRole; readonly at: number } | undefined;
  for (const { role, pattern } of ROLE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const at = last ? (match.index ?? 0) + match[0].length : -(match.index ?? 0);
      if (best === undefined || at > best.at) best = { role, at };
    }
  }
  return best?.role;
}

/**
 * The role nearby words give a date: the nearest cue before it in its clause ("délivré le 15/03/2024"), else the
 * first after it before a comma or the next date ("15/03/2024, date d'expiration").
 */
export function roleOf(folded: string, start: number, end: number, nextStart: number): DateRole | undefined {
  const clauseStart = Math.max(-1, ...[...folded.slice(0, start).matchAll(CLAUSE_END)].map((m) => m.index ?? -1)) + 1;
  const before = cueIn(folded.slice(clauseStart, start), true);
  if (before !== undefined) return before;
  const after = folded.slice(end, nextStart);
  const clauseEnd = after.search(CLAUSE_END_AFTER);
  return cueIn(clauseEnd < 0 ? after : after.slice(0, clauseEnd), false);
}
