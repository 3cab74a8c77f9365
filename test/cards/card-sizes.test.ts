import { myRequestsCard, surveyCard, ticketCard, ticketRelayCard } from '../../cards/ticket-card';
import { ticketConfirmCard, ticketFormCard, ticketSentCard } from '../../cards/ticket-card-form';
import { exportFormCard, exportReadyCard } from '../../cards/ticket-export-card';
import type { AdaptiveCard } from '../../cards/adaptive';
import { answerCard } from '../../cards/answer-card';
import { CERTIFICATES_PER_PAGE, certificatesListCard, type CertificateLine } from '../../cards/certificates-list-card';
import { datePickCard, dateRoleCard } from '../../cards/date-question-card';
import { DESTINATIONS_PER_PAGE, destinationsCard, type DestinationLine } from '../../cards/destinations-card';
import { disambiguationCard } from '../../cards/disambiguation-card';
import { eraseConfirmationCard } from '../../cards/erase-confirmation-card';
import { EXPIRIES_PER_PAGE, expiriesCard } from '../../cards/expiries-card';
import { gapsCard } from '../../cards/gaps-card';
import { helpCard } from '../../cards/help-card';
import { unreachableNoticeCard } from '../../cards/notice-card';
import { registerFormCard } from '../../cards/register-form-card';
import { reminderCard } from '../../cards/reminder-card';
import { reminderHistoryCard, type HistoryLine } from '../../cards/reminder-history-card';
import { reminderSettingsCard } from '../../cards/reminder-settings-card';
import { renewalQuestionCard } from '../../cards/renewal-question-card';
import { renewalTimelineCard } from '../../cards/renewal-timeline-card';
import { sharingQuestionCard } from '../../cards/sharing-question-card';
import { welcomeCard } from '../../cards/welcome-card';
import { displayDate } from '../../src/domain/calendar';
import { STRUCTURE_KINDS } from '../../src/domain/knowledge';
import { LOCALES, type Locale } from '../../src/domain/locale';
import { pageOf } from '../../src/domain/paging';
import { planFromIssue } from '../../src/domain/renewal';
import { MAX_UNANSWERED_LENGTH } from '../../src/domain/feedback';
import { MAX_OWN_VIEWS } from '../../src/domain/reminders/ownership';
import { helpView } from '../../src/features/conversation/capabilities';
import { KnowledgeAnswers } from '../../src/features/knowledge/knowledge-answers';
import { MAX_PAST, MAX_UPCOMING } from '../../src/features/reminders/reminder-history';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';
import { CHOOSABLE_INTENTS } from '../../src/understanding/intents';
import { translator, type Translate } from '../../src/messages/translator';
import { exportedCardBuilders } from '../fixtures/card-builders';

/**
 * Teams refuses a message above about 100 KB (413) and its card reference gives 28 KB for one Adaptive Card. Every
 * card certibot can produce is built here with the largest view model it can really get — the longest names the
 * register accepts (120 characters, Markdown characters doubled by escaping), a full page of a paged list, every
 * capped list at its cap — and must stay under 28 KB of JSON.
 */
const MAX_CARD_BYTES = 28 * 1024;
const bytes = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** A certificate name at the register's limit, with the characters Markdown escaping doubles. */
/** A certificate read from a file, at its longest: subject and issuer of 1,000 characters each, serial, expiry. */
const LONG_CERTIFICATE_LINE = ['CN=' + 'x'.repeat(997), '0123456789ABCDEF0123456789ABCDEF01234567', '2027-03-15'].join(' · ');
const LONG_LABEL = 'MSSanté – CHU de Nîmes, site Carémeau [GHT Cévennes-Gard-Camargue] *DMP* _INSi_ #prod-2027 — serveur de secours n°2 (B)'.padEnd(120, '*');
const LONG_NAME = 'Marie-Dominique de La Tour d’Auvergne-Lauraguais'.padEnd(200, '_');
const TEAMS_ID = (n: number) => `29:1${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9'}${String(n).padStart(4, '0')}`;
const lines = <T>(count: number, line: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => line(i));

function certificateLines(locale: Locale, tr: Translate): CertificateLine[] {
  return lines(CERTIFICATES_PER_PAGE * 3, (i) => ({
    id: `0b6f4f9e-5b7a-4c1e-9d3e-${String(i).padStart(12, '0')}`,
    label: LONG_LABEL,
    expiry: displayDate('2027-09-30', locale),
    daysLeft: 300,
    nextReminder: displayDate('2027-07-02', locale),
    lastReminder: tr('list.last.failed', { reason: 'ConversationBlockedByUser' }),
    targets: 12,
  }));
}

function destinationLines(tr: Translate): DestinationLine[] {
  return lines(DESTINATIONS_PER_PAGE * 3, (i) => ({
    conversationId: `19:${'0123456789abcdef'.repeat(2)}${i}@thread.tacv2`,
    text: tr('targets.otherOwner'),
    unreachable: tr('notice.reason.blocked'),
  }));
}

function historyLines(count: number, tr: Translate, locale: Locale): HistoryLine[] {
  return lines(count, () => ({
    title: `${tr('history.row', { date: displayDate('2026-09-12', locale), threshold: tr('history.threshold.notice'), target: tr('history.target.personal') })} ${tr('history.previousCycle', { expiry: displayDate('2026-03-15', locale) })}`,
    status: tr('history.status.acknowledged', { date: displayDate('2026-09-12', locale), by: LONG_NAME, at: displayDate('2026-09-13', locale) }),
    tone: 'good',
  }));
}

/** Every card builder of cards/, each with its largest realistic view models. */
function largestCards(locale: Locale): Record<string, AdaptiveCard[]> {
  const tr = translator(locale);
  const kb = loadKnowledge();
  const answers = new KnowledgeAnswers(kb, new Set(['support', 'sharing', 'dates', 'reminder']));
  const middle = 1;
  return {
    welcomeCard: [welcomeCard({ ...helpView(locale), scope: 'personal' }, tr), welcomeCard({ ...helpView(locale), scope: 'team' }, tr)],
    helpCard: [helpCard(helpView(locale), tr)],
    eraseConfirmationCard: [
      eraseConfirmationCard(
        {
          items: (['preferences', 'conversations', 'conversationState', 'feedback', 'calendarLinks', 'certificates'] as const).map((category) => ({ category, count: 9999 })),
          total: 59994,
        },
        tr,
      ),
    ],
    answerCard: [...kb.topics.values()].map((topic) => answerCard(answers.topic(topic, locale, tr), tr)),
    disambiguationCard: [disambiguationCard(CHOOSABLE_INTENTS.slice(0, 3), tr)],
    sharingQuestionCard: [sharingQuestionCard(STRUCTURE_KINDS, tr)],
    datePickCard: [datePickCard(lines(5, (i) => ({ date: `2024-0${i + 1}-15`, label: displayDate(`2024-0${i + 1}-15`, locale) })), tr('dates.pickSeveral'), tr)],
    dateRoleCard: [dateRoleCard(displayDate('2024-09-12', locale), tr)],
    renewalTimelineCard: [
      renewalTimelineCard(
        {
          plan: planFromIssue('2024-03-15', { today: '2026-11-26' }),
          label: LONG_LABEL,
          certificate: {
            subject: `CN=${'INSI-AUTO-'.repeat(10)}, OU=${'1010780914 '.repeat(10)}, O=${'CENTRE HOSPITALIER '.repeat(8)}, L=NIMES, ST=GARD, C=FR`,
            issuer: `CN=${'AC IGC-SANTE ELEMENTAIRE ORGANISATIONS '.repeat(4)}, OU=${'IGC-SANTE '.repeat(6)}, O=ASIP-SANTE, C=FR`,
            igcSante: false,
            serialNumber: '0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D',
            finessHint: '010780914',
            certificatesInFile: 12,
          },
          display: (date) => displayDate(date, locale),
          calendarUrl: `https://certibot.example.org/calendar/${'A'.repeat(43)}.ics`,
        },
        tr,
      ),
    ],
    registerFormCard: [
      registerFormCard({ expiry: '2027-03-15' }, tr),
      registerFormCard(
        { certificateId: 'c1', label: LONG_LABEL, expiry: '2027-03-15', finess: '01 078 091 4', usage: 'MSSante', corridor: 'medico-social', structure: 'multi-entity-group', scope: 'geographique' },
        tr,
      ),
    ],
    reminderSettingsCard: [
      reminderSettingsCard(
        { certificateId: 'c1', label: LONG_LABEL, thresholds: lines(20, (i) => 365 - i), hour: 20, workingDaysOnly: true, weeklyAfterExpiry: true },
        tr,
      ),
    ],
    certificatesListCard: [
      certificatesListCard({ certificates: pageOf(certificateLines(locale, tr), middle, CERTIFICATES_PER_PAGE), offerHere: true }, tr),
    ],
    reminderCard: (['active', 'acknowledged'] as const).map((kind) =>
      reminderCard(
        {
          deliveryId: '7d0f4c2e-2f4b-4b8e-9a55-1b2c3d4e5f60',
          label: LONG_LABEL,
          expiry: displayDate('2027-03-15', locale),
          daysLeft: 30,
          finess: '01 078 091 4',
          usage: 'MSSanté',
          state: kind === 'active' ? { kind } : { kind, by: LONG_NAME, at: displayDate('2027-02-13', locale) },
          canStop: true,
          ownViewsFor: lines(MAX_OWN_VIEWS + 10, TEAMS_ID),
        },
        tr,
      ),
    ),
    expiriesCard: [
      expiriesCard(
        {
          expiries: pageOf(
            lines(EXPIRIES_PER_PAGE * 3, () => ({ label: LONG_LABEL, expiry: displayDate('2027-09-30', locale), daysLeft: -300, nextReminder: displayDate('2027-07-02', locale) })),
            middle,
            EXPIRIES_PER_PAGE,
          ),
        },
        tr,
      ),
    ],
    renewalQuestionCard: [renewalQuestionCard({ deliveryId: '7d0f4c2e-2f4b-4b8e-9a55-1b2c3d4e5f60', label: LONG_LABEL }, tr)],
    unreachableNoticeCard: [
      unreachableNoticeCard(
        {
          where: 'personal',
          reason: tr('notice.reason.refused', { code: 'X'.repeat(64) }),
          certificates: lines(40, (i) => ({ id: `c${i}`, label: LONG_LABEL, expiry: displayDate('2027-03-15', locale) })),
        },
        tr,
      ),
    ],
    destinationsCard: [
      destinationsCard({ certificateId: '0b6f4f9e-5b7a-4c1e-9d3e-2f1a7c8b9d00', label: LONG_LABEL, destinations: pageOf(destinationLines(tr), middle, DESTINATIONS_PER_PAGE) }, tr),
    ],
    reminderHistoryCard: [
      reminderHistoryCard(
        {
          certificateId: 'c1',
          label: LONG_LABEL,
          expiry: displayDate('2027-03-15', locale),
          targets: 40,
          upcoming: historyLines(MAX_UPCOMING, tr, locale),
          past: historyLines(MAX_PAST, tr, locale),
          older: 250,
        },
        tr,
      ),
    ],
    gapsCard: [
      gapsCard(
        {
          gaps: lines(15, () => ({ text: '*_[question]_* '.repeat(40).slice(0, MAX_UNANSWERED_LENGTH), count: 9999, lastAt: displayDate('2025-02-28', locale) })),
          feedback: [...kb.topics.keys()].map((id) => ({ answerId: `topic.${id}`, helpful: 9999, notHelpful: 9999 })),
        },
        tr,
      ),
    ],
    ticketCard: [
      ticketCard(
        {
          id: 'b9a7c0de-4d2f-4f7e-9a51-0c1d2e3f4a5b',
          number: 'CERT-2026-123456',
          version: 999,
          status: 'assigned',
          topic: 'platform',
          urgency: 'high',
          queue: `GRADeS ${'Provence-Alpes-Côte d’Azur '.repeat(3)}`.slice(0, 80),
          requester: LONG_NAME,
          structure: LONG_LABEL.repeat(2).slice(0, 200),
          finess: '2A 000 001 6',
          // The form's limits: 4,000 characters of description, every one of them escaped.
          description: '*_[x]_* '.repeat(500).slice(0, 4000),
          certificate: `${LONG_LABEL} · CN=${'x'.repeat(200)} · n° ${'0A'.repeat(20)} · 2027-03-15`,
          assignee: LONG_NAME,
          openedOn: displayDate('2026-12-06', locale),
          age: tr('ticket.age.days', { n: 999 }),
          resolution: undefined,
          transfer: { by: 'mailto', url: `mailto:ans-certificats@esante.gouv.fr?subject=${'x'.repeat(300)}&body=${'y'.repeat(4000)}` },
        },
        tr,
      ),
    ],
    ticketRelayCard: [ticketRelayCard({ id: 't', number: 'CERT-2026-0042', heading: tr('ticket.relay.reply', { number: 'CERT-2026-0042' }), reply: '*_[x]_* '.repeat(500).slice(0, 4000), canAnswer: true }, tr)],
    surveyCard: [surveyCard({ id: 't', number: 'CERT-2026-0042' }, tr)],
    myRequestsCard: [
      myRequestsCard({ tickets: lines(40, (i) => ({ number: `CERT-2026-${String(i).padStart(4, '0')}`, topic: 'platform', state: tr.plain('ticket.status.assigned', { name: LONG_NAME }), updated: displayDate('2026-12-06', locale) })) }, tr),
    ],
    ticketFormCard: [
      ticketFormCard(
        {
          topic: 'other',
          // SUPPORT_GRADES names are at most 80 characters; one queue per region and the ANS.
          queues: lines(18, (i) => ({ id: `region-${i}`, name: `GRADeS ${'Provence-Alpes-Côte d’Azur '.repeat(3)}`.slice(0, 80) })),
          queue: 'region-1',
          urgency: 'normal',
          structure: LONG_LABEL,
          finess: '010780914',
          description: '*_[x]_* '.repeat(500).slice(0, 4000),
          email: `${'a'.repeat(64)}@${'b'.repeat(180)}.fr`,
          certificate: { id: 'c', label: LONG_LABEL },
          file: LONG_CERTIFICATE_LINE,
          formId: '0f8fad5b-d9cb-469f-a165-70867728950e',
          suggestions: (['kb.renewal', 'kb.expired', 'kb.ordering'] as const).map((intent) => ({ intent, title: tr.plain(`intent.${intent}`) })),
          error: tr('ticket.secret.private-key'),
        },
        tr,
      ),
    ],
    exportFormCard: [exportFormCard({ queues: lines(18, () => 'GRADeS Provence-Alpes-Côte d’Azur').join(', '), from: '2026-01-01', to: '2026-12-31', state: 'closed', hours: 720 }, tr)],
    exportReadyCard: [exportReadyCard({ summary: tr('export.ready', { count: 100000, from: '1er janvier 2026', to: '31 décembre 2026', state: 'clos', expires: '31 décembre 2026' }), url: `https://${'h'.repeat(200)}.example/support/export/${'A'.repeat(43)}.csv` }, tr)],
    ticketSentCard: [
      ticketSentCard(
        {
          text: tr('ticket.opened.reply', { number: 'CERT-2026-123456789', queue: 'GRADeS Provence-Alpes-Côte d’Azur'.padEnd(80, '_') }),
          mailto: { text: tr('ticket.opened.mailto', { email: `${'a'.repeat(64)}@${'b'.repeat(180)}.fr`, number: 'CERT-2026-123456789' }), url: `mailto:x@y.fr?subject=${'%20'.repeat(200)}&body=${'%41'.repeat(4000)}` },
        },
        tr,
      ),
    ],
    ticketConfirmCard: [
      ticketConfirmCard(
        {
          topic: tr.plain('ticket.topic.platform'),
          queue: `GRADeS ${'Provence-Alpes-Côte d’Azur '.repeat(3)}`.slice(0, 80),
          urgency: tr.plain('ticket.urgency.high'),
          structure: LONG_LABEL.padEnd(200, '_'),
          finess: '01 078 091 4',
          description: '*_[x]_* '.repeat(500).slice(0, 4000),
          email: `${'a'.repeat(64)}@${'b'.repeat(180)}.fr`,
          certificate: LONG_CERTIFICATE_LINE,
          submit: { topic: 'platform', queue: 'region-1', urgency: 'high', structure: LONG_LABEL.padEnd(200, '_'), finess: '01 078 091 4', description: '*_[x]_* '.repeat(500).slice(0, 4000), email: `${'a'.repeat(64)}@${'b'.repeat(180)}.fr` },
        },
        tr,
      ),
    ],
  };
}

describe('every card stays under the 28 KB Teams gives a single Adaptive Card', () => {
  test('every card builder exported from cards/ is built here', async () => {
    expect(await exportedCardBuilders()).toEqual(Object.keys(largestCards('fr')).sort());
  });

  test.each(LOCALES)('in %s, at their largest', (locale) => {
    const tooBig = Object.entries(largestCards(locale)).flatMap(([name, cards]) =>
      cards.flatMap((card, i) => (bytes(card) >= MAX_CARD_BYTES ? [`${name}[${i}]: ${bytes(card)} bytes`] : [])),
    );
    expect(tooBig).toEqual([]);
  });

  test.each(LOCALES)('in %s, no button names a certificate: a name may be 120 characters long', (locale) => {
    const titles = Object.values(largestCards(locale)).flatMap((cards) =>
      cards.flatMap((card) => JSON.stringify(card).match(/"title":"(?:[^"\\]|\\.)*"/g) ?? []),
    );
    expect(titles.length).toBeGreaterThan(50);
    expect(titles.filter((title) => title.includes('Carémeau'))).toEqual([]);
  });

  test('a paged list shows a page and the way to the others; a capped one its cap', () => {
    const cards = largestCards('fr');
    const list = JSON.stringify(cards.certificatesListCard);
    // Each button names its verb, and its data and its fallback's data do too.
    expect(list.match(/"verb":"register\.edit"/g)).toHaveLength(CERTIFICATES_PER_PAGE * 3);
    expect(list).toContain('"verb":"register.page","page":0');
    expect(list).toContain('"verb":"register.page","page":2');
    expect(cards.reminderCard?.[0]?.refresh?.userIds).toHaveLength(MAX_OWN_VIEWS);
  });
});
