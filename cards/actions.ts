import { z } from 'zod';
import { STRUCTURE_KINDS, type StructureKind } from '../src/domain/knowledge';

/** Intents a "did you mean…?" card may offer: the classified ones that answer a question. */
export const CHOOSABLE_INTENTS = [
  'kb.sharing',
  'kb.validity',
  'kb.notice',
  'kb.renewal',
  'kb.expired',
  'kb.goodPractice',
  'kb.contacts',
  'kb.guides',
  'kb.ordering',
  'dates.compute',
  'reminders',
  'support.human',
  'greeting',
  'help',
  'thanks',
] as const;

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
  z.object({ verb: z.literal('sharing.start') }),
  z.object({ verb: z.literal('sharing.structure'), structure: z.enum(STRUCTURE_KINDS as unknown as [StructureKind, ...StructureKind[]]) }),
  z.object({ verb: z.literal('feedback'), answer: z.string().regex(/^[a-z][\w.-]{0,63}$/i), helpful: z.boolean() }),
  z.object({ verb: z.literal('intent.choose'), intent: z.enum(CHOOSABLE_INTENTS) }),
  z.object({ verb: z.literal('dates.start') }),
  z.object({ verb: z.literal('dates.pick'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ verb: z.literal('dates.role'), role: z.enum(['issue', 'expiry']) }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
export type CardVerb = CardAction['verb'];

/** A card button's data for `action`, typed so a card cannot send a verb the bot does not know. */
export function actionData(action: CardAction): CardAction {
  return action;
}
