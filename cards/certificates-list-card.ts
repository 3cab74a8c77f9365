import type { Page } from '../src/domain/paging';
import type { Translate } from '../src/messages/translator';
import { card, execute, heading, submit, text, userText, type AdaptiveCard, type CardElement } from './adaptive';
import { expiryStatus } from './expiry-status';
import { pager } from './pager';

/** One certificate of the list, already in the reader's words. */
export interface CertificateLine {
  readonly id: string;
  readonly label: string;
  readonly expiry: string;
  readonly daysLeft: number;
  /** "15 décembre 2026", or undefined when nothing is planned (stopped, or all sent). */
  readonly nextReminder: string | undefined;
  /** What became of the last reminder, in words ("envoyé le …, pris en compte"). */
  readonly lastReminder: string | undefined;
  readonly targets: number;
}

export interface CertificatesListView {
  /** The page shown: a long register is paged (see CERTIFICATES_PER_PAGE). */
  readonly certificates: Page<CertificateLine>;
  /** In a channel or group chat: offer to add reminders here. */
  readonly offerHere: boolean;
}

/** Certificates a page: each line weighs up to about 2.5 KB of card with a long name, its buttons and their fallbacks. */
export const CERTIFICATES_PER_PAGE = 8;

/** "Mes certificats": each certificate with its status, next reminder and what became of the last one, a page at a time. */
export function certificatesListCard(view: CertificatesListView, tr: Translate): AdaptiveCard {
  if (view.certificates.total === 0) {
    return card([heading(tr('list.title')), text(tr('list.empty'))], [submit(tr('list.add'), { verb: 'register.start' })], tr('list.empty'));
  }
  const pages = pager(view.certificates, (page) => ({ verb: 'register.page', page }), tr);
  const blocks: CardElement[] = view.certificates.items.map((line) => ({
    type: 'Container',
    separator: true,
    items: [
      userText(line.label, { weight: 'bolder' }),
      expiryStatus(line, tr),
      text(line.nextReminder ? tr('list.next', { date: line.nextReminder, targets: line.targets }) : tr('list.noNext'), { isSubtle: true, spacing: 'none' }),
      ...(line.lastReminder ? [text(line.lastReminder, { isSubtle: true, spacing: 'none' })] : []),
      {
        type: 'ActionSet',
        actions: [
          // Universal Actions: in a channel, a refusal (not an owner) is told to the clicker alone.
          ...(view.offerHere ? [execute(tr('list.here'), { verb: 'register.here', certificate: line.id })] : []),
          execute(tr('list.history'), { verb: 'register.history', certificate: line.id }),
          execute(tr('register.list.edit'), { verb: 'register.edit', certificate: line.id }),
          execute(tr('list.settings'), { verb: 'register.settings', certificate: line.id }),
          execute(tr('list.delete'), { verb: 'register.delete', certificate: line.id }, 'destructive'),
        ],
      },
    ],
  }));
  return card(
    [heading(tr('list.title')), ...blocks, ...(pages.position ? [pages.position] : [])],
    [...pages.actions, submit(tr('list.add'), { verb: 'register.start' })],
    tr('list.title'),
  );
}
