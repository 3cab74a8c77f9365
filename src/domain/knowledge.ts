/** Text in both of certibot's languages. */
export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

export type Corridor = 'hopital' | 'medico-social';
export const CORRIDORS: readonly Corridor[] = ['hopital', 'medico-social'];

/** The kinds of structure the sharing rules speak of. */
export type StructureKind = 'public' | 'dialysis' | 'private' | 'managing-body' | 'multi-entity-group';
export const STRUCTURE_KINDS: readonly StructureKind[] = ['public', 'dialysis', 'private', 'managing-body', 'multi-entity-group'];

/** Where a rule or fact was read. */
export interface Source {
  readonly id: string;
  readonly kind: 'primary' | 'secondary';
  readonly title: LocalizedText;
  /** ISO date of publication when known. */
  readonly published: string | null;
  readonly note: LocalizedText | null;
  /**
   * When a source has no publication date, how old it is known to be and why (`order`: YYYY or YYYY-MM, to tell which
   * of two sources is newer). Told wherever two sources disagree.
   */
  readonly dating: { readonly order: string; readonly text: LocalizedText } | null;
}

/** One rule of the sheet on sharing a certificate across sites. */
export interface SharingRule {
  readonly id: string;
  readonly corridor: Corridor | 'any';
  readonly structure: StructureKind;
  /** One certificate for all sites of the legal entity (FINESS juridique). */
  readonly pooling: 'allowed' | 'forbidden';
  /** Certificates per geographic site (FINESS géographique). */
  readonly perSite: 'optional' | 'required';
  /** The date the rule was given until, as the source words it; null when undated. */
  readonly validUntil: { readonly date: string; readonly label: LocalizedText } | null;
  readonly sources: readonly string[];
  readonly text: LocalizedText;
  /** What is known once `validUntil` has passed. */
  readonly afterExpiry: { readonly sources: readonly string[]; readonly text: LocalizedText } | null;
}

export type NextStep = 'dates' | 'reminder' | 'support' | 'sharing';

/** A fact or rule the bot answers with, as data. */
export interface Topic {
  readonly id: TopicId;
  readonly short: LocalizedText;
  readonly details: readonly LocalizedText[];
  readonly sources: readonly string[];
  /** Where sources disagree: each claim with its source, all shown. */
  readonly conflicts: ReadonlyArray<{ readonly source: string; readonly claim: LocalizedText }>;
  readonly conflictAdvice?: LocalizedText;
  readonly next: readonly NextStep[];
}

export const TOPIC_IDS = ['about', 'validity', 'notice', 'renewal', 'expired', 'goodPractice', 'contacts', 'guides', 'ordering'] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export interface KnowledgeBase {
  readonly version: string;
  readonly sources: ReadonlyMap<string, Source>;
  readonly sharingRules: readonly SharingRule[];
  /** The regional GRADeS whose contact a source gives, by region id (`occitanie`, `grand-est`…). */
  readonly regionalContacts: readonly RegionalContact[];
  readonly topics: ReadonlyMap<TopicId, Topic>;
}

export interface RegionalContact {
  readonly region: string;
  readonly name: string;
  readonly email: string;
  readonly sources: readonly string[];
}
