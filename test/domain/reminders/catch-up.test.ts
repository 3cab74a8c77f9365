import { supersededReminders, type QueuedReminder } from '../../../src/domain/reminders/catch-up';

const r = (id: string, certificateId: string, conversationId: string, dueAt: number): QueuedReminder => ({ id, certificateId, conversationId, dueAt });

describe('catch-up: only the latest reminder due per certificate and conversation goes', () => {
  it.each<[string, QueuedReminder[], QueuedReminder[], string[]]>([
    ['nothing due', [], [], []],
    ['one due alone', [r('d30', 'c', 'alice', 30)], [r('d30', 'c', 'alice', 30)], []],
    ['d30 and d7 both due: d30 is stale', [r('d30', 'c', 'alice', 30), r('d7', 'c', 'alice', 70)], [r('d30', 'c', 'alice', 30), r('d7', 'c', 'alice', 70)], ['d30']],
    ['a later one already sent makes a due one stale', [r('d14', 'c', 'alice', 50)], [r('d14', 'c', 'alice', 50), r('d7', 'c', 'alice', 70)], ['d14']],
    ['another conversation does not count', [r('d30', 'c', 'alice', 30)], [r('d30', 'c', 'alice', 30), r('d7', 'c', 'channel', 70)], []],
    ['another certificate does not count', [r('d30', 'c', 'alice', 30)], [r('d30', 'c', 'alice', 30), r('d7', 'other', 'alice', 70)], []],
    ['equal instants: the greater id survives', [r('a', 'c', 'alice', 50), r('b', 'c', 'alice', 50)], [r('a', 'c', 'alice', 50), r('b', 'c', 'alice', 50)], ['a']],
    ['an earlier one that came due does not make a later one stale', [r('d7', 'c', 'alice', 70)], [r('d30', 'c', 'alice', 30), r('d7', 'c', 'alice', 70)], []],
  ])('%s', (_case, due, cameDue, stale) => {
    expect([...supersededReminders(due, cameDue)].sort()).toEqual(stale);
  });
});
