import type { Page } from '../src/domain/paging';
import type { Translate } from '../src/messages/translator';
import { card, heading, text, userText, type AdaptiveCard, type CardElement } from './adaptive';
import { expiryStatus } from './expiry-status';
import { pager } from './pager';

/** A certificate reminded in the conversation, in the reader's words. */
export interface ExpiryLine {
  readonly label: string;
  /** "15 mars 2027". */
  readonly expiry: string;
  /** Days from today to the expiry; negative once expired. */
  readonly daysLeft: number;
  /** The next reminder here, "15 décembre 2026"; undefined when none is planned. */
  readonly nextReminder: string | undefined;
}

export interface ExpiriesView {
  /** Soonest expiry first, a page at a time (see EXPIRIES_PER_PAGE). */
  readonly expiries: Page<ExpiryLine>;
}

/** Lines a page: a line is small (no buttons), but a team may follow many certificates. */
export const EXPIRIES_PER_PAGE = 15;

/**
 * « Échéances »: the certificates whose reminders come to this conversation, soonest expiry first, with when the next
 * reminder comes here. It shows and changes nothing else: managing a certificate is its owners' « mes certificats ».
 */
export function expiriesCard(view: ExpiriesView, tr: Translate): AdaptiveCard {
  if (view.expiries.total === 0) return card([heading(tr('expiries.title')), text(tr('expiries.empty'))], [], tr('expiries.empty'));
  const pages = pager(view.expiries, (page) => ({ verb: 'expiries.page', page }), tr);
  const lines: CardElement[] = view.expiries.items.map((line) => ({
    type: 'Container',
    separator: true,
    items: [
      userText(line.label, { weight: 'bolder' }),
      expiryStatus(line, tr, { spacing: 'none' }),
      text(line.nextReminder ? tr('expiries.next', { date: line.nextReminder }) : tr('expiries.noNext'), { isSubtle: true, spacing: 'none' }),
    ],
  }));
  return card(
    [heading(tr('expiries.title')), ...lines, ...(pages.position ? [pages.position] : []), text(tr('expiries.manage'), { isSubtle: true, size: 'small' })],
    pages.actions,
    tr('expiries.title'),
  );
}
