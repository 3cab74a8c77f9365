import { EraseDataDialog } from '../../../dialogs/erase-data-dialog';
import type { Feature } from '../../conversation/feature';
import { textReply } from '../../conversation/turn';
import type { PersonalDataHolder } from '../../domain/personal-data';

/**
 * "Delete my data": lists what certibot holds about the person across every other feature's holders, asks for
 * confirmation, erases it and says what was erased.
 */
export function privacyFeature(holders: readonly PersonalDataHolder[]): Feature {
  const eraseData = new EraseDataDialog(holders);
  return {
    name: 'privacy',
    intents: { 'privacy.erase': (turn) => eraseData.start(turn) },
    verbs: {
      'privacy.erase.request': (turn) => eraseData.start(turn),
      // Reached only when no confirmation is pending (expired, already answered, or forged): erase nothing.
      'privacy.erase.confirm': (turn) => Promise.resolve({ replies: [textReply(turn.tr('privacy.expired'))] }),
      'privacy.erase.cancel': (turn) => Promise.resolve({ replies: [textReply(turn.tr('privacy.cancelled'))] }),
    },
    dialogs: [eraseData],
  };
}
