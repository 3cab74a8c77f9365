import { trusted, type Translate } from '../src/messages/translator';
import type { CardAction } from './actions';
import { card, execute, heading, openUrl, submit, text, type AdaptiveCard, type CardActionElement, type CardElement } from './adaptive';

/** A button under an answer: a card verb, or a link (e-mail to the ANS). */
export type NextButton = { readonly title: string; readonly action: CardAction } | { readonly title: string; readonly url: string };

/** An answer from the knowledge base, already in the reader's language. */
export interface AnswerView {
  /** The knowledge entry answered, for feedback. */
  readonly answerId: string;
  readonly title?: string;
  /** The short answer, first. */
  readonly short: string;
  readonly details: readonly string[];
  /** Where sources disagree: every claim with its source. */
  /** `dated`: how old the source is (its date, or what is known of it), told beside each claim. */
  readonly conflicts: ReadonlyArray<{ readonly claim: string; readonly source: string; readonly dated?: string }>;
  /** Of the sources that disagree, the newer one, when their dates tell. */
  readonly newest?: string;
  readonly conflictAdvice?: string;
  /** A dated rule whose date has passed. */
  readonly dated?: { readonly label: string; readonly today: string };
  readonly sources: readonly string[];
  readonly next: readonly NextButton[];
}

function nextAction(button: NextButton): CardActionElement {
  if ('url' in button) return openUrl(button.title, button.url);
  // The request form may be about a certificate: it answers the clicker alone (a Universal Action), never the channel.
  return button.action.verb === 'ticket.form' ? execute(button.title, button.action) : submit(button.title, button.action);
}

/** Short answer first, then details, conflicts and dates told openly, the sources, next steps and feedback. */
export function answerCard(view: AnswerView, tr: Translate): AdaptiveCard {
  const sourcesLine = tr('answer.sources', { count: view.sources.length, sources: view.sources.join(' ; ') });
  const body: CardElement[] = [];
  if (view.title) body.push(heading(view.title));
  body.push(text(view.short, { size: 'medium' }));
  if (view.dated) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [text(`⚠️ ${tr('answer.datedTitle')}`, { weight: 'bolder' }), text(tr('answer.datedBody', view.dated))],
    });
  }
  for (const detail of view.details) body.push(text(detail));
  if (view.conflicts.length > 0) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [
        text(tr('answer.conflictTitle'), { weight: 'bolder' }),
        text(
          view.conflicts
            .map((c) => `- ${c.dated ? tr('answer.conflictClaimDated', { claim: trusted(c.claim), source: c.source, dated: c.dated }) : tr('answer.conflictClaim', { claim: trusted(c.claim), source: c.source })}`)
            .join('\n'),
        ),
        ...(view.newest ? [text(tr('answer.conflictNewest', { source: view.newest }))] : []),
        ...(view.conflictAdvice ? [text(view.conflictAdvice)] : []),
      ],
    });
  }
  body.push(
    text(sourcesLine, {
      isSubtle: true,
      size: 'small',
      separator: true,
    }),
  );
  body.push(text(tr('feedback.question'), { size: 'small', spacing: 'medium' }));
  body.push({
    type: 'ActionSet',
    actions: [
      submit(tr('feedback.yes'), { verb: 'feedback', answer: view.answerId, helpful: true }),
      submit(tr('feedback.no'), { verb: 'feedback', answer: view.answerId, helpful: false }),
    ],
  });
  const fallback = [view.short, sourcesLine].join(' — ');
  // Every answer offers a person, through a support request relayed back to this chat.
  const offersPerson = view.next.some((button) => 'action' in button && button.action.verb === 'ticket.form');
  const next = offersPerson ? view.next : [...view.next, { title: tr('ticket.form.title'), action: { verb: 'ticket.form' } } as const];
  return card(body, next.map(nextAction), fallback.replace(/\*\*/g, ''));
}
