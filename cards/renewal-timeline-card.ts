import type { RenewalPlan } from '../src/domain/renewal';
import type { MessageKey, Translate } from '../src/messages/translator';
import { card, heading, openUrl, submit, text, type AdaptiveCard, type CardActionElement, type CardElement, type Container } from './adaptive';

/** What the bot read from a certificate file, to show beside the dates. */
export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  readonly igcSante: boolean;
  readonly serialNumber: string;
  readonly finessHint: string | undefined;
  readonly certificatesInFile: number;
}

export interface TimelineView {
  readonly plan: RenewalPlan;
  readonly label: string | undefined;
  readonly certificate: CertificateFacts | undefined;
  /** Dates as the reader reads them ("15 mars 2027"), keyed by ISO date. */
  readonly display: (isoDate: string) => string;
  /** The expiring .ics link, when one was issued. */
  readonly calendarUrl: string | undefined;
  /** « Ouvrir dans Mes certificats »: the personal tab, where the dates can be registered and followed. */
  readonly openInTab?: string | undefined;
}

const STATUS_STYLE: Record<RenewalPlan['status'], Container['style']> = {
  valid: 'good',
  'renew-now': 'warning',
  'expires-soon': 'attention',
  expired: 'attention',
};

const STATUS_KEY: Record<RenewalPlan['status'], MessageKey> = {
  valid: 'timeline.status.valid',
  'renew-now': 'timeline.status.renewNow',
  'expires-soon': 'timeline.status.expiresSoon',
  expired: 'timeline.status.expired',
};

const ADVICE_KEY: Record<RenewalPlan['status'], MessageKey> = {
  valid: 'timeline.advice.valid',
  'renew-now': 'timeline.advice.renewNow',
  'expires-soon': 'timeline.advice.expiresSoon',
  expired: 'timeline.advice.expired',
};

/** The timeline rows in date order, today among them (the card's facts; the tab's calculator shows the same). */
export function timelineRows(view: Pick<TimelineView, 'plan' | 'display'>, tr: Translate): Array<{ title: string; value: string }> {
  const { plan } = view;
  const rows: Array<{ date: string; order: number; title: string }> = [
    ...(plan.issueDate ? [{ date: plan.issueDate, order: 0, title: tr('timeline.issue') }] : []),
    ...(plan.impliedIssueDate ? [{ date: plan.impliedIssueDate, order: 0, title: tr('timeline.issueImplied') }] : []),
    { date: plan.noticeFaq, order: 2, title: tr('timeline.noticeFaq') },
    { date: plan.renewalStart, order: 3, title: tr('timeline.renewalStart') },
    { date: plan.noticeSheet, order: 4, title: tr('timeline.noticeSheet') },
    { date: plan.expiryDate, order: 5, title: tr('timeline.expiry') },
    { date: plan.today, order: 1, title: tr('timeline.today') },
  ];
  rows.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? -1 : 1));
  return rows.map((row) => ({ title: row.title, value: view.display(row.date) }));
}

/** The plan's status in one sentence ("Expires in 12 days…") and what to do next. */
export function timelineVerdict(view: Pick<TimelineView, 'plan' | 'display'>, tr: Translate): { readonly status: string; readonly advice: string } {
  const { plan } = view;
  const days = Math.abs(plan.daysRemaining);
  // On its last day a certificate is valid until the hour in it: renewable until then, and to be reordered after.
  const today = plan.daysRemaining === 0;
  return {
    status: tr(today ? 'timeline.status.expiresToday' : STATUS_KEY[plan.status], { days, expiry: view.display(plan.expiryDate), start: view.display(plan.renewalStart) }),
    advice: tr(today ? 'timeline.advice.expiresToday' : ADVICE_KEY[plan.status]),
  };
}

/** What a certificate file says beside the dates: its facts, and a warning when it is not IGC Santé or a bundle. */
export function certificateDescription(
  cert: CertificateFacts,
  tr: Translate,
): { readonly facts: Array<{ title: string; value: string }>; readonly notIgcSante: string | undefined; readonly bundle: string | undefined } {
  return {
    facts: [
      { title: tr('timeline.subject'), value: cert.subject },
      { title: tr('timeline.issuer'), value: cert.issuer },
      { title: tr('timeline.serial'), value: cert.serialNumber },
      ...(cert.finessHint ? [{ title: tr('timeline.finessHint'), value: cert.finessHint }] : []),
    ],
    notIgcSante: cert.igcSante ? undefined : tr('timeline.notIgcSante'),
    bundle: cert.certificatesInFile > 1 ? tr('timeline.bundle', { count: cert.certificatesInFile }) : undefined,
  };
}

/** Issue → ANS notices → start of renewal → expiry, today marked, the status in colour, and what to do next. */
export function renewalTimelineCard(view: TimelineView, tr: Translate): AdaptiveCard {
  const { plan } = view;
  const { status, advice } = timelineVerdict(view, tr);
  const body: CardElement[] = [
    heading(view.label ? tr('timeline.titleWithLabel', { label: view.label }) : tr('timeline.title')),
    { type: 'Container', style: STATUS_STYLE[plan.status], items: [text(status, { weight: 'bolder' })] },
    { type: 'FactSet', facts: timelineRows(view, tr) },
    text(advice),
  ];
  if (view.certificate) {
    const described = certificateDescription(view.certificate, tr);
    body.push(text(tr('timeline.certificateTitle'), { weight: 'bolder', separator: true }));
    body.push({ type: 'FactSet', facts: described.facts });
    if (described.notIgcSante) body.push(text(described.notIgcSante, { color: 'warning' }));
    if (described.bundle) body.push(text(described.bundle, { isSubtle: true }));
  }
  body.push(text(tr('timeline.sources'), { isSubtle: true, size: 'small', separator: true }));
  const actions: CardActionElement[] = [
    ...(plan.status === 'expired' ? [] : [submit(tr('timeline.setReminders'), { verb: 'register.start', expiry: plan.expiryDate })]),
    ...(view.calendarUrl ? [openUrl(tr('timeline.addToCalendar'), view.calendarUrl)] : []),
    ...(view.openInTab ? [openUrl(tr('tab.open'), view.openInTab)] : []),
  ];
  return card(body, actions, status.replace(/\*\*/g, ''));
}
