import type { Translate } from '../src/messages/translator';
import { card, submit, text, type AdaptiveCard } from './adaptive';

/** "Which of these dates?" — several dates in one message, or an English date that reads two ways. */
export function datePickCard(dates: ReadonlyArray<{ readonly date: string; readonly label: string }>, question: string, tr: Translate): AdaptiveCard {
  return card(
    [text(question, { weight: 'bolder' }), text(dates.map((d, i) => `${i + 1}. ${d.label}`).join('\n')), text(tr('dates.typeHint'), { isSubtle: true, size: 'small' })],
    dates.map((d) => submit(d.label, { verb: 'dates.pick', date: d.date })),
    question,
  );
}

/** "Is this the issue date or the expiry date?" */
export function dateRoleCard(dateLabel: string, tr: Translate): AdaptiveCard {
  return card(
    [text(tr('dates.askRole', { date: dateLabel }), { weight: 'bolder' })],
    [submit(tr('dates.role.issue'), { verb: 'dates.role', role: 'issue' }), submit(tr('dates.role.expiry'), { verb: 'dates.role', role: 'expiry' })],
    tr('dates.askRole', { date: dateLabel }),
  );
}
