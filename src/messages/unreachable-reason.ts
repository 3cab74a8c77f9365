import { unreachableCause, type UnreachableCause } from '../domain/reminders/unreachable';
import type { MessageKey, Translate } from './translator';

const CAUSE: Record<UnreachableCause, MessageKey> = {
  blocked: 'notice.reason.blocked',
  removed: 'notice.reason.removed',
  gone: 'notice.reason.gone',
  refused: 'notice.reason.refused',
};

/**
 * Why a conversation takes no more reminders, in the reader's words ("certibot en a été retiré"), from the
 * connector's code or certibot's own reason; a code that is none of the known causes is shown as is.
 */
export function unreachableReasonText(reason: string | undefined, tr: Translate): string {
  return tr(CAUSE[unreachableCause(reason)], { code: reason ?? '?' });
}
