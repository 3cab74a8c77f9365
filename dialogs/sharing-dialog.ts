import { z } from 'zod';
import { answerCard, type AnswerView } from '../cards/answer-card';
import { sharingQuestionCard } from '../cards/sharing-question-card';
import { cardReply, mentionHint, type Turn, type TurnOutcome } from '../src/conversation/turn';
import { parisDate } from '../src/domain/calendar';
import { STRUCTURE_KINDS, type Corridor, type SharingRule, type StructureKind } from '../src/domain/knowledge';
import { decideSharing, type SharingDecision, type SharingQuestion } from '../src/domain/sharing-eligibility';
import type { Locale } from '../src/domain/locale';
import type { SharingFrame } from '../src/parsing/question-frame';
import type { Translate } from '../src/messages/translator';
import type { Dialog, DialogInput } from '../src/conversation/dialog';

export const SHARING_DIALOG = 'sharing';

/** How the knowledge feature words a sharing answer (its KnowledgeAnswers): all the dialog needs of it. */
export interface SharingAnswers {
  unknownStructure(label: string, locale: Locale, tr: Translate, question?: string): AnswerView;
  sharing(
    decision: Exclude<SharingDecision, { kind: 'needs-structure' }>,
    sites: number | 'several' | undefined,
    frame: SharingFrame,
    today: string,
    locale: Locale,
    tr: Translate,
    question?: string,
  ): AnswerView;
}

/** What is known of the asker's situation so far. */
export type SharingFacts = Omit<SharingQuestion, 'today'> & {
  readonly uncoveredStructure?: string;
  /** What the question asks (may we share? must we split? how many?): the answer's first line answers that. */
  readonly frame?: SharingFrame;
  /** The question as typed: it starts the message to the ANS when the sheet has no answer. */
  readonly question?: string;
};

/** What the dialog keeps between turns; read back through this schema, never trusted as stored. */
const factsSchema = z.object({
  corridor: z.enum(['hopital', 'medico-social']).optional(),
  sites: z.union([z.number().int().positive().max(10_000), z.literal('several')]).optional(),
  frame: z.enum(['may-share', 'must-split', 'how-many']).optional(),
  question: z.string().max(500).optional(),
});

function structuresFor(corridor: Corridor | undefined): StructureKind[] {
  if (corridor === 'hopital') return ['public', 'dialysis', 'private', 'multi-entity-group'];
  return [...STRUCTURE_KINDS];
}

/**
 * "Can I share one certificate across sites?": answers at once when the message says enough, otherwise asks only
 * for the structure (buttons or typed), keeping what was already said (corridor, number of sites).
 */
export class SharingDialog implements Dialog {
  readonly id = SHARING_DIALOG;
  readonly ttlMs = 30 * 60 * 1000;

  constructor(
    private readonly rules: readonly SharingRule[],
    private readonly answers: SharingAnswers,
  ) {}

  async start(turn: Turn, facts: SharingFacts): Promise<TurnOutcome> {
    if (!facts.structure && facts.uncoveredStructure) {
      const view = this.answers.unknownStructure(facts.uncoveredStructure, turn.locale, turn.tr, facts.question);
      return { replies: [cardReply(answerCard(view, turn.tr))], dialog: null };
    }
    const today = parisDate(turn.request.now);
    const decision = decideSharing({ ...facts, today }, this.rules);
    if (decision.kind === 'needs-structure') {
      const data: z.infer<typeof factsSchema> = {
        ...(decision.corridor ? { corridor: decision.corridor } : {}),
        ...(facts.sites !== undefined ? { sites: facts.sites } : {}),
        // The question asked first is the one answered, after its structure is known.
        ...(facts.frame ? { frame: facts.frame } : {}),
        ...(facts.question ? { question: facts.question.slice(0, 500) } : {}),
      };
      return {
        replies: [cardReply(sharingQuestionCard(structuresFor(decision.corridor), turn.tr)), ...mentionHint(turn)],
        dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data },
      };
    }
    const view = this.answers.sharing(decision, facts.sites, facts.frame ?? 'may-share', today, turn.locale, turn.tr, facts.question);
    return { replies: [cardReply(answerCard(view, turn.tr))], dialog: null };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const stored = factsSchema.safeParse(turn.dialog?.data ?? {});
    const known = stored.success ? stored.data : {};
    if (input.kind === 'action') {
      if (input.action.verb !== 'sharing.structure') return undefined;
      return this.start(turn, { ...known, structure: input.action.structure });
    }
    const { entities } = input.recognition;
    if (!entities.structure && !entities.corridor && !entities.uncoveredStructure) return undefined;
    return this.start(turn, {
      corridor: entities.corridor ?? known.corridor,
      ...(entities.structure ? { structure: entities.structure } : {}),
      ...(entities.uncoveredStructure ? { uncoveredStructure: entities.uncoveredStructure } : {}),
      sites: entities.sites ?? known.sites,
      ...(known.frame ? { frame: known.frame } : {}),
      ...(known.question ? { question: known.question } : {}),
    });
  }
}
