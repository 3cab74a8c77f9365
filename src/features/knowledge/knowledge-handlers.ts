import { answerCard } from '../../../cards/answer-card';
import { gapsCard } from '../../../cards/gaps-card';
import { displayDate, parisDate } from '../../domain/calendar';
import { sharingFrame } from '../../parsing/question-frame';
import { serviceQuestionOf, situationOf, type Situation } from '../../parsing/situations';
import { asksWhen } from '../../parsing/yes-no';
import { regionIn } from '../../parsing/regions';
import { topicVerdict } from './topic-verdicts';
import type { FeedbackDetailDialog } from '../../../dialogs/feedback-detail-dialog';
import type { SharingDialog } from '../../../dialogs/sharing-dialog';
import { mentionsDate } from '../../understanding/dated-questions';
import type { Clock } from '../../domain/clock';
import type { FeedbackRepository, UnansweredQuestionRepository } from '../../domain/feedback';
import type { KnowledgeBase, TopicId } from '../../domain/knowledge';
import { card, execute, submit, text } from '../../../cards/adaptive';
import type { Recognition } from '../../understanding/intents';
import type { KnowledgeAnswers } from './knowledge-answers';
import type { IntentHandler, IntentTable, VerbTable } from '../../conversation/router';
import { cardReply, textReply, type Reply, type Turn, type TurnOutcome } from '../../conversation/turn';

export interface KnowledgeHandlerDeps {
  readonly kb: KnowledgeBase;
  readonly answers: KnowledgeAnswers;
  readonly sharing: SharingDialog;
  /**
   * A question about renewal, validity or the notice that carries a date is answered by the renewal-dates feature;
   * « quand lancer le renouvellement ? » without one, by its advice (how many months before expiry).
   */
  readonly renewalDates: { start(turn: Turn, text: string | undefined): Promise<TurnOutcome> | TurnOutcome; readonly renewalLeadMonths: number };
  readonly feedback: FeedbackRepository;
  /** The regional GRADeS certibot is configured with (SUPPORT_GRADES): contacts follow the region named. */
  readonly grades: readonly { readonly id: string; readonly name: string; readonly email: string }[];
  /** « Non » to an answer: asks what was missing and offers a person. */
  readonly missing: Pick<FeedbackDetailDialog, 'start'>;
  readonly unanswered: UnansweredQuestionRepository;
  readonly clock: Clock;
  /** Teams or Entra ids of the support agents (gap report). */
  /** Whether a person is a support agent: a member of the team of a support channel (« support ici »). */
  readonly isSupportAgent: (userId: string) => Promise<boolean>;
}

const GAP_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

type KnowledgeIntent =
  | Extract<keyof IntentTable, `kb.${string}`>
  | 'none'
  | 'support.gaps';

/**
 * A message about the software certificates certibot knows: IGC Santé words, or a certificate that is not a medical,
 * school or training one, nor a public website's.
 */
const IGC_WORDS = /\b(?:igc|pfc|dmp|insi|mss?ante|finess|grades|esante|e-sante|certificats? logiciels?|software certificates?|certificats? (?:serveur|org|serv)|auth_cli)\b/i;
const OTHER_CERTIFICATES =
  /\b(?:m[eé]dical|medicaux|scolarit[eé]|travail|d[eé]c[eè]s|naissance|r[eé]sidence|formation|stage|training|attendance|school|birth|death|sport|vaccin\w*|site (?:web|internet|vitrine)|website|https|ssl|tls|let'?s encrypt|gandi|ovh|commercial)\b/i;
function aboutSoftwareCertificates(text: string): boolean {
  return IGC_WORDS.test(text) || (CERTIFICATE_WORD.test(text) && !OTHER_CERTIFICATES.test(text));
}

/** A message that speaks of a certificate (so that a date in it is the certificate's). */
const CERTIFICATE_WORD = /certif|\bcerts?\b|\bigc\b/i;

/** The intents answered from the knowledge base, and the verbs of answer cards. */
export function createKnowledgeHandlers(deps: KnowledgeHandlerDeps): {
  intents: Pick<IntentTable, KnowledgeIntent>;
  verbs: Pick<VerbTable, 'sharing.start' | 'sharing.structure' | 'feedback'>;
} {
  /** A question about renewal, validity or the notice that carries a date is a request to compute the dates. */
  const carriesDate = (turn: Turn) => turn.request.text !== undefined && mentionsDate(turn.request.text, turn.locale, parisDate(turn.request.now));

  // A topic's answer depends on the topic and the language only: built once each, not on every question. Cards are
  // plain data that nothing changes once built, so one copy serves every reply.
  const topicAnswers = new Map<string, Reply>();
  /** A situation's own answer card. */
  const situationReply = (situation: Situation, turn: Turn): Reply => cardReply(answerCard(deps.answers.situation(situation, turn.locale, turn.tr), turn.tr));
  /** A situation the words name (revoked, lost key, error code…): its own answer, not the nearest topic's. */
  const situated = async (turn: Turn, recognition: Recognition): Promise<TurnOutcome | undefined> => {
    const situation = situationOf(turn.request.text ?? '');
    if (!situation) return undefined;
    // What no source answers is also noted for the support team's report of unanswered questions.
    const question = turn.request.text?.trim();
    if (situation.kind === 'unsourced' && question) await deps.unanswered.record({ text: question, locale: recognition.language ?? turn.locale, at: deps.clock.now() });
    return { replies: [situationReply(situation, turn)], handledAs: `situation:${situation.kind}` };
  };

  const topic =
    (id: TopicId): IntentHandler =>
    async (turn: Turn) => {
      if ((id === 'renewal' || id === 'validity' || id === 'notice') && carriesDate(turn)) return deps.renewalDates.start(turn, turn.request.text);
      // « Le certificat est-il valable 5 ans ? »: a yes/no question opens with « Non » (or « Oui »), then the facts.
      const verdict = topicVerdict(id, turn.request.text ?? '');
      // « Quand faut-il lancer le renouvellement ? »: when to start comes first, as the timeline advises it.
      const leadMonths = id === 'renewal' && asksWhen(turn.request.text ?? '') ? deps.renewalDates.renewalLeadMonths : undefined;
      const key = `${id}:${turn.locale}:${verdict ?? ''}:${leadMonths ?? ''}`;
      let reply = topicAnswers.get(key);
      if (!reply) {
        const entry = deps.kb.topics.get(id);
        if (!entry) throw new Error(`Knowledge topic ${id} is missing.`);
        reply = cardReply(answerCard(deps.answers.topic(entry, turn.locale, turn.tr, verdict, leadMonths), turn.tr));
        topicAnswers.set(key, reply);
      }
      return { replies: [reply] };
    };

  const outOfScope = async (turn: Turn, recognition: Recognition): Promise<TurnOutcome> => {
    // « J'ai reçu le certificat aujourd'hui », "our cert was issued yesterday": a certificate and a date are dates to
    // compute, in whatever words the learnt intents did not recognise.
    if (CERTIFICATE_WORD.test(turn.request.text ?? '') && carriesDate(turn)) return deps.renewalDates.start(turn, turn.request.text);
    const question = turn.request.text?.trim();
    if (question) await deps.unanswered.record({ text: question, locale: recognition.language ?? turn.locale, at: deps.clock.now() });
    // A question about software certificates that no source answers is not "outside what I know": it is said so.
    const kind = question && aboutSoftwareCertificates(question) ? 'unsourced' : 'outOfScope';
    const reply = card(
      [text(turn.tr(`${kind}.title`), { weight: 'bolder' }), text(turn.tr(`${kind}.text`))],
      [submit(turn.tr('help.title'), { verb: 'help' }), execute(turn.tr('ticket.form.title'), { verb: 'ticket.form' })],
      turn.tr(`${kind}.text`),
    );
    return { replies: [cardReply(reply)] };
  };

  const gaps = async (turn: Turn): Promise<TurnOutcome> => {
    if (!(await deps.isSupportAgent(turn.request.userId))) {
      return { replies: [textReply(turn.tr('gaps.forbidden'))] };
    }
    const now = deps.clock.now();
    const [frequent, feedback] = await Promise.all([
      deps.unanswered.mostFrequent(new Date(now.getTime() - GAP_WINDOW_MS), 15),
      deps.feedback.summary(),
    ]);
    const view = {
      gaps: frequent.map((gap) => ({ text: gap.text, count: gap.count, lastAt: displayDate(parisDate(gap.lastAt), turn.locale) })),
      feedback,
    };
    return { replies: [cardReply(gapsCard(view, turn.tr))] };
  };

  return {
    intents: {
      'kb.sharing': (turn, recognition) => deps.sharing.start(turn, { ...recognition.entities, frame: sharingFrame(turn.request.text ?? ''), question: turn.request.text }),
      'kb.situation': async (turn, recognition) => (await situated(turn, recognition)) ?? outOfScope(turn, recognition),
      'kb.about': topic('about'),
      'kb.validity': topic('validity'),
      'kb.notice': topic('notice'),
      'kb.renewal': topic('renewal'),
      'kb.expired': topic('expired'),
      'kb.goodPractice': topic('goodPractice'),
      'kb.contacts': async (turn, recognition) => {
        // A named region gets its own GRADeS, or the honest answer when certibot does not know it.
        const region = regionIn(turn.request.text ?? '');
        if (!region) return topic('contacts')(turn, recognition);
        return { replies: [cardReply(answerCard(deps.answers.regionalContacts(region, deps.grades, turn.locale, turn.tr), turn.tr))] };
      },
      'kb.guides': topic('guides'),
      // « quel certificat pour le DMP ? », « le CN INSI_AUTO, c'est bon ? »: that service's certificate, not the whole list.
      'kb.ordering': async (turn, recognition) => {
        const question = serviceQuestionOf(turn.request.text ?? '');
        if (!question) return topic('ordering')(turn, recognition);
        return { replies: [situationReply(question, turn)] };
      },
      'support.gaps': gaps,
      none: outOfScope,
    },
    verbs: {
      'sharing.start': (turn) => deps.sharing.start(turn, {}),
      'sharing.structure': (turn, action) => deps.sharing.start(turn, { structure: action.structure }),
      feedback: async (turn, action) => {
        await deps.feedback.record({
          answerId: action.answer,
          userId: turn.request.userId,
          helpful: action.helpful,
          locale: turn.locale,
          at: deps.clock.now(),
        });
        // « Non »: what was missing, and a person at once (the next message, if it is not a new question, says what).
        return action.helpful ? { replies: [textReply(turn.tr('feedback.thanksYes'))] } : deps.missing.start(turn, action.answer);
      },
    },
  };
}
