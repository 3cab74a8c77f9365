import { z } from 'zod';
import { STRUCTURE_KINDS, type StructureKind } from '../src/domain/knowledge';
import { TICKET_TOPICS } from '../src/domain/tickets/ticket';
import { CLASSIFIED_INTENTS } from '../src/understanding/intents';



/**
 * Every verb a certibot card can send back, and its ids. Card payloads are parsed with this schema at the edge;
 * anything else is refused without changing anything.
 */
/** A delivery or certificate id as the store makes them: a short, URL-safe token, never a document. */
const deliveryId = z.string().regex(/^[\w-]{1,64}$/);
/** A page of a list, 0-based; the handler shows the last one when the list has shrunk since. */
const pageNumber = z.number().int().min(0).max(10_000);
/** A Teams conversation id ("a:1…", "19:…@thread.tacv2", "29:…"): opaque, bounded, no spaces or quotes. */
const conversationId = z.string().regex(/^[\w:@.;=,-]{1,400}$/);

export const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('language.set'), locale: z.enum(['fr', 'en']) }),
  z.object({ verb: z.literal('privacy.erase.request') }),
  z.object({ verb: z.literal('privacy.erase.confirm') }),
  z.object({ verb: z.literal('privacy.erase.cancel') }),
  z.object({ verb: z.literal('sharing.start') }),
  z.object({ verb: z.literal('sharing.structure'), structure: z.enum(STRUCTURE_KINDS as unknown as [StructureKind, ...StructureKind[]]) }),
  z.object({ verb: z.literal('feedback'), answer: z.string().regex(/^[a-z][\w.-]{0,63}$/i), helpful: z.boolean() }),
  z.object({ verb: z.literal('intent.choose'), intent: z.enum(CLASSIFIED_INTENTS).exclude(['none']) }),
  z.object({ verb: z.literal('dates.start') }),
  z.object({ verb: z.literal('dates.pick'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ verb: z.literal('dates.role'), role: z.enum(['issue', 'expiry']) }),
  z.object({ verb: z.literal('register.start'), expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  z.object({
    verb: z.literal('register.submit'),
    // Present on the edit form: the certificate it changes (loaded by id, and who acts checked, by the handler).
    certificate: deliveryId.optional(),
    // The form's inputs, merged in by Teams; checked (with translated messages) by the handler.
    label: z.string().max(500).optional(),
    expiry: z.string().max(40).optional(),
    finess: z.string().max(40).optional(),
    usage: z.string().max(20).optional(),
    corridor: z.string().max(40).optional(),
    structure: z.string().max(40).optional(),
    scope: z.string().max(40).optional(),
  }),
  z.object({ verb: z.literal('register.edit'), certificate: deliveryId }),
  z.object({ verb: z.literal('register.history'), certificate: deliveryId }),
  z.object({ verb: z.literal('register.targets'), certificate: deliveryId, page: pageNumber.optional() }),
  // « Suivants / Précédents » under a conversation's « échéances ».
  z.object({ verb: z.literal('expiries.page'), page: pageNumber }),
  // « Suivants / Précédents » under « mes certificats » (the clicker's own certificates).
  z.object({ verb: z.literal('register.page'), page: pageNumber }),
  // person: the people picker's value (an Entra object id), checked by the handler.
  z.object({ verb: z.literal('register.owner.add'), certificate: deliveryId, person: z.string().max(200).optional() }),
  z.object({ verb: z.literal('register.target.remove'), certificate: deliveryId, conversation: conversationId }),
  z.object({ verb: z.literal('register.delete'), certificate: deliveryId }),
  z.object({ verb: z.literal('register.delete.confirm'), certificate: deliveryId }),
  z.object({ verb: z.literal('register.here'), certificate: deliveryId }),
  z.object({ verb: z.literal('register.settings'), certificate: deliveryId }),
  z.object({
    verb: z.literal('register.settings.save'),
    certificate: deliveryId,
    // The card's inputs, merged in by Teams; checked by the handler.
    thresholds: z.string().max(200).optional(),
    hour: z.string().max(4).optional(),
    workingDays: z.string().max(8).optional(),
    weekly: z.string().max(8).optional(),
  }),
  z.object({ verb: z.literal('reminder.ack'), delivery: deliveryId }),
  z.object({ verb: z.literal('reminder.snooze'), delivery: deliveryId, days: z.union([z.literal(1), z.literal(7)]) }),
  z.object({ verb: z.literal('reminder.renewed'), delivery: deliveryId }),
  // The new expiry date, from the date input of the question « C'est renouvelé » asks in channels (checked by the handler).
  z.object({ verb: z.literal('reminder.renewal'), delivery: deliveryId, expiry: z.string().max(40).optional() }),
  z.object({ verb: z.literal('reminder.stop'), delivery: deliveryId }),
  // Escalation. The form's inputs and the ticket card's text box are merged in by Teams; the handler checks them.
  z.object({ verb: z.literal('ticket.form'), topic: z.enum(TICKET_TOPICS).optional(), certificate: deliveryId.optional() }),
  z.object({
    verb: z.literal('ticket.submit'),
    certificate: deliveryId.optional(),
    // The form card's own id: a form sends one ticket.
    form: z.string().regex(/^[A-Za-z0-9-]{8,40}$/).optional(),
    topic: z.string().max(20).optional(),
    queue: z.string().max(40).optional(),
    urgency: z.string().max(10).optional(),
    structure: z.string().max(500).optional(),
    finess: z.string().max(40).optional(),
    description: z.string().max(8000).optional(),
    email: z.string().max(320).optional(),
  }),
  // v: the ticket version the card showed; an action on another version is decided again on the current ticket.
  ...(['ticket.take', 'ticket.release', 'ticket.reopen', 'ticket.transfer'] as const).map((verb) =>
    z.object({ verb: z.literal(verb), ticket: deliveryId, v: z.number().int().nonnegative().optional() }),
  ),
  ...(['ticket.reply', 'ticket.note', 'ticket.close'] as const).map((verb) =>
    z.object({ verb: z.literal(verb), ticket: deliveryId, v: z.number().int().nonnegative().optional(), text: z.string().max(8000).optional() }),
  ),
  z.object({ verb: z.literal('ticket.answer'), ticket: deliveryId, text: z.string().max(8000).optional() }),
  z.object({ verb: z.literal('ticket.rate'), ticket: deliveryId, score: z.number().int().min(1).max(5), text: z.string().max(2000).optional() }),
  z.object({ verb: z.literal('support.queue'), queue: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) }),
  // The export form's inputs, merged in by Teams; the handler checks them.
  z.object({ verb: z.literal('support.export'), from: z.string().max(40).optional(), to: z.string().max(40).optional(), state: z.string().max(10).optional() }),
  // A client asking for its user's own view of a reminder card (Universal Actions refresh): it changes nothing.
  z.object({ verb: z.literal('reminder.view'), delivery: deliveryId }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
export type CardVerb = CardAction['verb'];

/** A card button's data for `action`, typed so a card cannot send a verb the bot does not know. */
export function actionData(action: CardAction): CardAction {
  return action;
}
