import { normalizeText } from './normalize';

/**
 * "Send a mail to the ANS", « ouvrez-moi un ticket », "put me through to the GRADeS": a request that certibot act
 * towards people — a support request — and not a question about them (« comment contacter l'ANS ? »). Read from the
 * shape of the sentence: a request opener (or the verb first, as an order) and an acting verb, with the people or the
 * ticket it is about. "Send me the guide" is not one: what is sent goes to the asker.
 */
const OPENER_FR = String.raw`(?:^|\b(?:svp|stp|merci de|pouvez vous|pourriez vous|peux tu|pourrais tu|vous pouvez|tu peux|je (?:veux|voudrais|souhaite|souhaiterais) que (?:vous|tu)|j aimerais que (?:vous|tu))\s+)(?:bien vouloir\s+)?`;
const VERB_FR = String.raw`(?:envoie[rsz]?|envoyez|envoyer|ecri[st]|ecrivez|ecrire|contacte[rsz]?|transmet[s]?|transmettez|transmettre|fai[st] suivre|faites suivre|faire suivre|signale[rsz]?|previen[s]?|prevenez|prevenir|alerte[rsz]?|remonte[rsz]?|escalade[rsz]?)(?! (?:moi|nous)\b)`;
const THROUGH_FR = String.raw`(?:ouvre[sz]?|ouvrir|cree[rsz]?)|(?:mets|mettez|mettre) (?:moi|nous) en (?:relation|contact)|(?:me|nous) mettre en (?:relation|contact)|passe[sz]? (?:moi|nous)|met en relation`;
const OPENER_EN = String.raw`(?:^|\b(?:please|pls|can you|could you|would you|will you|i want you to|i d like you to|i would like you to)\s+)(?:please\s+)?`;
/** Followed by whom or what: « contact GRADeS ? » is the noun, "contact the GRADeS" the verb. */
const VERB_EN = String.raw`(?:send|email|e mail|mail|write(?: to)?|contact|forward|open|create|raise|file|escalate|notify|alert)(?= (?:the|a|an|our|my|this|it|them|someone|somebody|support)\b)`;
const THROUGH_EN = String.raw`(?:put|connect|get|patch) (?:me|us) (?:through|in touch|to|with)`;
const PEOPLE = String.raw`\b(?:ans|grades|support|equipe|team|conseiller|advisor|quelqu un|someone|personne|person|humain|human|ticket|demande|request|case)\b`;

const REQUEST = new RegExp(
  String.raw`${OPENER_FR}(?:${VERB_FR}|${THROUGH_FR})\b.*${PEOPLE}|${OPENER_EN}(?:${VERB_EN}|${THROUGH_EN})\b.*${PEOPLE}|\b(?:ouvrir|creer|deposer|faire) (?:un |une )?(?:ticket|demande d (?:assistance|aide|support))\b|\b(?:open|create|raise|file|log) (?:a |an )?(?:support )?(?:ticket|request|case)\b`,
);

/** Where the reminders go (« préviens l'équipe dans ce canal ») is the register's business, not a support request. */
const REMINDERS = /\b(?:rappels?|reminders?|canal|channel)\b/;

/** `words`: the text already normalized, when the caller has it. */
export function asksToAct(text: string, words = normalizeText(text)): boolean {
  // « peux-tu », « ouvrez-moi »: the normalizer keeps hyphens, the sentence shape is read without them.
  const plain = words.replace(/-/g, ' ');
  return REQUEST.test(plain) && !REMINDERS.test(plain);
}
