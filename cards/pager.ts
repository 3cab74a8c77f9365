import type { Page } from '../src/domain/paging';
import type { Translate } from '../src/messages/translator';
import { execute, text, type ActionData, type CardActionElement, type TextBlock } from './adaptive';

/** What a card shows of where its page is: a line saying which items, and the buttons to the pages around it. */
export interface Pager {
  /** "9 à 16 sur 40"; undefined when the whole list fits on one page. */
  readonly position: TextBlock | undefined;
  readonly actions: readonly CardActionElement[];
}

/**
 * « Précédents » / « Suivants » for a page of a list: Universal Actions whose data carry the page number wanted
 * (`goTo`), so that the answer replaces the card on the clicker's screen only and nothing is posted.
 */
export function pager(page: Page<unknown>, goTo: (page: number) => ActionData, tr: Translate): Pager {
  if (page.count <= 1) return { position: undefined, actions: [] };
  return {
    position: text(tr('page.position', { from: page.first + 1, to: page.first + page.items.length, total: page.total }), { isSubtle: true, size: 'small' }),
    actions: [
      ...(page.number > 0 ? [execute(tr('page.previous'), goTo(page.number - 1))] : []),
      ...(page.number < page.count - 1 ? [execute(tr('page.next'), goTo(page.number + 1))] : []),
    ],
  };
}
