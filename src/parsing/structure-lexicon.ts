import type { Corridor, StructureKind } from '../domain/knowledge';

/**
 * Words people use for their structure and corridor, as data, matched on normalized text (lower case, no accents).
 * Order matters: the first structure pattern that matches wins, so the more specific come first.
 */
export const STRUCTURE_PATTERNS: ReadonlyArray<{ readonly structure: StructureKind; readonly pattern: RegExp }> = [
  {
    structure: 'multi-entity-group',
    pattern:
      /\bght\b|\bgroupements? hospitaliers?\b|\b(plusieurs|deux|trois|quatre|cinq|[2-9]|\d\d) (entites|ej|personnes morales|entites juridiques)\b|\bgroupes? de cliniques\b|\bgroup of (clinics|hospitals)\b|\b(several|multiple|two|three|four|five|[2-9]|\d\d|different|separate|distinct) legal entities\b|\bhospital group\b|\b(differentes?|distinctes?) (entites|ej)\b|\b(entites juridiques|ej|finess juridiques) (differentes?|distinct(e|s|es)?|differents)\b/,
  },
  { structure: 'dialysis', pattern: /\bdialys|\bhemodialys|\bauto ?dialys|\bdialysis\b/ },
  {
    structure: 'managing-body',
    pattern:
      /\borganismes? gestionnaires?\b|\bassociations? gestionnaires?\b|\bgestionnaire\b|\bmanaging (body|organisation|organization)\b|\bog\b|\behpad\b|\besms\b|\bime\b|\besat\b|\bssiad\b|\bmas\b|\bfam\b|\bnursing homes?\b|\bcare homes?\b/,
  },
  {
    structure: 'private',
    pattern:
      /\bcliniques?\b|\b(etablissement|structure|hopital|es)( de sante)? prive|\bprivee?s?\b|\bespic\b|\bprivate (hospital|clinic|establishment|health)|\bprivate\b|\bclinics?\b/,
  },
  {
    structure: 'public',
    pattern:
      /\bchu\b|\bchr\b|\bch\b|\bcentres? hospitaliers?\b|\bhopital public\b|\bhopitaux publics\b|\b(etablissement|structure|es)( sanitaire| de sante)? public|\bpublics?\b|\bpublic (hospital|health establishment|establishment)|\buniversity hospital\b|\bpublic\b/,
  },
];

/**
 * Kinds of structure the sheet does not cover: when one is named and none of the above, the bot says it does not
 * know rather than guessing a rule.
 */
export const UNCOVERED_STRUCTURE_PATTERN =
  /\b(laboratoires?( de biologie)?|lbm|cabinets?( de radiologie| medical| medicaux| de groupe)?|radiologie|imagerie|pharmacies?|officines?|centres? de sante|maisons? de sante|msp|cpts|had|hospitalisation a domicile|editeurs?|industriels?|software vendor|laborator(y|ies)|pharmac(y|ies)|medical practice|radiology|home hospitali[sz]ation)\b/;

export const CORRIDOR_PATTERNS: ReadonlyArray<{ readonly corridor: Corridor; readonly pattern: RegExp }> = [
  { corridor: 'medico-social', pattern: /\bmedico ?-? ?social|\bmedicosocial|\bmedical[- ]social\b|\bsocial care\b/ },
  { corridor: 'hopital', pattern: /\bcouloir (hopital|sanitaire)\b|\bsanitaire\b|\bhospital corridor\b|\bhopital\b|\bhospital\b/ },
];

/** Number words up to twenty, French and English. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  un: 1, une: 1, one: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5, six: 6,
  sept: 7, seven: 7, huit: 8, eight: 8, neuf: 9, nine: 9, dix: 10, ten: 10, onze: 11, eleven: 11, douze: 12,
  twelve: 12, quinze: 15, fifteen: 15, vingt: 20, twenty: 20,
};
