import type { Locale } from '../domain/locale';
import { extractEntities } from '../parsing/entities';
import { guessLanguage } from './guess-language';
import type { IntentRecognizer, Recognition } from './intents';
import type { Classification } from './intent-classifier';
import { normalizeText } from '../parsing/normalize';
import { asksToReachSomeone, RENEWAL_WORDS, saysExpiredAlready, situationOf, speaksOfExpiry } from '../parsing/situations';
import { asksToAct } from '../parsing/request-to-act';
import { DATED_INTENTS, holdsDate } from './dated-questions';
import type { PatternRecognizer } from './pattern-recognizer';
import { MAX_INPUT_CHARS } from './message-tokens';
import { asksWhen } from '../parsing/yes-no';

export interface RecognizerThresholds {
  /** Below this score the message is out of scope. */
  readonly minScore: number;
  /** When the runner-up scores at least this share of the best, the bot asks which was meant. */
  readonly ambiguityRatio: number;
  /** A help/greeting/thanks phrase pattern gives way to a question the classifier is at least this sure of. */
  readonly overrideSmallTalk: number;
}

/** Intents whose patterns are conversational phrases rather than commands: they may sit inside a question. */
const SMALL_TALK: ReadonlySet<string> = new Set(['help', 'greeting', 'thanks']);

/**
 * Calibrated with `scripts/eval-nlu.ts --all-offsets --sweep` on the five held-out splits (scores are softmax
 * probabilities over 16 intents). Below 0.35 the best in-scope intent is usually a guess: refusing it costs almost
 * no right answers, while out-of-scope detection stays above 90% on every split (the model's own 'none' class does
 * most of that work). A runner-up at 60% of the best or more means the two are genuinely close: the bot asks "did you
 * mean A or B?", which happens for about 1.5% of the held-out questions (worst split 2%), well under the 5% ceiling.
 * A help/greeting/thanks phrase pattern yields to a question the classifier is at least 70% sure of.
 */
export const DEFAULT_THRESHOLDS: RecognizerThresholds = { minScore: 0.35, ambiguityRatio: 0.6, overrideSmallTalk: 0.7 };

/** What the recognizer needs from a classifier: the best two intents for a text. */
export interface TextClassifier {
  classify(text: string, locale: Locale): Promise<[Classification, Classification | undefined]>;
}

/** Words that ask to be reminded or to register: without them, a certificate's date is a date to compute. */
const ASKS_TO_REGISTER =
  /\b(?:rappel\w*|remind\w*|previen\w*|prevenir|prevenez|alert\w*|avert\w*|notif\w*|warn\w*|enregistr\w*|register\w*|ajout\w*|add|suivre|suivi|suis|track\w*|surveill\w*|watch\w*|monitor\w*|inscri\w*)\b/;

/** « quelle source », "which source says", « d'où vient », "according to whom": a figure's source asked for. */
const ASKS_SOURCE = /\b(?:quelles? sources?|which sources?|what sources?|d ou (?:vient|viennent|sort|sortent)|where (?:does|do|did) .{1,40} come from|selon qui|selon quelle source|according to (?:whom|who|which|what)|who says|qui dit)\b/;
/** The figures of the notice (one month, 60 days) and of the validity (3 years). */
const NOTICE_FIGURE = /\b(?:60|soixante|sixty) (?:jours|days)\b|\b(?:un|1|one) (?:mois|month)\b/;
const VALIDITY_FIGURE = /\b(?:3|trois|three) (?:ans|years)\b|\b36 (?:mois|months)\b/;

/** The topic whose figure a message asks the source of, if it does (see ASKS_SOURCE). */
function asksSourceOf(normalized: string): 'kb.notice' | 'kb.validity' | undefined {
  if (!ASKS_SOURCE.test(normalized)) return undefined;
  if (NOTICE_FIGURE.test(normalized)) return 'kb.notice';
  return VALIDITY_FIGURE.test(normalized) ? 'kb.validity' : undefined;
}

/** Asking where or how to find a certificate's expiry date. */
const FINDS_EXPIRY_DATE =
  /\b(?:ou|where|comment|how)\b.{0,40}\b(?:voir|trouver|lire|savoir|connaitre|verifier|find|see|check|read|know|look up|tell)\b.{0,40}\b(?:date d expiration|date de fin|expiry date|expiration date|end date|quand (?:il |elle )?expire|when (?:it|the certificate|our certificate) expires)\b|\b(?:trouver|voir|lire|verifier|find|see|check|read) (?:la |the )?(?:date d expiration|expiry date|expiration date)\b/;

/** The ANS's notice named: « quand l'ANS envoie-t-elle le mail de renouvellement ? » stays the notice's question. */
const NOTICE_WORDS = /\b(?:mail|mails|e mail|email|courriel\w*|notif\w*|previen\w*|prevenu\w*|averti\w*|warn\w*|alert\w*|notice)\b/;
/** Asking for an address to write to: « quelle est l'adresse mail de l'ANS ? », "whats the ans email". */
const ASKS_ADDRESS =
  /\b(?:(?:quel(?:le)? est|c est quoi|what s|whats|what is|donne\w*(?: moi)?|give me|send me) (?:l |the |leur |their |son |its )?(?:(?:adresse|mail|e mail|email|courriel|contact)(?: (?:mail|e mail|email|de contact))? (?:de l |du |de la |de |of the |for the |of |for )?(?:ans|grades|equipe certificats|certificate team)|(?:ans|grades) (?:email|e mail|mail|address|adresse|contact))|adresse (?:mail |e mail |email |electronique |de contact )?(?:de l |du |de la |of the )?(?:ans|grades|equipe certificats)|(?:ans|grades) (?:email |e mail |mail )?(?:address|adresse)|contact (?:email|e mail|mail|address) (?:de l |of the |for the )?(?:ans|grades))\b/;
/** …unless the ANS's own notice is what is asked about (the address it writes from, a mail not received). */
const ABOUT_NOTICE = /\b(?:administrat\w*|generique|generic|nominati\w*|expir\w*|notif\w*|recu\w*|receive\w*|recoit|get|got|avant|before|renouvel\w*|renew\w*|noreply|envoi\w*|send\w* (?:the|a|its)|sent|indesirable\w*|spam|junk)\b/;
/** Topics a « when to renew? » question is read as by mistake: the notice, good practice, validity. */
const WHEN_TOPICS: ReadonlySet<string> = new Set(['kb.notice', 'kb.goodPractice', 'kb.validity', 'kb.renewal']);

/** Past this length a message tells a story around its question: the question and the sentence before it decide. */
const LONG_MESSAGE_CHARS = 400;
const MAX_FOCUS_QUESTIONS = 2;

/**
 * The question of a long message, with the sentence that leads to it: « … notre certificat a expiré avant-hier. Que
 * devons-nous faire ? » out of a page of context. Undefined when the message asks no question.
 */
function questionFocus(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?;\n])\s+/).filter((sentence) => sentence.trim() !== '');
  const focus: string[] = [];
  sentences.forEach((sentence, index) => {
    if (!sentence.includes('?') || focus.length >= MAX_FOCUS_QUESTIONS * 2) return;
    const before = sentences[index - 1];
    if (before && !before.includes('?')) focus.push(before);
    focus.push(sentence);
  });
  return focus.length > 0 ? focus.join(' ') : undefined;
}

/** A message that repeats the same few words over and over (a paste loop, "blabla bla…") is not a question. */
const DEGENERATE_MIN_WORDS = 40;
const DEGENERATE_MAX_DISTINCT_SHARE = 0.3;

function isDegenerate(normalized: string): boolean {
  const words = normalized.split(' ').filter(Boolean);
  if (words.length < DEGENERATE_MIN_WORDS) return false;
  return new Set(words).size / words.length < DEGENERATE_MAX_DISTINCT_SHARE;
}

/**
 * Exact commands first (language switches, yes/no, delete my data), then the bilingual classifier; help, greeting
 * and thanks phrases are matched by pattern too, but a confident question around them wins. Input is cut
 * to its first MAX_INPUT_CHARS characters before anything else reads it; a message with nothing to read (emoji
 * only, empty) is out of scope, except a lone "?" which the patterns read as a call for help.
 */
export class CompositeRecognizer implements IntentRecognizer {
  constructor(
    private readonly patterns: PatternRecognizer,
    private readonly classifier: TextClassifier,
    private readonly thresholds: RecognizerThresholds = DEFAULT_THRESHOLDS,
  ) {}

  /**
   * The classifier's best two. A long message is read by its question (with the sentence before it) when that reading
   * is confident: the context around a question — who writes, what else they plan — would otherwise outweigh it.
   */
  private async classify(text: string, language: Locale): Promise<[Classification, Classification | undefined]> {
    const focus = text.length > LONG_MESSAGE_CHARS ? questionFocus(text) : undefined;
    if (focus) {
      const asked = await this.classifier.classify(focus, language);
      if (asked[0].intent !== 'none' && asked[0].score >= this.thresholds.minScore) return asked;
    }
    return this.classifier.classify(text, language);
  }

  async recognize(input: string): Promise<Recognition> {
    const text = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
    const entities = extractEntities(text);
    const normalized = normalizeText(text);
    if (normalized === '' && !text.includes('?')) return { intent: 'none', score: 1, language: undefined, entities };
    const guessed = guessLanguage(text);
    const command = this.patterns.recognize(text);
    if (command.intent !== 'none' && !SMALL_TALK.has(command.intent)) {
      return { ...command, language: command.language ?? guessed, entities };
    }
    if (isDegenerate(normalized)) return { intent: 'none', score: 1, language: guessed, entities };
    // A situation the words name (revoked, lost key, an error code, a patient's own record…) has its own answer: the
    // nearest learnt intent would answer another question. Explicit commands and requests for a person still win.
    // Whether the message holds a date (parsing it is the costliest check here): read once, and only when asked.
    let hasDate: boolean | undefined;
    const dated = (): boolean => (hasDate ??= holdsDate(text, guessed ?? 'fr'));
    const situation = command.intent === 'none' ? situationOf(text, normalized) : undefined;
    if (situation && !asksToReachSomeone(text, normalized)) {
      // « il expire demain »: an expiry to come with its date is the timeline, which counts the days left.
      const timeline = situation.kind === 'expiring-soon' && dated();
      return { intent: timeline ? 'dates.compute' : 'kb.situation', score: 1, language: guessed, entities };
    }
    // "Send a mail to the ANS", « ouvrez-moi un ticket »: a request to act, never an answer about the people named.
    if (command.intent === 'none' && asksToAct(text, normalized)) return { intent: 'support.human', score: 1, language: guessed, entities };

    // The model is bilingual: the guessed language only says which language to answer in.
    const [best, runnerUp] = await this.classify(text, guessed ?? 'fr');
    if (command.intent !== 'none') {
      // A small-talk phrase inside a real question ("renouveler sur IGC Santé, comment ça marche ?") yields to the
      // question when the classifier is sure of it; otherwise the phrase pattern answers, as before.
      const question = !SMALL_TALK.has(best.intent) && best.intent !== 'none' && best.score >= this.thresholds.overrideSmallTalk;
      if (!question) return { ...command, language: command.language ?? guessed, entities };
    }
    const close = runnerUp && runnerUp.intent !== 'none' && runnerUp.score >= best.score * this.thresholds.ambiguityRatio ? runnerUp : undefined;
    // « le certificat expire demain », "it expires today": an expiry not said to be past, with its date, is the timeline,
    // which counts the days left — the learnt « expired » reading would tell a certificate still valid that it is too
    // late, and a few words around a date may read as nothing at all. « il a expiré hier » stays the expired answer.
    const unsure = best.intent === 'none' || best.score < this.thresholds.minScore;
    const expiryToCome = (): boolean => speaksOfExpiry(text, normalized) && !saysExpiredAlready(text, normalized);
    if ((unsure || best.intent === 'kb.expired' || close?.intent === 'kb.expired') && expiryToCome() && dated()) {
      return { intent: 'dates.compute', score: unsure ? 1 : best.score, language: guessed, entities };
    }
    // « quelle source dit 60 jours ? », "where does the 3 years come from?": a topic's own figure, asked for its source.
    const sourced = asksSourceOf(normalized);
    if (sourced && (unsure || best.intent !== sourced)) return { intent: sourced, score: 1, language: guessed, entities };
    if (unsure) {
      return { intent: 'none', score: best.intent === 'none' ? best.score : 1 - best.score, language: guessed, entities };
    }
    // "what's the ANS email?", « l'adresse mail de l'ANS ? »: an address asked for is the contacts, not the ANS's notice.
    if (best.intent !== 'kb.contacts' && (best.intent.startsWith('kb.') || best.intent === 'support.human') && ASKS_ADDRESS.test(normalized) && !ABOUT_NOTICE.test(normalized)) {
      return { intent: 'kb.contacts', score: best.score, language: guessed, entities };
    }
    // « où voir la date d'expiration ? », "how do I find our certificate's expiry date?": the dates, which ask for the date
    // or read it from the certificate file — not the answer about a certificate already expired.
    if (best.intent === 'kb.expired' && FINDS_EXPIRY_DATE.test(normalized)) {
      return { intent: 'dates.compute', score: best.score, language: guessed, entities };
    }
    // « combien de temps avant faut-il renouveler ? », "how far ahead should we start the renewal?": when to renew is the
    // renewal answer (the advised lead first), whichever neighbouring topic — the notice, good practice — the words lean to.
    if (WHEN_TOPICS.has(best.intent) && RENEWAL_WORDS.test(normalized) && !NOTICE_WORDS.test(normalized) && asksWhen(text) && !dated()) {
      return { intent: 'kb.renewal', score: best.score, language: guessed, entities };
    }
    // « certificat reçu hier, il expire quand ? »: a close call involving the dates (computing them, or a validity,
    // renewal or notice question, which a date turns into the computation) in a message that carries a date is the
    // computation — there is something to compute, and the timeline answers those readings too.
    if (close && (DATED_INTENTS.has(best.intent) || DATED_INTENTS.has(close.intent)) && dated()) {
      return { intent: 'dates.compute', score: best.score, language: guessed, entities };
    }
    // « le certificat du centre de dialyse expire dans 3 semaines »: a date said without asking to be reminded is the
    // dates to compute (the timeline offers the reminders).
    if (best.intent === 'reminders' && !close && !ASKS_TO_REGISTER.test(normalized) && dated()) {
      return { intent: 'dates.compute', score: best.score, language: guessed, entities };
    }
    const ambiguous = close ? ({ ambiguous: [best.intent, close.intent] } as const) : {};
    return { intent: best.intent, score: best.score, language: guessed, entities, ...ambiguous };
  }
}
