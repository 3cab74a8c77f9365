import { FeedbackDetailDialog } from '../../../dialogs/feedback-detail-dialog';
import { SharingDialog } from '../../../dialogs/sharing-dialog';
import type { Feature } from '../../conversation/feature';
import type { Turn, TurnOutcome } from '../../conversation/turn';
import type { Clock } from '../../domain/clock';
import type { FeedbackRepository, UnansweredQuestionRepository } from '../../domain/feedback';
import type { KnowledgeBase } from '../../domain/knowledge';
import { KnowledgeAnswers } from './knowledge-answers';
import { createKnowledgeHandlers } from './knowledge-handlers';

export interface KnowledgeFeatureDeps {
  readonly kb: KnowledgeBase;
  readonly feedback: FeedbackRepository;
  readonly unanswered: UnansweredQuestionRepository;
  readonly clock: Clock;
  /** Whether a person is a support agent: a member of the team of a support channel (« support ici »). */
  readonly isSupportAgent: (userId: string) => Promise<boolean>;
  /** The regional GRADeS certibot is configured with (SUPPORT_GRADES). */
  readonly grades: readonly { readonly id: string; readonly name: string; readonly email: string }[];
  /** The renewal-dates feature's start, for a question that carries a date. */
  readonly renewalDates: { start(turn: Turn, text: string | undefined): Promise<TurnOutcome> | TurnOutcome; readonly renewalLeadMonths: number };
}

/** Answers from the knowledge base with their sources, the sharing question, feedback and the gaps report. */
export function knowledgeFeature(deps: KnowledgeFeatureDeps): Feature {
  const answers = new KnowledgeAnswers(deps.kb, new Set(['support', 'sharing', 'dates', 'reminder']));
  const sharing = new SharingDialog(deps.kb.sharingRules, answers);
  // What a « Non » answer lacked goes to the same report as the questions certibot could not answer (redacted there).
  const missing = new FeedbackDetailDialog({
    note: (turn, text) => deps.unanswered.record({ text: text.trim().slice(0, 500), locale: turn.locale, at: deps.clock.now() }),
  });
  const { intents, verbs } = createKnowledgeHandlers({ ...deps, answers, sharing, missing });
  return {
    name: 'knowledge',
    intents,
    verbs,
    dialogs: [sharing, missing],
    personalData: [{ category: 'feedback', count: (id) => deps.feedback.countForUser(id), erase: (id) => deps.feedback.removeForUser(id) }],
  };
}
