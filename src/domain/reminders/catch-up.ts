/** A reminder as the catch-up rule sees it. */
export interface QueuedReminder {
  readonly id: string;
  readonly certificateId: string;
  readonly conversationId: string;
  readonly dueAt: number;
}

const later = (a: QueuedReminder, b: QueuedReminder): boolean => a.dueAt > b.dueAt || (a.dueAt === b.dueAt && a.id > b.id);

/**
 * Catch-up after downtime: of the reminders of one certificate and conversation that came due, only the latest is
 * worth sending ("J-7" says more than a late "J-30"). Answers the ids among `due` that a later reminder of the same
 * certificate and conversation in `cameDue` (reminders due by now, sent or not, not skipped) makes stale. Equal
 * instants are ordered by id, so that exactly one of them survives.
 */
export function supersededReminders(due: readonly QueuedReminder[], cameDue: readonly QueuedReminder[]): Set<string> {
  const latest = new Map<string, QueuedReminder>();
  for (const reminder of cameDue) {
    const key = `${reminder.certificateId}\u0000${reminder.conversationId}`;
    const known = latest.get(key);
    if (!known || later(reminder, known)) latest.set(key, reminder);
  }
  const stale = new Set<string>();
  for (const reminder of due) {
    const last = latest.get(`${reminder.certificateId}\u0000${reminder.conversationId}`);
    if (last && later(last, reminder)) stale.add(reminder.id);
  }
  return stale;
}
