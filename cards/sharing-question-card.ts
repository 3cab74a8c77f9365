import type { StructureKind } from '../src/domain/knowledge';
import type { Translate } from '../src/messages/translator';
import { card, heading, submit, text, type AdaptiveCard } from './adaptive';

/** Asks the one thing the sharing rules need and the message did not say: the kind of structure. */
export function sharingQuestionCard(structures: readonly StructureKind[], tr: Translate): AdaptiveCard {
  return card(
    [heading(tr('sharing.question.title')), text(tr('sharing.question.structure'))],
    structures.map((structure) => submit(tr(`sharing.structure.${structure}`), { verb: 'sharing.structure', structure })),
    tr('sharing.question.structure'),
  );
}
