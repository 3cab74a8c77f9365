import type { AnswerView, NextButton } from '../../../cards/answer-card';
import { displayDate } from '../../domain/calendar';
import type { KnowledgeBase, LocalizedText, NextStep, Topic } from '../../domain/knowledge';
import type { SharingFrame } from '../../parsing/question-frame';
import type { Situation } from '../../parsing/situations';
import type { Region } from '../../parsing/regions';
import type { Locale } from '../../domain/locale';
import type { SharingDecision } from '../../domain/sharing-eligibility';
import type { MessageKey, Translate } from '../../messages/translator';
import type { Verdict } from './topic-verdicts';

/** The ANS certificate team and the sheet's GRADeS: where "ask the ANS" buttons write to. */
export const ANS_SUPPORT_EMAIL = 'ans-certificats@esante.gouv.fr';
export const GRADES_EMAIL = 'acssi@esante-occitanie.fr';

/** A mailto: link with its subject and a body the person can edit before sending (plain text: never escaped). */
function mailto(address: string, subject: string, body?: string): string {
  return `mailto:${address}?subject=${encodeURIComponent(subject)}${body ? `&body=${encodeURIComponent(body)}` : ''}`;
}

/** The body of a message to the ANS about a sharing question: the question asked, and the situation as known. */
function sharingMail(tr: Translate, question: string | undefined, situation: string): string {
  return tr.plain('mail.sharing.body', { question: question?.trim() || '—', situation });
}

/**
 * The situations answered by their own title and short text (« situation.<kind>.title / .short »): the sources that
 * back them, the detail that follows, and the next steps when they are not the support offer.
 */
const SITUATION_ANSWERS: Readonly<
  Record<Exclude<Situation['kind'], 'error-code' | 'unsourced' | 'service-kind' | 'insi-cn'>, { readonly sources: readonly string[]; readonly detail?: MessageKey; readonly next?: readonly NextStep[] }>
> = {
  revoked: { sources: ['arrete-2022'], detail: 'situation.revoked.detail' },
  'key-compromised': { sources: ['fiche', 'arrete-2022'], detail: 'situation.key-compromised.detail' },
  'one-solution': { sources: ['fiche'] },
  patient: { sources: [], detail: 'situation.patient.detail', next: [] },
  'two-services': { sources: ['esante-demande'] },
  'service-failing': { sources: ['faq-ans', 'esante-demande'], detail: 'situation.service-failing.detail', next: ['dates', 'support'] },
  renamed: { sources: ['fiche'] },
  'vendor-change': { sources: ['fiche'] },
  'expiring-soon': { sources: ['fiche', 'faq-ans'], detail: 'situation.expiring-soon.detail', next: ['dates', 'reminder', 'support'] },
  'finess-change': { sources: ['fiche'] },
  'private-key-file': { sources: [], next: ['dates', 'reminder'] },
  merger: { sources: ['guide-segur-hopital-2023', 'fiche'] },
  'early-renewal': { sources: ['fiche', 'faq-ans'], next: ['dates', 'reminder', 'support'] },
  'finess-levels': { sources: ['snds-finess', 'fiche'], next: ['sharing', 'support'] },
};

/** Next steps the bot can start today; the others (dates, reminders) appear once they exist. */
export type AvailableSteps = ReadonlySet<NextStep>;

/** Turns knowledge-base entries into answer views, in the reader's language, with their sources named. */
export class KnowledgeAnswers {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly available: AvailableSteps,
  ) {}

  private sourceTitles(ids: readonly string[], locale: Locale): string[] {
    return ids.map((id) => this.kb.sources.get(id)?.title[locale] ?? id);
  }

  private nextButtons(steps: readonly NextStep[], tr: Translate, _subject: string): NextButton[] {
    const buttons: NextButton[] = [];
    for (const step of steps) {
      if (!this.available.has(step)) continue;
      // A person, through a support request worked by the support team and relayed here.
      if (step === 'support') buttons.push({ title: tr('ticket.form.title'), action: { verb: 'ticket.form' } });
      if (step === 'sharing') buttons.push({ title: tr('next.sharing'), action: { verb: 'sharing.start' } });
      if (step === 'dates') buttons.push({ title: tr('next.dates'), action: { verb: 'dates.start' } });
      if (step === 'reminder') buttons.push({ title: tr('next.reminder'), action: { verb: 'register.start' } });
    }
    return buttons;
  }

  /** How old a source is, for the reader: its publication date, or what its dating says. */
  private datingOf(id: string, locale: Locale): { dated?: string } {
    const source = this.kb.sources.get(id);
    if (source?.published) return { dated: source.published };
    return source?.dating ? { dated: source.dating.text[locale] } : {};
  }

  /** Of sources that disagree, the newest — by publication date, else by what is known of their age. */
  private newestOf(ids: readonly string[], locale: Locale): { newest?: string } {
    const ages = ids.map((id) => ({ id, order: this.kb.sources.get(id)?.published ?? this.kb.sources.get(id)?.dating?.order }));
    if (ages.length < 2 || ages.some((age) => age.order === undefined)) return {};
    const [newest, next] = [...ages].sort((a, b) => ((b.order ?? '') < (a.order ?? '') ? -1 : 1));
    if (!newest || newest.order === next?.order) return {};
    return { newest: this.sourceTitles([newest.id], locale)[0] ?? newest.id };
  }

  /**
   * `verdict`: the question was a yes/no one that the topic's facts settle — the answer opens with it. `leadMonths`:
   * it asked when to start renewing — the answer opens with the advice, in months before expiry.
   */
  topic(topic: Topic, locale: Locale, tr: Translate, verdict?: Verdict, leadMonths?: number): AnswerView {
    const pick = (text: LocalizedText) => text[locale];
    const opening = [verdict ? tr(`answer.verdict.${verdict}`) : '', leadMonths ? tr('answer.renewal.when', { months: leadMonths }) : ''].filter(Boolean);
    return {
      answerId: `topic.${topic.id}`,
      short: [...opening, pick(topic.short)].join(' '),
      details: topic.details.map(pick),
      conflicts: topic.conflicts.map((c) => ({ claim: pick(c.claim), source: this.sourceTitles([c.source], locale)[0] ?? c.source, ...this.datingOf(c.source, locale) })),
      ...this.newestOf(topic.conflicts.map((c) => c.source), locale),
      ...(topic.conflictAdvice ? { conflictAdvice: pick(topic.conflictAdvice) } : {}),
      sources: this.sourceTitles(topic.sources, locale),
      next: this.nextButtons(topic.next, tr, 'certibot'),
    };
  }

  /**
   * A situation with its own answer (revoked, lost key, error code, one certificate for two solutions, a patient's own
   * record, a renamed structure, a new vendor): the rule that applies and its source, or — where the sources say
   * nothing — that they do not, with the support offer.
   */
  situation(situation: Situation, locale: Locale, tr: Translate): AnswerView {
    const support = this.nextButtons(['support'], tr, 'certibot');
    switch (situation.kind) {
      case 'error-code': {
        const known = situation.code === 'DESIR_560';
        return {
          answerId: known ? 'situation.error-code.DESIR_560' : 'situation.error-code.unknown',
          title: tr('situation.error-code.title', { code: situation.code }),
          short: known ? tr('situation.error-code.DESIR_560') : tr('situation.error-code.unknown', { code: situation.code }),
          details: [],
          conflicts: [],
          sources: known ? this.sourceTitles(['esante-demande'], locale) : [],
          next: support,
        };
      }
      case 'service-kind': {
        // A kind named is checked against the facts: ORG for the DMP, SERV for MSSanté; INSi's is described only.
        const right = situation.service === 'dmp' ? 'org' : situation.service === 'mssante' ? 'serv' : undefined;
        const verdict = situation.named && right ? tr(situation.named === right ? 'answer.verdict.yes' : 'answer.verdict.no') : '';
        return {
          answerId: `situation.service-kind.${situation.service}`,
          title: tr('situation.service-kind.title', { service: tr.plain(`situation.service-kind.name.${situation.service}`) }),
          short: [verdict, tr(`situation.service-kind.${situation.service}`)].filter(Boolean).join(' '),
          details: [tr('situation.service-kind.order')],
          conflicts: [],
          sources: this.sourceTitles(['esante-demande', 'arrete-2022'], locale),
          next: support,
        };
      }
      case 'insi-cn':
        return {
          answerId: `situation.insi-cn.${situation.exact ? 'exact' : 'wrong'}`,
          title: tr('situation.insi-cn.title'),
          short: tr(situation.exact ? 'situation.insi-cn.exact' : 'situation.insi-cn.wrong', { cn: situation.cn }),
          details: [],
          conflicts: [],
          sources: this.sourceTitles(['esante-demande'], locale),
          next: support,
        };
      case 'unsourced':
        // Neither the sheet nor the brief says: no guess, and a person offered.
        return {
          answerId: `situation.unsourced.${situation.subject}`,
          title: tr('unsourced.title'),
          short: tr(`situation.unsourced.${situation.subject}`),
          details: [],
          conflicts: [],
          sources: [],
          next: support,
        };
      default: {
        const { sources, detail, next } = SITUATION_ANSWERS[situation.kind];
        return {
          answerId: `situation.${situation.kind}`,
          title: tr(`situation.${situation.kind}.title`),
          short: tr(`situation.${situation.kind}.short`),
          details: detail ? [tr(detail)] : [],
          conflicts: [],
          sources: this.sourceTitles(sources, locale),
          next: next ? this.nextButtons(next, tr, 'certibot') : support,
        };
      }
    }
  }

  /**
   * « Qui contacter ? » from a named region: its GRADeS as certibot is configured (SUPPORT_GRADES: the organisation's own
   * queues), else as a source gives it (the knowledge base's regional contacts), else the honest answer — the ANS, and
   * that each region has its own GRADeS — never another region's address.
   */
  regionalContacts(region: Region, grades: readonly { readonly id: string; readonly name: string; readonly email: string }[], locale: Locale, tr: Translate): AnswerView {
    const sourced = this.kb.regionalContacts.find((contact) => contact.region === region.id);
    const known = grades.find((queue) => queue.id === region.id) ?? sourced;
    return {
      answerId: `contacts.${known ? 'region' : 'unknown-region'}`,
      title: tr('contacts.region.title', { region: region.name }),
      short: known
        ? tr('contacts.region.known', { region: region.name, grades: known.name, email: known.email, ans: ANS_SUPPORT_EMAIL })
        : tr('contacts.region.unknown', { region: region.name, ans: ANS_SUPPORT_EMAIL }),
      details: [],
      conflicts: [],
      sources: this.sourceTitles(sourced?.sources ?? ['fiche'], locale),
      next: this.nextButtons(['support'], tr, 'certibot'),
    };
  }

  /** A kind of structure the sheet does not speak of: say so, and offer the ANS. */
  unknownStructure(label: string, locale: Locale, tr: Translate, question?: string): AnswerView {
    return {
      answerId: 'sharing.unknown-structure',
      title: tr('sharing.title'),
      short: tr('sharing.unknownStructure', { label }),
      details: [],
      conflicts: [],
      sources: this.sourceTitles(['fiche'], locale),
      next: [{ title: tr('sharing.askAns'), url: mailto(ANS_SUPPORT_EMAIL, tr.plain('sharing.title'), sharingMail(tr, question, label)) }],
    };
  }

  /** The answer to "can I share one certificate across sites?" once a rule, or no rule, applies. */
  sharing(
    decision: Exclude<SharingDecision, { kind: 'needs-structure' }>,
    sites: number | 'several' | undefined,
    frame: SharingFrame,
    today: string,
    locale: Locale,
    tr: Translate,
    question?: string,
  ): AnswerView {
    const known =
      decision.kind === 'uncovered'
        ? `${tr.plain(`sharing.structure.${decision.structure}`)}${decision.corridor ? `, ${tr.plain(`sharing.corridor.${decision.corridor}`)}` : ''}`
        : tr.plain(`sharing.structure.${decision.rule.structure}`);
    const sitesText = sites === undefined ? '' : sites === 'several' ? tr.plain('sharing.sitesSeveral') : tr.plain('sharing.sites', { count: sites });
    const ask = { title: tr('sharing.askAns'), url: mailto(ANS_SUPPORT_EMAIL, tr.plain('sharing.title'), sharingMail(tr, question, `${known}${sitesText}`)) };
    if (decision.kind === 'uncovered') {
      const corridor = decision.corridor ? tr(`sharing.corridor.${decision.corridor}`) : '—';
      return {
        answerId: 'sharing.uncovered',
        title: tr('sharing.title'),
        short: tr('sharing.uncovered', { structure: tr(`sharing.structure.${decision.structure}`), corridor }),
        details: [],
        conflicts: [],
        sources: this.sourceTitles(['fiche'], locale),
        next: [ask],
      };
    }
    const { rule, verdict } = decision;
    const situation = tr('sharing.situation', { structure: tr(`sharing.structure.${rule.structure}`), sites: sitesText });
    // The first line answers the question as it was asked: « Non, ce n'est pas obligatoire » to "must each site have
    // its own?" where one certificate may serve them all, never a bare « Oui » that the rule then contradicts.
    const ruling = verdict === 'allowed' ? 'allowed' : rule.structure === 'multi-entity-group' ? 'forbiddenGroup' : 'forbidden';
    const verdictText =
      verdict === 'outdated' ? tr('sharing.verdict.outdated', { label: rule.validUntil?.label[locale] ?? '' }) : tr(`sharing.verdict.${ruling}.${frame}`);
    const details = [rule.text[locale]];
    if (decision.singleSite) details.unshift(tr('sharing.singleSite'));
    if (verdict === 'outdated' && rule.afterExpiry) details.push(rule.afterExpiry.text[locale]);
    const sources = [...rule.sources, ...(verdict === 'outdated' && rule.afterExpiry ? rule.afterExpiry.sources : [])];
    return {
      answerId: `sharing.${rule.id}`,
      title: tr('sharing.title'),
      short: `${situation} ${verdictText}`,
      details,
      conflicts: [],
      ...(verdict === 'outdated' && rule.validUntil
        ? { dated: { label: rule.validUntil.label[locale], today: displayDate(today, locale) } }
        : {}),
      sources: this.sourceTitles([...new Set(sources)], locale),
      next: verdict === 'outdated' || rule.structure === 'multi-entity-group' ? [ask] : this.nextButtons(['support'], tr, tr('sharing.title')),
    };
  }
}
