import type { TopicId } from '../../domain/knowledge';
import { NOTICE_DAYS_FAQ, NOTICE_MONTHS_SHEET, VALIDITY_YEARS } from '../../domain/renewal';
import { normalizeText } from '../../parsing/normalize';
import { durationIn, isClosedQuestion } from '../../parsing/yes-no';

/** How a topic's answer opens when the question was a yes/no one: yes, no, or "it depends on the source". */
export type Verdict = 'yes' | 'no' | 'sources-differ';

const NEVER_ENDS = /\b(?:a vie|illimite\w*|permanent\w*|definiti\w*|n expire jamais|expire jamais|forever|unlimited|never expires?|for life|lifetime)\b/;
const AUTOMATIC = /\bautomati\w*|\btacite\w*|\btacitly\b|\bby itself\b|\btout seul\b/;
const RENEW = /\b(?:renouvel\w*|renew\w*|reactiv\w*|prolong\w*|extend\w*|rallong\w*)\b/;
const NEW_ORDER = /\b(?:nouveau|nouvelle|new|commander|recommander|order|reorder)\b/;
/**
 * « c'est normal ? », "is that expected?", « c'est grave ? »: asked about the person's own case, not about a topic's
 * fact — a « Oui » or a « Non » would answer a question they did not ask. Nor is « on n'a jamais reçu le mail »
 * asking whether the ANS sends one.
 */
const ABOUT_OWN_CASE =
  /\b(?:normal\w*|expected|usual|grave|graves|serieux|serious|bad|dangerous|dangereux|risque\w*|risky|pas (?:encore )?recu\w*|jamais recu\w*|rien recu|n (?:avons|ai|a|ont) (?:pas|jamais|rien) recu\w*|never (?:got|received|had)|didn t (?:get|receive)|did not (?:get|receive)|haven t (?:got|received|had)|have not (?:got|received|had)|not received)\b/;
/** « peux-tu le renouveler à ma place ? », "can you renew it for me?": asking certibot to renew — it cannot. */
const FOR_ME =
  /\b(?:a ma place|a notre place|pour moi|pour nous|for me|for us|on my behalf|on our behalf|(?:peux|pouvez|peut|can|could) (?:tu |vous |certibot |you |certibot )?(?:le |la |les |it |them )?(?:renouvel\w*|renew\w*))\b/;
const WARNS = /\b(?:previen\w*|prevenir|averti\w*|envoi\w*|envoy\w*|mail\w*|e-mail\w*|notifi\w*|alert\w*|warn\w*|send\w*|sent|email\w*|remind\w*|rappel\w*)\b/;

/**
 * The verdict a topic's facts give to a yes/no question, when its words say which claim is asked about; undefined
 * when they do not (the answer then opens with the facts themselves). The facts are renewal.ts's constants.
 */
export function topicVerdict(topic: TopicId, question: string): Verdict | undefined {
  if (!isClosedQuestion(question)) return undefined;
  const words = normalizeText(question);
  if (ABOUT_OWN_CASE.test(words)) return undefined;
  const duration = durationIn(question);
  switch (topic) {
    case 'validity': {
      if (NEVER_ENDS.test(words)) return 'no';
      if (!duration) return undefined;
      const months = duration.unit === 'year' ? duration.amount * 12 : duration.unit === 'month' ? duration.amount : undefined;
      return months === VALIDITY_YEARS * 12 ? 'yes' : 'no';
    }
    case 'renewal':
      return AUTOMATIC.test(words) || FOR_ME.test(words) ? 'no' : undefined;
    case 'expired':
      if (RENEW.test(words)) return 'no';
      return NEW_ORDER.test(words) ? 'yes' : undefined;
    case 'notice': {
      if (duration) {
        const days = duration.unit === 'day' ? duration.amount : duration.unit === 'week' ? duration.amount * 7 : duration.unit === 'month' ? duration.amount * 30 : undefined;
        // One month (the sheet) or 60 days (the ANS FAQ): each is one source's word against the other's.
        if (days !== undefined && (Math.abs(days - NOTICE_MONTHS_SHEET * 30) <= 1 || days === NOTICE_DAYS_FAQ)) return 'sources-differ';
        return 'no';
      }
      return WARNS.test(words) ? 'yes' : undefined;
    }
    default:
      return undefined;
  }
}
