import type { Translate } from '../src/messages/translator';
import type { ChoosableIntent } from '../src/understanding/intents';
import { card, submit, text, type AdaptiveCard } from './adaptive';


/** "Did you mean A or B?" when two intents are close. Typing 1 or 2 works too. */
export function disambiguationCard(options: readonly ChoosableIntent[], tr: Translate): AdaptiveCard {
  return card(
    [
      text(tr('ambiguous.question'), { weight: 'bolder' }),
      text(options.map((intent, index) => `${index + 1}. ${tr(`intent.${intent}`)}`).join('\n')),
      text(tr('ambiguous.hint'), { isSubtle: true, size: 'small' }),
    ],
    options.map((intent) => submit(tr(`intent.${intent}`), { verb: 'intent.choose', intent })),
    tr('ambiguous.question'),
  );
}
