import type { Page } from '../src/domain/paging';
import type { Translate } from '../src/messages/translator';
import { card, execute, heading, text, type AdaptiveCard, type CardElement } from './adaptive';
import { pager } from './pager';

/** One place a certificate's reminders go, already in the reader's words. */
export interface DestinationLine {
  readonly conversationId: string;
  /** "Votre conversation avec certibot", "Un canal Teams"… */
  readonly text: string;
  /** Why it cannot be reached at the moment, in words; undefined when it can. */
  readonly unreachable: string | undefined;
}

export interface DestinationsView {
  readonly certificateId: string;
  readonly label: string;
  /** The page shown (see DESTINATIONS_PER_PAGE). */
  readonly destinations: Page<DestinationLine>;
}

/** Destinations a page. */
export const DESTINATIONS_PER_PAGE = 10;

/**
 * Where a certificate's reminders go and who answers for it: each destination with "remove" (not the last one), and
 * a Teams people picker to add a co-owner, who gets the reminders in their own chat and may manage the certificate.
 */
export function destinationsCard(view: DestinationsView, tr: Translate): AdaptiveCard {
  const only = view.destinations.total <= 1;
  const pages = pager(view.destinations, (page) => ({ verb: 'register.targets', certificate: view.certificateId, page }), tr);
  const lines: CardElement[] = view.destinations.items.map((line) => ({
    type: 'Container',
    separator: true,
    items: [
      text(line.text),
      ...(line.unreachable ? [text(tr('targets.unreachable', { reason: line.unreachable }), { color: 'attention', size: 'small', spacing: 'none' })] : []),
      ...(only
        ? []
        : [{ type: 'ActionSet' as const, actions: [execute(tr('targets.remove'), { verb: 'register.target.remove', certificate: view.certificateId, conversation: line.conversationId }, 'destructive')] }]),
    ],
  }));
  return card(
    [
      heading(tr('targets.title', { label: view.label })),
      text(tr('targets.intro')),
      ...lines,
      ...(pages.position ? [pages.position] : []),
      ...(pages.actions.length > 0 ? [{ type: 'ActionSet' as const, actions: pages.actions }] : []),
      text(tr('targets.addTitle'), { weight: 'bolder', separator: true }),
      text(tr('targets.addHint'), { isSubtle: true, size: 'small', spacing: 'none' }),
      {
        type: 'Input.ChoiceSet',
        id: 'person',
        label: tr('targets.person'),
        placeholder: tr('targets.personPlaceholder'),
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        isMultiSelect: false,
      },
      { type: 'ActionSet', actions: [execute(tr('targets.add'), { verb: 'register.owner.add', certificate: view.certificateId }, 'positive')] },
      text(tr('targets.channelHint'), { isSubtle: true, size: 'small' }),
    ],
    [],
    tr('targets.title', { label: view.label }),
  );
}
