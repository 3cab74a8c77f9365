import type { HistoryLine, ReminderHistoryView } from '../../../cards/reminder-history-card';
import { displayDate, parisDate, parisTime } from '../../domain/calendar';
import type { ConversationKind } from '../../domain/conversation';
import type { Locale } from '../../domain/locale';
import type { CertificateRecord, ReminderTarget } from '../../domain/reminders/certificate';
import type { Delivery, SkipReason } from '../../domain/reminders/delivery';
import { parseThresholdKey } from '../../domain/reminders/threshold-key';
import type { MessageKey, Translate } from '../../messages/translator';
import { unreachableReasonText } from '../../messages/unreachable-reason';

/** Lines shown, at most: a card stays readable and well under Teams' size limit. */
export const MAX_UPCOMING = 5;
export const MAX_PAST = 15;

export interface HistoryContext {
  readonly certificate: CertificateRecord;
  readonly targets: readonly ReminderTarget[];
  readonly deliveries: readonly Delivery[];
  /** Who asks: their own chat and their own acknowledgements are said "your chat", "you". */
  readonly userId: string;
  /** Conversations currently marked unreachable, with the reason. */
  readonly unreachable: ReadonlyMap<string, string>;
  readonly now: Date;
  readonly locale: Locale;
  readonly tr: Translate;
}

const SKIPPED: Record<SkipReason, MessageKey> = {
  renewed: 'history.status.skipped.renewed',
  unplanned: 'history.status.skipped.unplanned',
  stopped: 'history.status.skipped.stopped',
  'target-removed': 'history.status.skipped.target-removed',
  superseded: 'history.status.skipped.superseded',
  snoozed: 'history.status.skipped.snoozed',
};

function thresholdText(delivery: Delivery, tr: Translate): string {
  const key = parseThresholdKey(delivery.threshold);
  switch (key?.kind) {
    case 'before':
      return key.n === 0 ? tr('history.threshold.day') : tr('history.threshold.before', { days: key.n });
    case 'weekly':
      return tr('history.threshold.weekly', { n: key.n });
    case 'snooze':
      return tr('history.threshold.snooze');
    default:
      return tr('history.threshold.notice');
  }
}

function targetText(delivery: Delivery, context: HistoryContext): string {
  const target = context.targets.find((t) => t.conversationId === delivery.conversationId);
  if (target?.kind === 'personal' && target.userId === context.userId) return context.tr('history.target.mine');
  const kind: ConversationKind = target?.kind ?? 'personal';
  return context.tr(kind === 'channel' ? 'history.target.channel' : kind === 'groupChat' ? 'history.target.groupChat' : 'history.target.personal');
}

function statusOf(delivery: Delivery, context: HistoryContext): Pick<HistoryLine, 'status' | 'tone'> {
  const { tr, locale } = context;
  const date = (instant: Date) => displayDate(parisDate(instant), locale);
  const why = (reason: string | undefined) => unreachableReasonText(reason, tr);
  switch (delivery.status) {
    case 'sent': {
      const sent = delivery.sentAt ?? delivery.dueAt;
      if (!delivery.acknowledgedAt) return { status: tr('history.status.sent', { date: date(sent), time: parisTime(sent) }), tone: 'neutral' };
      const by =
        delivery.acknowledgedBy === context.userId
          ? tr('history.by.you')
          : (delivery.acknowledgedByName ?? tr('history.by.member'));
      return { status: tr('history.status.acknowledged', { date: date(sent), by, at: date(delivery.acknowledgedAt) }), tone: 'good' };
    }
    case 'unreachable':
      return { status: tr('history.status.notDelivered', { reason: why(delivery.lastError) }), tone: 'attention' };
    case 'failed':
      return { status: tr('history.status.failed', { code: delivery.lastError ?? '?' }), tone: 'attention' };
    case 'skipped':
      return { status: tr(SKIPPED[delivery.lastError as SkipReason] ?? 'history.status.skipped.unplanned'), tone: 'neutral' };
    case 'claimed':
      return { status: tr('history.status.sending'), tone: 'neutral' };
    case 'pending': {
      const blocked = context.unreachable.get(delivery.conversationId);
      if (blocked !== undefined && delivery.dueAt <= context.now) return { status: tr('history.status.waiting', { reason: why(blocked) }), tone: 'attention' };
      if (delivery.attempts > 0) {
        return { status: tr('history.status.retrying', { date: date(delivery.nextAttemptAt), time: parisTime(delivery.nextAttemptAt) }), tone: 'attention' };
      }
      return { status: tr('history.status.planned'), tone: 'neutral' };
    }
  }
}

/**
 * A certificate's reminders as its owner reads them: what is still to go (soonest first), then what came due (most
 * recent first) — sent, acknowledged by whom, not delivered and why, cancelled and why. Older cycles say so.
 */
export function historyView(context: HistoryContext): ReminderHistoryView {
  const { certificate, tr, locale } = context;
  const line = (delivery: Delivery): HistoryLine => {
    const cycle = delivery.expiryDate === certificate.expiryDate ? '' : ` ${tr('history.previousCycle', { expiry: displayDate(delivery.expiryDate, locale) })}`;
    const title = tr('history.row', { date: displayDate(parisDate(delivery.dueAt), locale), threshold: thresholdText(delivery, tr), target: targetText(delivery, context) });
    return { title: `${title}${cycle}`, ...statusOf(delivery, context) };
  };
  const toGo = (d: Delivery) => (d.status === 'pending' || d.status === 'claimed') && d.dueAt > context.now;
  const upcoming = context.deliveries.filter(toGo).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  // A reminder cancelled before its time (renewal, new settings) is not history: it never came due.
  const past = context.deliveries
    .filter((d) => !toGo(d) && !(d.status === 'skipped' && d.dueAt > context.now))
    .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || a.conversationId.localeCompare(b.conversationId));
  return {
    certificateId: certificate.id,
    label: certificate.label,
    expiry: displayDate(certificate.expiryDate, locale),
    targets: context.targets.length,
    upcoming: upcoming.slice(0, MAX_UPCOMING).map(line),
    past: past.slice(0, MAX_PAST).map(line),
    older: Math.max(0, past.length - MAX_PAST),
  };
}
