import type { Translate } from '../src/messages/translator';
import { text, type TextBlock } from './adaptive';

/**
 * "Expire le 15 mars 2027 (dans 109 jours)" or "Expiré depuis le …", coloured by how soon: the line a list of
 * certificates shows under each name.
 */
export function expiryStatus(line: { readonly expiry: string; readonly daysLeft: number }, tr: Translate, options: Pick<TextBlock, 'spacing'> = {}): TextBlock {
  const expired = line.daysLeft < 0;
  return text(expired ? tr('list.expired', { expiry: line.expiry, days: -line.daysLeft }) : tr('list.expires', { expiry: line.expiry, days: line.daysLeft }), {
    color: expired ? 'attention' : line.daysLeft <= 30 ? 'warning' : 'default',
    ...options,
  });
}
