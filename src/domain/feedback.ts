import type { Locale } from './locale';

/** "Did this answer help you?" — one vote per user and answer; a new vote replaces the old one. */
export interface AnswerFeedback {
  readonly answerId: string;
  readonly userId: string;
  readonly helpful: boolean;
  readonly locale: Locale;
  readonly at: Date;
}

/** A question the bot could not answer, kept without its author so support can see the most frequent gaps. */
export interface UnansweredQuestion {
  readonly text: string;
  readonly locale: Locale | undefined;
  readonly at: Date;
}

export interface FeedbackRepository {
  record(feedback: AnswerFeedback): Promise<void>;
  /** Votes per answer: helpful and not helpful counts. */
  summary(): Promise<ReadonlyArray<{ answerId: string; helpful: number; notHelpful: number }>>;
  countForUser(userId: string): Promise<number>;
  removeForUser(userId: string): Promise<number>;
}

export interface UnansweredQuestionRepository {
  record(question: UnansweredQuestion): Promise<void>;
  /** Forgets the questions asked before `before` (UNANSWERED_RETENTION_DAYS); answers how many. */
  purgeBefore(before: Date): Promise<number>;
  /** The most frequent unanswered questions since a date (same normalized text counted together). */
  mostFrequent(since: Date, limit: number): Promise<ReadonlyArray<{ text: string; count: number; lastAt: Date; locale: Locale | undefined }>>;
}

/** Longest question text kept: enough to understand the gap, not a pasted document. */
export const MAX_UNANSWERED_LENGTH = 300;
