import { z } from 'zod';

/**
 * Every verb a certibot card can send back, and its ids. Card payloads are parsed with this schema at the edge;
 * anything else is refused without changing anything.
 */
export const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('language.set'), locale: z.enum(['fr', 'en']) }),
  z.object({ verb: z.literal('privacy.erase.request') }),
  z.object({ verb: z.literal('privacy.erase.confirm') }),
  z.object({ verb: z.literal('privacy.erase.cancel') }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
export type CardVerb = CardAction['verb'];

/** A card button's data for `action`, typed so a card cannot send a verb the bot does not know. */
export function actionData(action: CardAction): CardAction {
  return action;
}
