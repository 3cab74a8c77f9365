import { randomUUID } from 'node:crypto';
import type {
  AnswerFeedback,
  FeedbackRepository,
  UnansweredQuestion,
  UnansweredQuestionRepository,
} from '../domain/feedback';
import { MAX_UNANSWERED_LENGTH } from '../domain/feedback';
import type { Locale } from '../domain/locale';
import { redactPersonalData } from '../domain/redact';
import { queryOne, type SqlExecutor } from './sql';

export class SqlFeedbackRepository implements FeedbackRepository {
  constructor(private readonly db: SqlExecutor) {}

  async record(feedback: AnswerFeedback): Promise<void> {
    await this.db.execute(
      `INSERT INTO answer_feedback (answer_id, user_id, helpful, locale, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET helpful = excluded.helpful, locale = excluded.locale,
         created_at = excluded.created_at`,
      [feedback.answerId, feedback.userId, feedback.helpful ? 1 : 0, feedback.locale, feedback.at.getTime()],
    );
  }

  async summary(): Promise<ReadonlyArray<{ answerId: string; helpful: number; notHelpful: number }>> {
    const rows = await this.db.query<{ answer_id: string; helpful: number; not_helpful: number }>(
      `SELECT answer_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful
       FROM answer_feedback GROUP BY answer_id ORDER BY answer_id`,
    );
    return rows.map((row) => ({ answerId: row.answer_id, helpful: Number(row.helpful), notHelpful: Number(row.not_helpful) }));
  }

  async countForUser(userId: string): Promise<number> {
    const row = await queryOne<{ n: number }>(this.db, 'SELECT COUNT(*) AS n FROM answer_feedback WHERE user_id = $1', [userId]);
    return Number(row?.n ?? 0);
  }

  async removeForUser(userId: string): Promise<number> {
    return this.db.execute('DELETE FROM answer_feedback WHERE user_id = $1', [userId]);
  }
}

/** Lower case, no accents or punctuation: questions that differ only so are one gap. */
function textKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class SqlUnansweredQuestionRepository implements UnansweredQuestionRepository {
  constructor(private readonly db: SqlExecutor) {}

  async record(question: UnansweredQuestion): Promise<void> {
    // Kept for the report without who asked, and without what would tell how to reach them.
    const text = redactPersonalData(question.text.trim()).slice(0, MAX_UNANSWERED_LENGTH);
    await this.db.execute('INSERT INTO unanswered_questions (id, text, text_key, locale, created_at) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      text,
      textKey(text),
      question.locale ?? null,
      question.at.getTime(),
    ]);
  }

  async purgeBefore(before: Date): Promise<number> {
    return this.db.execute('DELETE FROM unanswered_questions WHERE created_at < $1', [before.getTime()]);
  }

  async mostFrequent(
    since: Date,
    limit: number,
  ): Promise<ReadonlyArray<{ text: string; count: number; lastAt: Date; locale: Locale | undefined }>> {
    const rows = await this.db.query<{ text: string; n: number; last_at: number; locale: string | null }>(
      `SELECT MAX(text) AS text, COUNT(*) AS n, MAX(created_at) AS last_at, MAX(locale) AS locale
       FROM unanswered_questions WHERE created_at >= $1
       GROUP BY text_key ORDER BY n DESC, last_at DESC LIMIT $2`,
      [since.getTime(), limit],
    );
    return rows.map((row) => ({
      text: row.text,
      count: Number(row.n),
      lastAt: new Date(Number(row.last_at)),
      locale: (row.locale as Locale | null) ?? undefined,
    }));
  }
}
