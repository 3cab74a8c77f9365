import { registerChoices } from '../../../cards/register-form-card';
import { unreachableTargets } from '../../conversation/owned-certificate';
import { displayDate, parisDate } from '../../domain/calendar';
import { daysBetween } from '../../domain/civil-date';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import { formatFiness } from '../../domain/finess';
import type { Delivery } from '../../domain/reminders/delivery';
import { isOwner } from '../../domain/reminders/ownership';
import type { CertificateRegister, CertificateSummary, RegisteredCertificate } from '../../domain/reminders/reminder-repository';
import { reminderRefusal, type ReminderActor } from '../../domain/reminders/reminder-rules';
import { isNoticeKey } from '../../domain/reminders/threshold-key';
import { planFromExpiry, type RenewalStatus } from '../../domain/renewal';
import { plainTranslator, type MessageKey, type Translate } from '../../messages/translator';
import { unreachableReasonText } from '../../messages/unreachable-reason';
import { nextReminderText } from '../../messages/next-reminder';
import { destinationText } from '../reminders/destination-handlers';
import { historyView } from '../reminders/reminder-history';
import type { RequestViews } from './requests-view';
import type { KnownPerson, TabViewer } from './tab-viewer';
import type { CertificateView, DestinationView, MeView, ViewerView } from './tab-views';

export interface CertificatesViewDeps {
  readonly register: Pick<CertificateRegister, 'listForUser' | 'deliveryStatus'>;
  readonly conversations: Pick<ConversationRepository, 'get'>;
  readonly requests: Pick<RequestViews, 'mine'>;
  readonly clock: Clock;
  readonly renewalLeadMonths: number;
}

const STATUS_LABEL: Record<RenewalStatus, MessageKey> = {
  valid: 'tab.status.valid',
  'renew-now': 'tab.status.renewNow',
  'expires-soon': 'tab.status.expiresSoon',
  expired: 'tab.status.expired',
};

/** A certificate's status as the timeline card colours it (valid, renew now, expires soon, expired), and in words. */
export function statusOf(expiryDate: string, today: string, renewalLeadMonths: number, tr: Translate): { status: RenewalStatus; statusLabel: string } {
  const { status } = planFromExpiry(expiryDate, { today, renewalLeadMonths });
  return { status, statusLabel: tr(STATUS_LABEL[status]) };
}

/** "Expire le … (dans N jours)" and "Prochain rappel : … (N destinations)", as the list card says them. */
export function datesOf(summary: CertificateSummary, today: string, locale: MeView['locale'], tr: Translate, now: Date): { expiryText: string; nextText: string } {
  const { certificate, nextDelivery, targets } = summary;
  const expiry = displayDate(certificate.expiryDate, locale);
  const days = daysBetween(today, certificate.expiryDate);
  return {
    expiryText: days < 0 ? tr('list.expired', { expiry, days: -days }) : tr('list.expires', { expiry, days }),
    nextText: nextDelivery ? tr('list.next', { date: nextReminderText(nextDelivery.dueAt, now, locale, tr), targets: targets.length }) : tr('list.noNext'),
  };
}

/** The sentence that marks local mode: nobody signed in, and whose data the page shows (a person's, or a team's). */
export function viewerView(viewer: TabViewer, tr: Translate, shows: 'person' | 'team' = 'person'): ViewerView {
  if (viewer.mode !== 'local') return { mode: viewer.mode, banner: undefined };
  return { mode: 'local', banner: shows === 'team' ? tr('tab.local.teamBanner') : tr('tab.local.banner', { user: viewer.person?.userId ?? '—' }) };
}

/** The latest reminder of the current cycle sent to a conversation, if any (deliveries come in due order). */
export function latestSent(deliveries: readonly Delivery[], conversationId: string, expiryDate: string): Delivery | undefined {
  return deliveries.filter((d) => d.conversationId === conversationId && d.status === 'sent' && d.expiryDate === expiryDate && !isNoticeKey(d.threshold)).at(-1);
}

/**
 * « Mes certificats »: the person's certificates (created, or reminded in their chat) soonest expiry first, each with
 * its status, its next reminder, where its reminders go and the latest one sent there (snoozable when the reminder
 * rules allow it), and the history the chat's « Historique » shows; then the support requests the person opened.
 */
export async function certificatesView(viewer: TabViewer, deps: CertificatesViewDeps): Promise<MeView> {
  const tr = plainTranslator(viewer.locale);
  const { person } = viewer;
  const [certificates, requests] = person
    ? await Promise.all([
        Promise.all((await deps.register.listForUser(person.userId, deps.clock.now())).map((s) => certificateView(s, person, viewer, deps, tr))),
        deps.requests.mine(person, viewer.locale, tr),
      ])
    : [[], []];
  return {
    locale: viewer.locale,
    viewer: viewerView(viewer, tr),
    notice: person ? undefined : tr('tab.notKnown'),
    certificates,
    requests,
    choices: registerChoices(tr),
  };
}

async function certificateView(summary: CertificateSummary, person: KnownPerson, viewer: TabViewer, deps: CertificatesViewDeps, tr: Translate): Promise<CertificateView> {
  const { certificate, targets } = summary;
  const registered: RegisteredCertificate = { certificate, targets };
  const now = deps.clock.now();
  const today = parisDate(now);
  const actor: ReminderActor = { userId: person.userId, tenantId: person.tenantId, conversationId: person.chat.conversationId };
  const [deliveries, unreachable] = await Promise.all([deps.register.deliveryStatus(certificate.id), unreachableTargets(deps.conversations, targets)]);
  const history = historyView({ certificate, targets, deliveries, userId: person.userId, unreachable, now, locale: viewer.locale, tr });
  const destinations = targets.map((target): DestinationView => {
    const reason = unreachable.get(target.conversationId);
    const latest = latestSent(deliveries, target.conversationId, certificate.expiryDate);
    const sentOn = latest && displayDate(parisDate(latest.sentAt ?? latest.dueAt), viewer.locale);
    return {
      text: destinationText(target, person.userId, tr),
      unreachable: reason === undefined ? undefined : unreachableReasonText(reason, tr),
      latest: latest && {
        delivery: latest.id,
        text: tr(latest.acknowledgedAt ? 'list.last.acknowledged' : 'list.last.sent', { date: sentOn ?? '' }),
        canSnooze: reminderRefusal('snooze', latest, registered, actor) === undefined,
      },
    };
  });
  return {
    id: certificate.id,
    label: certificate.label,
    expiryDate: certificate.expiryDate,
    ...statusOf(certificate.expiryDate, today, deps.renewalLeadMonths, tr),
    ...datesOf(summary, today, viewer.locale, tr, now),
    remindersOn: certificate.thresholds.length > 0,
    owner: isOwner(registered, actor),
    fields: {
      label: certificate.label,
      expiry: certificate.expiryDate,
      finess: certificate.finess ? formatFiness(certificate.finess) : '',
      usage: certificate.usage ?? '',
      corridor: certificate.corridor ?? '',
      structure: certificate.structure ?? '',
      scope: certificate.scope ?? '',
    },
    destinations,
    history: { upcoming: history.upcoming, past: history.past, older: history.older > 0 ? tr('history.older', { count: history.older }) : undefined },
  };
}
