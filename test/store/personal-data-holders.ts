import { CalendarLinks } from '../../src/calendar/calendar-links';
import { systemClock } from '../../src/domain/clock';
import type { PersonalDataHolder } from '../../src/domain/personal-data';
import { conversationFeature } from '../../src/features/conversation';
import { knowledgeFeature } from '../../src/features/knowledge';
import { remindersFeature } from '../../src/features/reminders';
import { renewalDatesFeature } from '../../src/features/renewal-dates';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';
import type { Store } from '../../src/store';

const unused = (): never => {
  throw new Error('not used by the personal-data holders');
};

/** The personal-data holders the features declare over a store, as the composition root collects them. */
export function personalDataOf(store: Store): PersonalDataHolder[] {
  const clock = systemClock;
  const renewalDates = renewalDatesFeature({
    calendarLinks: new CalendarLinks(store.calendarLinks, clock, 60_000),
    calendarLinkStore: store.calendarLinks,
    baseUrl: () => '',
    renewalLeadMonths: 2,
    fetch: unused,
  });
  const followUps = { refresh: unused, shownState: unused, post: unused };
  return [
    conversationFeature({ users: store.users, conversations: store.conversations, dialogState: store.state, clock }),
    knowledgeFeature({ kb: loadKnowledge(), feedback: store.feedback, unanswered: store.unanswered, clock, isSupportAgent: async () => false, grades: [], renewalDates }),
    renewalDates,
    remindersFeature({ register: store.reminders, conversations: store.conversations, followUps, clock }),
  ].flatMap((feature) => feature.personalData ?? []);
}
