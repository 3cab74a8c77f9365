import type { Translate } from '../src/messages/translator';
import type { CardAction } from './actions';
import { card, heading, submit, text, type AdaptiveCard, type CardElement } from './adaptive';
import type { MessageKey } from '../src/messages/translator';

/** One thing the bot can do, as the help and welcome cards present it. */
export interface CapabilityView {
  readonly title: MessageKey;
  readonly description: MessageKey;
  readonly button: MessageKey;
  readonly action: CardAction;
}

export interface HelpView {
  readonly capabilities: readonly CapabilityView[];
}

export function capabilityBlocks(view: HelpView, tr: Translate): CardElement[] {
  return view.capabilities.map((capability) => ({
    type: 'Container',
    spacing: 'medium',
    items: [text(tr(capability.title), { weight: 'bolder' }), text(tr(capability.description), { isSubtle: true, spacing: 'none' })],
  }));
}

/** The help card: what the bot does, with one button to start each thing. */
export function helpCard(view: HelpView, tr: Translate): AdaptiveCard {
  const fallback = [tr('help.title'), ...view.capabilities.map((c) => `- ${tr(c.title)}`)].join('\n');
  return card(
    [heading(tr('help.title')), text(tr('help.intro')), ...capabilityBlocks(view, tr), text(tr('help.typeHint'), { isSubtle: true, size: 'small' })],
    view.capabilities.map((c) => submit(tr(c.button), c.action)),
    fallback,
  );
}
