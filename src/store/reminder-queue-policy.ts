import { supersededReminders } from '../domain/reminders/catch-up';
import { parseThresholdKey } from '../domain/reminders/threshold-key';
import { placeholders } from './outbox-rows';
import type { KindPolicy, QueuedRef } from './outbox-store';
import { continueWeekly } from './reminder-plan';
import type { SqlExecutor } from './sql';

const asQueued = (row: Pick<QueuedRef, 'id' | 'topic' | 'target' | 'due_at'>) => ({
  id: row.id,
  certificateId: row.topic,
  conversationId: row.target,
  dueAt: Number(row.due_at),
});

/**
 * The outbox rules of reminders: catch-up (only the latest reminder due per certificate and conversation is sent, the
 * domain's supersededReminders decides) and the weekly chain after expiry (a weekly reminder done plans the next).
 */
export const reminderQueuePolicy: KindPolicy = {
  async stale(tx: SqlExecutor, due: readonly QueuedRef[], now: Date): Promise<Set<string>> {
    const certificates = [...new Set(due.map((item) => item.topic))];
    const cameDue = await tx.query<Pick<QueuedRef, 'id' | 'topic' | 'target' | 'due_at'>>(
      `SELECT id, topic, target, due_at FROM outbox
       WHERE topic IN (${placeholders(certificates.length, 2)}) AND kind = 'reminder' AND status <> 'skipped' AND due_at <= $1`,
      [now.getTime(), ...certificates],
    );
    return supersededReminders(due.map(asQueued), cameDue.map(asQueued));
  },
  async afterDone(tx: SqlExecutor, item: QueuedRef, now: Date): Promise<void> {
    if (parseThresholdKey(item.item_key)?.kind === 'weekly') await continueWeekly(tx, item.topic, item.target, now);
  },
};
