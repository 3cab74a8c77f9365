import type { Translate } from '../src/messages/translator';
import { card, heading, text, type AdaptiveCard, type CardElement } from './adaptive';

export interface GapsView {
  readonly gaps: ReadonlyArray<{ readonly text: string; readonly count: number; readonly lastAt: string }>;
  readonly feedback: ReadonlyArray<{ readonly answerId: string; readonly helpful: number; readonly notHelpful: number }>;
}

/** For support agents: the most frequent questions the bot could not answer, and how its answers were rated. */
export function gapsCard(view: GapsView, tr: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(tr('gaps.title'))];
  body.push(
    view.gaps.length === 0
      ? text(tr('gaps.none'))
      : text(view.gaps.map((gap) => `- ${tr('gaps.row', { count: gap.count, text: gap.text, date: gap.lastAt })}`).join('\n')),
  );
  if (view.feedback.length > 0) {
    body.push(text(tr('gaps.feedbackTitle'), { weight: 'bolder', separator: true }));
    body.push(
      text(
        view.feedback
          .map((row) => `- ${tr('gaps.feedbackRow', { answer: row.answerId, helpful: row.helpful, notHelpful: row.notHelpful })}`)
          .join('\n'),
      ),
    );
  }
  return card(body, [], tr('gaps.title'));
}
