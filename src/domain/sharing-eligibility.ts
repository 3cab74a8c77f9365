import type { Corridor, SharingRule, StructureKind } from './knowledge';

/** What is known of the asker's situation; anything may be missing. */
export interface SharingQuestion {
  readonly corridor?: Corridor;
  readonly structure?: StructureKind;
  /** Number of geographic sites; 'several' when the asker said "plusieurs" without a number. */
  readonly sites?: number | 'several';
  /** Today's calendar date in Europe/Paris, YYYY-MM-DD. */
  readonly today: string;
}

export type SharingDecision =
  /** The structure is needed before a rule can be chosen. */
  | { readonly kind: 'needs-structure'; readonly corridor: Corridor | undefined }
  /** The sheet has no rule for this combination (e.g. a managing body in the hospital corridor). */
  | { readonly kind: 'uncovered'; readonly corridor: Corridor | undefined; readonly structure: StructureKind }
  | {
      readonly kind: 'ruled';
      readonly rule: SharingRule;
      /** allowed / forbidden by a rule in force; outdated: the rule's own date has passed, it may have changed. */
      readonly verdict: 'allowed' | 'forbidden' | 'outdated';
      /** With a single site there is nothing to pool. */
      readonly singleSite: boolean;
    };

/** The corridor a structure belongs to, when the structure alone says it. */
export function corridorOf(structure: StructureKind): Corridor | undefined {
  switch (structure) {
    case 'public':
    case 'dialysis':
    case 'private':
      return 'hopital';
    case 'managing-body':
      return 'medico-social';
    case 'multi-entity-group':
      return undefined;
  }
}

/**
 * Can one certificate serve several sites? A pure function of the corridor, the structure, the number of sites and
 * today's date, over the sheet's rules. In the medico-social corridor the sheet speaks only of managing bodies, so
 * that corridor alone is enough; in the hospital corridor the structure must be known.
 */
export function decideSharing(question: SharingQuestion, rules: readonly SharingRule[]): SharingDecision {
  const structure = question.structure ?? (question.corridor === 'medico-social' ? 'managing-body' : undefined);
  if (!structure) return { kind: 'needs-structure', corridor: question.corridor };

  const corridor = question.corridor ?? corridorOf(structure);
  const rule = rules.find(
    (candidate) =>
      candidate.structure === structure && (candidate.corridor === 'any' || corridor === undefined || candidate.corridor === corridor),
  );
  if (!rule) return { kind: 'uncovered', corridor, structure };

  const outdated = rule.validUntil !== null && question.today >= rule.validUntil.date;
  return {
    kind: 'ruled',
    rule,
    verdict: outdated ? 'outdated' : rule.pooling,
    singleSite: question.sites === 1,
  };
}
