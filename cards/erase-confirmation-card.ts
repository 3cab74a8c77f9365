import type { PersonalDataSummary } from '../src/domain/personal-data';
import type { Translate } from '../src/messages/translator';
import { card, heading, submit, text, type AdaptiveCard } from './adaptive';

/** Asks before erasing a user's data, listing what would go. Typed "oui"/"non" answers work as well. */
export function eraseConfirmationCard(summary: PersonalDataSummary, tr: Translate): AdaptiveCard {
  const lines = summary.items.map((item) => `- ${tr(`privacy.category.${item.category}`, { count: item.count })}`);
  return card(
    [heading(tr('privacy.confirm.title')), text(tr('privacy.confirm.body')), text(lines.join('\n')), text(tr('privacy.confirm.question'))],
    [
      submit(tr('privacy.confirm.yes'), { verb: 'privacy.erase.confirm' }, 'destructive'),
      submit(tr('privacy.confirm.no'), { verb: 'privacy.erase.cancel' }),
    ],
    `${tr('privacy.confirm.title')} ${tr('privacy.confirm.question')}`,
  );
}
