import type { Translate } from '../src/messages/translator';
import { card, heading, submit, text, type AdaptiveCard } from './adaptive';
import { capabilityBlocks, type HelpView } from './help-card';

export interface WelcomeView extends HelpView {
  /** A team or group chat gets a word on mentioning the bot; a personal chat an invitation to write. */
  readonly scope: 'personal' | 'team';
}

/** The card sent when certibot is installed in a personal chat, a team or a group chat. */
export function welcomeCard(view: WelcomeView, tr: Translate): AdaptiveCard {
  return card(
    [
      heading(tr('welcome.title')),
      text(tr('welcome.intro')),
      text(tr(view.scope === 'team' ? 'welcome.team' : 'welcome.personal')),
      ...capabilityBlocks(view, tr),
      text(tr('welcome.languageHint'), { isSubtle: true, size: 'small' }),
    ],
    [submit(tr('help.title'), { verb: 'help' }), ...view.capabilities.map((c) => submit(tr(c.button), c.action))],
    `${tr('welcome.title')}. ${tr('welcome.intro')}`,
  );
}
