import { myRequestsCard, surveyCard, ticketCard, ticketRelayCard } from '../../cards/ticket-card';
import { ticketConfirmCard, ticketFormCard, ticketSentCard } from '../../cards/ticket-card-form';
import { exportFormCard, exportReadyCard } from '../../cards/ticket-export-card';
import { cardActionSchema, type CardVerb } from '../../cards/actions';
import { CARD_SCHEMA, type AdaptiveCard, type CardActionElement, type CardElement } from '../../cards/adaptive';
import { answerCard, type AnswerView } from '../../cards/answer-card';
import { datePickCard, dateRoleCard } from '../../cards/date-question-card';
import { disambiguationCard } from '../../cards/disambiguation-card';
import { renewalTimelineCard } from '../../cards/renewal-timeline-card';
import { reminderCard } from '../../cards/reminder-card';
import { renewalQuestionCard } from '../../cards/renewal-question-card';
import { expiriesCard } from '../../cards/expiries-card';
import { unreachableNoticeCard } from '../../cards/notice-card';
import { destinationsCard } from '../../cards/destinations-card';
import { reminderHistoryCard } from '../../cards/reminder-history-card';
import { historyView } from '../../src/features/reminders/reminder-history';
import { historyFixture } from '../fixtures/reminder-history';
import { certificatesListCard } from '../../cards/certificates-list-card';
import { registerFormCard } from '../../cards/register-form-card';
import { reminderSettingsCard } from '../../cards/reminder-settings-card';
import { displayDate } from '../../src/domain/calendar';
import { pageOf } from '../../src/domain/paging';
import { planFromExpiry, planFromIssue } from '../../src/domain/renewal';
import { eraseConfirmationCard } from '../../cards/erase-confirmation-card';
import { gapsCard } from '../../cards/gaps-card';
import { helpCard } from '../../cards/help-card';
import { sharingQuestionCard } from '../../cards/sharing-question-card';
import { welcomeCard } from '../../cards/welcome-card';
import { helpView } from '../../src/features/conversation/capabilities';
import { LOCALES, type Locale } from '../../src/domain/locale';
import { STRUCTURE_KINDS } from '../../src/domain/knowledge';
import { catalogs, translator } from '../../src/messages/translator';
import { exportedCardBuilders } from '../fixtures/card-builders';

const MAX_CARD_BYTES = 28 * 1024;
const ELEMENT_TYPES = new Set(['TextBlock', 'FactSet', 'Container', 'ActionSet', 'Input.Text', 'Input.Date', 'Input.ChoiceSet']);

function answerView(locale: Locale): AnswerView {
  const fr = locale === 'fr';
  return {
    answerId: 'kb.validity',
    title: fr ? 'Durée de validité' : 'Validity',
    short: fr ? 'Un certificat logiciel ANS est valable **3 ans**.' : 'An ANS software certificate is valid for **3 years**.',
    details: [fr ? 'Il se renouvelle sur la plateforme IGC Santé.' : 'It is renewed on the IGC Santé platform.'],
    conflicts: [
      { claim: fr ? '3 ans' : '3 years', source: 'Fiche pratique ANS' },
      { claim: fr ? '2 ans' : '2 years', source: 'Ancien guide' },
    ],
    conflictAdvice: fr ? 'La fiche la plus récente fait foi.' : 'The most recent sheet prevails.',
    dated: { label: fr ? "jusqu'au 31/12/2024" : 'until 31/12/2024', today: '01/03/2025' },
    sources: ['Fiche pratique ANS', 'Guide IGC Santé'],
    next: [
      { title: fr ? 'Partager un certificat' : 'Share a certificate', action: { verb: 'sharing.start' } },
      { title: fr ? "Écrire à l'ANS" : 'Write to the ANS', url: 'mailto:ans-certificats@esante.gouv.fr' },
    ],
  };
}

/** Every card builder in cards/, with inputs that exercise all of its branches. */
const TICKET_VIEW = {
  id: 'b9a7c0de-4d2f-4f7e-9a51-0c1d2e3f4a5b',
  number: 'CERT-2026-0042',
  version: 3,
  status: 'assigned' as const,
  topic: 'renewal' as const,
  urgency: 'high' as const,
  queue: 'ANS – équipe certificats',
  requester: 'Camille Martin',
  structure: 'CH de Nîmes',
  finess: '01 078 091 4',
  description: 'Le renouvellement échoue depuis hier : erreur 403 sur la plateforme.',
  certificate: 'MSSanté – site de Nîmes · 2027-03-15',
  assignee: 'Dominique Bernard',
  openedOn: '6 décembre 2026',
  age: '2 heures',
  resolution: undefined,
  transfer: { by: 'mailto' as const, url: 'mailto:ans-certificats@esante.gouv.fr?subject=CERT-2026-0042' },
};
/** A deep link to the personal tab « Mes certificats » of a Teams app. */
const TAB_LINK = 'https://teams.microsoft.com/l/entity/0f3c9a52-6c1e-4a7b-9d0e-2b6f4c8a1d37/certificates';

const BUILDERS: Readonly<Record<string, (locale: Locale) => AdaptiveCard>> = {
  ticketCard: (locale) => ticketCard(TICKET_VIEW, translator(locale)),
  ticketRelayCard: (locale) =>
    ticketRelayCard({ id: TICKET_VIEW.id, number: TICKET_VIEW.number, heading: 'Réponse à votre demande CERT-2026-0042', reply: 'Pouvez-vous réessayer ?', canAnswer: true }, translator(locale)),
  surveyCard: (locale) => surveyCard({ id: TICKET_VIEW.id, number: TICKET_VIEW.number }, translator(locale)),
  myRequestsCard: (locale) =>
    myRequestsCard({ tickets: [{ number: 'CERT-2026-0042', topic: 'renewal', state: 'Clos', updated: '6 décembre 2026' }] }, translator(locale)),
  ticketFormCard: (locale) =>
    ticketFormCard(
      {
        topic: 'renewal',
        queues: [{ id: 'ans', name: 'ANS – équipe certificats' }, { id: 'occitanie', name: 'GRADeS e-santé Occitanie' }],
        queue: 'ans',
        urgency: 'normal',
        certificate: { id: 'c1', label: 'MSSanté – site de Nîmes' },
        suggestions: [{ intent: 'kb.renewal', title: 'le renouvellement' }],
        error: 'Indiquez une adresse e-mail valide.',
        formId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      },
      translator(locale),
    ),
  ticketConfirmCard: (locale) =>
    ticketConfirmCard(
      {
        topic: 'Renouvellement',
        queue: 'ANS – équipe certificats',
        urgency: 'Haute',
        structure: 'CH de Nîmes [lien](https://evil.example)',
        finess: '01 078 091 4',
        description: 'Le renouvellement échoue.',
        email: 'si@chu-nimes.fr',
        certificate: 'CN=INSI-AUTO · n° 01AB · 2027-03-15',
        submit: { topic: 'renewal', queue: 'ans', urgency: 'high', structure: 'CH de Nîmes', description: 'Le renouvellement échoue.', email: 'si@chu-nimes.fr' },
      },
      translator(locale),
    ),
  ticketSentCard: (locale) =>
    ticketSentCard(
      {
        text: translator(locale)('ticket.opened.reply', { number: 'CERT-2026-0042', queue: 'ANS – équipe certificats' }),
        mailto: { text: translator(locale)('ticket.opened.mailto', { email: 'ans-certificats@esante.gouv.fr', number: 'CERT-2026-0042' }), url: 'mailto:ans-certificats@esante.gouv.fr?subject=CERT-2026-0042' },
      },
      translator(locale),
    ),
  exportFormCard: (locale) => exportFormCard({ queues: 'ANS – équipe certificats', from: '2026-11-07', to: '2026-12-07', state: 'all', hours: 72 }, translator(locale)),
  exportReadyCard: (locale) =>
    exportReadyCard({ summary: translator(locale)('export.ready', { count: 2, from: '1er novembre 2026', to: '30 novembre 2026', state: 'tous', expires: '10 décembre 2026' }), url: 'https://certibot.example/support/export/x.csv' }, translator(locale)),
  welcomeCard: (locale) => welcomeCard({ ...helpView(locale), scope: 'personal' }, translator(locale)),
  helpCard: (locale) => helpCard(helpView(locale), translator(locale)),
  eraseConfirmationCard: (locale) =>
    eraseConfirmationCard(
      {
        items: [
          { category: 'preferences', count: 1 },
          { category: 'conversations', count: 2 },
          { category: 'conversationState', count: 1 },
          { category: 'feedback', count: 4 },
        ],
        total: 8,
      },
      translator(locale),
    ),
  answerCard: (locale) => answerCard(answerView(locale), translator(locale)),
  disambiguationCard: (locale) => disambiguationCard(['kb.validity', 'kb.renewal'], translator(locale)),
  sharingQuestionCard: (locale) => sharingQuestionCard(STRUCTURE_KINDS, translator(locale)),
  datePickCard: (locale) =>
    datePickCard(
      [
        { date: '2024-04-03', label: displayDate('2024-04-03', locale) },
        { date: '2024-03-04', label: displayDate('2024-03-04', locale) },
      ],
      translator(locale)('dates.pickAmbiguous', { text: '03/04/2024' }),
      translator(locale),
    ),
  dateRoleCard: (locale) => dateRoleCard(displayDate('2024-09-12', locale), translator(locale)),
  renewalTimelineCard: (locale) =>
    renewalTimelineCard(
      {
        plan: planFromIssue('2024-03-15', { today: '2026-11-26' }),
        label: 'MSSanté – site de Nîmes',
        certificate: {
          subject: 'CN=INSI-AUTO, OU=1010780914, O=CH EXEMPLE, C=FR',
          issuer: 'CN=AC Exemple, O=Exemple, C=FR',
          igcSante: false,
          serialNumber: '0A1B2C',
          finessHint: '010780914',
          certificatesInFile: 2,
        },
        display: (date) => displayDate(date, locale),
        calendarUrl: 'https://certibot.example.org/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
        openInTab: TAB_LINK,
      },
      translator(locale),
    ),
  registerFormCard: (locale) => registerFormCard({ expiry: '2027-03-15' }, translator(locale)),
  reminderSettingsCard: (locale) =>
    reminderSettingsCard(
      {
        certificateId: '0b6f4f9e-5b7a-4c1e-9d3e-2f1a7c8b9d00',
        label: 'MSSanté – site de Nîmes',
        thresholds: [90, 60, 30, 14, 7, 1, 0],
        hour: 9,
        workingDaysOnly: false,
        weeklyAfterExpiry: true,
      },
      translator(locale),
    ),
  certificatesListCard: (locale) =>
    certificatesListCard(
      {
        certificates: pageOf([
          {
            id: '0b6f4f9e-5b7a-4c1e-9d3e-2f1a7c8b9d00',
            label: 'MSSanté – site de Nîmes',
            expiry: displayDate('2027-03-15', locale),
            daysLeft: 109,
            nextReminder: displayDate('2026-12-15', locale),
            lastReminder: translator(locale)('list.last.acknowledged', { date: displayDate('2026-11-15', locale) }),
            targets: 2,
          },
          { id: 'c2', label: 'INSi', expiry: displayDate('2026-11-01', locale), daysLeft: -25, nextReminder: undefined, lastReminder: undefined, targets: 1 },
        ], 0, 8),
        offerHere: true,
      },
      translator(locale),
    ),
  reminderCard: (locale) =>
    reminderCard(
      {
        deliveryId: '7d0f4c2e-2f4b-4b8e-9a55-1b2c3d4e5f60',
        label: 'MSSanté – site de Nîmes',
        expiry: displayDate('2027-03-15', locale),
        daysLeft: 30,
        finess: '01 078 091 4',
        usage: 'MSSanté',
        openInTab: `${TAB_LINK}?context=%7B%22subEntityId%22%3A%22cert-1%22%7D`,
        state: { kind: 'acknowledged', by: 'Camille Martin', at: displayDate('2027-02-13', locale) },
        canStop: false,
        ownViewsFor: ['29:1camille', '29:1alex'],
      },
      translator(locale),
    ),
  expiriesCard: (locale) =>
    expiriesCard(
      {
        expiries: pageOf(
          [
            { label: 'INSi', expiry: displayDate('2026-11-01', locale), daysLeft: -25, nextReminder: displayDate('2026-12-02', locale) },
            { label: 'MSSanté – site de Nîmes', expiry: displayDate('2027-03-15', locale), daysLeft: 109, nextReminder: undefined },
          ],
          0,
          15,
        ),
      },
      translator(locale),
    ),
  renewalQuestionCard: (locale) => renewalQuestionCard({ deliveryId: 'd1', label: 'MSSanté – site de Nîmes' }, translator(locale)),
  unreachableNoticeCard: (locale) =>
    unreachableNoticeCard(
      {
        where: 'channel',
        reason: translator(locale)('notice.reason.blocked'),
        certificates: [
          { id: 'c1', label: 'MSSanté – site de Nîmes', expiry: displayDate('2027-03-15', locale) },
          { id: 'c2', label: 'INSi', expiry: displayDate('2027-06-01', locale) },
        ],
      },
      translator(locale),
    ),
  destinationsCard: (locale) =>
    destinationsCard(
      {
        certificateId: 'c1',
        label: 'MSSanté – site de Nîmes',
        destinations: pageOf([
          { conversationId: 'a:1abc', text: translator(locale)('targets.mine'), unreachable: undefined },
          { conversationId: '19:xyz@thread.tacv2', text: translator(locale)('targets.channel'), unreachable: translator(locale)('notice.reason.removed') },
        ], 0, 10),
      },
      translator(locale),
    ),
  reminderHistoryCard: (locale) => reminderHistoryCard(historyView(historyFixture(locale)), translator(locale)),
  gapsCard: (locale) =>
    gapsCard(
      {
        gaps: [
          { text: 'Où trouver le numéro de série ?', count: 4, lastAt: '28/02/2025' },
          { text: 'VPN certificate?', count: 1, lastAt: '27/02/2025' },
        ],
        feedback: [{ answerId: 'kb.validity', helpful: 3, notHelpful: 1 }],
      },
      translator(locale),
    ),
};

/** More variants of the same builders: a team welcome, a minimal answer. */
const VARIANTS: Readonly<Record<string, (locale: Locale) => AdaptiveCard>> = {
  'expiriesCard (nothing reminded here)': (locale) => expiriesCard({ expiries: pageOf([], 0, 15) }, translator(locale)),
  'certificatesListCard (empty)': (locale) => certificatesListCard({ certificates: pageOf([], 0, 8), offerHere: false }, translator(locale)),
  'registerFormCard (blank)': (locale) => registerFormCard({ expiry: undefined }, translator(locale)),
  'registerFormCard (edit)': (locale) =>
    registerFormCard(
      { certificateId: 'c1', label: 'DMP', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'DMP', corridor: 'hopital', structure: 'public', scope: 'juridique' },
      translator(locale),
    ),
  'unreachableNoticeCard (unknown conversation, other code)': (locale) =>
    unreachableNoticeCard({ where: undefined, reason: translator(locale)('notice.reason.refused', { code: 'BadSyntax' }), certificates: [] }, translator(locale)),
  'reminderHistoryCard (nothing planned)': (locale) =>
    reminderHistoryCard(historyView({ ...historyFixture(locale), deliveries: [] }), translator(locale)),
  'reminderCard (expired, active)': (locale) =>
    reminderCard(
      { deliveryId: 'd1', label: 'INSi', expiry: displayDate('2026-11-01', locale), daysLeft: -25, finess: undefined, usage: undefined, state: { kind: 'active' }, canStop: true, ownViewsFor: [] },
      translator(locale),
    ),
  'reminderCard (renewed)': (locale) =>
    reminderCard(
      {
        deliveryId: 'd1',
        label: 'INSi',
        expiry: displayDate('2026-11-01', locale),
        daysLeft: 3,
        finess: undefined,
        usage: undefined,
        state: { kind: 'renewed', by: 'Camille', newExpiry: displayDate('2029-11-01', locale) },
        canStop: true,
        ownViewsFor: ['29:1camille'],
      },
      translator(locale),
    ),
  'renewalTimelineCard (expired, typed date, no link)': (locale) =>
    renewalTimelineCard(
      {
        plan: planFromExpiry('2026-10-01', { today: '2026-11-26' }),
        label: undefined,
        certificate: undefined,
        display: (date) => displayDate(date, locale),
        calendarUrl: undefined,
      },
      translator(locale),
    ),
  'welcomeCard (team)': (locale) => welcomeCard({ ...helpView(locale), scope: 'team' }, translator(locale)),
  'gapsCard (empty)': (locale) => gapsCard({ gaps: [], feedback: [] }, translator(locale)),
  'answerCard (minimal)': (locale) =>
    answerCard({ answerId: 'kb.guides', short: 'x', details: [], conflicts: [], sources: ['Guide'], next: [] }, translator(locale)),
};

function elementsOf(elements: readonly CardElement[]): CardElement[] {
  return elements.flatMap((element) => (element.type === 'Container' ? [element, ...elementsOf(element.items)] : [element]));
}

function actionsOf(card: AdaptiveCard): CardActionElement[] {
  const inBody = elementsOf(card.body).flatMap((element) => (element.type === 'ActionSet' ? [...element.actions] : []));
  return [...(card.actions ?? []), ...inBody];
}

/** Every string a reader can see or a client can show in place of the card. */
function textsOf(card: AdaptiveCard): string[] {
  const body = elementsOf(card.body).flatMap((element) => {
    if (element.type === 'TextBlock') return [element.text];
    if (element.type === 'FactSet') return element.facts.flatMap((fact) => [fact.title, fact.value]);
    return [];
  });
  return [...body, ...actionsOf(card).map((action) => action.title), card.fallbackText ?? ''];
}

/** What is wrong with a card, as readable lines; empty when it is a valid Adaptive Card 1.5 for certibot. */
function problemsOf(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}`);
  // 1.5, but for a card with the people picker (choices.data), which needs the 1.6 schema and must say so.
  const needs = elementsOf(card.body).some((element) => element.type === 'Input.ChoiceSet' && element['choices.data'] !== undefined) ? '1.6' : '1.5';
  if (card.version !== needs) problems.push(`version is ${String(card.version)}, needs ${needs}`);
  if (card.$schema !== CARD_SCHEMA || card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('bad $schema');
  if (!Array.isArray(card.body) || card.body.length === 0) problems.push('empty body');
  if (typeof card.fallbackText !== 'string' || card.fallbackText.trim() === '') problems.push('no fallbackText');
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`${bytes} bytes serialized`);

  for (const element of elementsOf(card.body)) {
    if (!ELEMENT_TYPES.has(element.type)) problems.push(`unknown element ${element.type}`);
    if (element.type === 'TextBlock' && element.text.trim() === '') problems.push('empty TextBlock');
    if (element.type === 'Container' && element.items.length === 0) problems.push('empty Container');
    if (element.type === 'ActionSet' && element.actions.length === 0) problems.push('empty ActionSet');
  }
  for (const action of actionsOf(card)) {
    if (typeof action.title !== 'string' || action.title.trim() === '') problems.push(`${action.type} without title`);
    if (action.type === 'Action.OpenUrl') {
      if (!/^(https|mailto):/.test(action.url)) problems.push(`OpenUrl to ${action.url}`);
      continue;
    }
    const parsed = cardActionSchema.safeParse(action.data);
    if (!parsed.success) problems.push(`${action.title}: data ${JSON.stringify(action.data)} is no card action`);
    // Only a verb and ids: nothing the schema would have to strip.
    else if (JSON.stringify(parsed.data) !== JSON.stringify(action.data)) problems.push(`${action.title}: extra data`);
    if (action.type === 'Action.Execute' && action.verb !== action.data.verb) problems.push(`${action.title}: verb mismatch`);
  }
  if (card.refresh) {
    const { action, userIds } = card.refresh;
    if (!cardActionSchema.safeParse(action.data).success || action.verb !== action.data.verb) problems.push(`refresh: data ${JSON.stringify(action.data)}`);
    if (userIds.length === 0 || userIds.length > 60) problems.push(`refresh for ${userIds.length} users`);
  }
  return problems;
}

const ALL = { ...BUILDERS, ...VARIANTS };
const CASES = Object.keys(ALL).flatMap((name) => LOCALES.map((locale) => [name, locale] as const));
const build = (name: string, locale: Locale): AdaptiveCard => {
  const builder = ALL[name];
  if (!builder) throw new Error(`no builder ${name}`);
  return builder(locale);
};

describe('cards', () => {
  test('every card builder exported from cards/ is covered here', async () => {
    expect(await exportedCardBuilders()).toEqual(Object.keys(BUILDERS).sort());
  });

  test.each(CASES)('%s (%s) is a valid Adaptive Card of the version it needs', (name, locale) => {
    expect(problemsOf(build(name, locale))).toEqual([]);
  });

  test.each(CASES)('%s (%s) shows no message key and no unfilled {placeholder}', (name, locale) => {
    const keys = Object.keys(catalogs.fr);
    const texts = textsOf(build(name, locale));
    expect(texts.filter((text) => keys.some((key) => text.includes(key)))).toEqual([]);
    expect(texts.filter((text) => /\{\w+\}/.test(text))).toEqual([]);
  });

  test.each(Object.keys(ALL))('%s reads differently in French and in English', (name) => {
    expect(textsOf(build(name, 'fr'))).not.toEqual(textsOf(build(name, 'en')));
  });

  /**
   * The verbs that act on shared state: those naming a certificate (a form submit may), a reminder, a ticket, or a page
   * of a shared list. The others only show something or touch the clicker's own settings.
   */
  const SHARED_STATE_VERBS = new Set(
    cardActionSchema.options.filter((option) => ['certificate', 'delivery', 'page', 'ticket'].some((id) => id in option.shape)).map((option) => option.shape.verb.value),
  );

  test('the shared-state verbs are those of the register, the reminders and the paged lists', () => {
    expect([...SHARED_STATE_VERBS].every((verb) => /^(register|reminder|expiries|ticket)\./.test(verb))).toBe(true);
    expect(SHARED_STATE_VERBS).toContain('register.submit');
    expect(SHARED_STATE_VERBS).not.toContain('register.start');
  });

  test.each(CASES)('%s (%s): every button that acts on shared state is a Universal Action, so that a refusal reaches the clicker alone', (name, locale) => {
    const submits = actionsOf(build(name, locale)).flatMap((action) =>
      action.type === 'Action.Submit' && SHARED_STATE_VERBS.has(String(action.data.verb) as CardVerb) ? [String(action.data.verb)] : [],
    );
    expect(submits).toEqual([]);
  });

  test('the validator catches what it is meant to catch', () => {
    const good = build('helpCard', 'fr');
    expect(problemsOf(good)).toEqual([]);
    expect(problemsOf({ ...good, fallbackText: ' ' })).toEqual(['no fallbackText']);
    expect(problemsOf({ ...good, actions: [{ type: 'Action.Submit', title: 'Go', data: { verb: 'privacy.erase.everything' } }] })).toEqual([
      'Go: data {"verb":"privacy.erase.everything"} is no card action',
    ]);
    expect(problemsOf({ ...good, actions: [{ type: 'Action.Submit', title: '', data: { verb: 'help', userId: '29:x' } }] })).toEqual([
      'Action.Submit without title',
      ': extra data',
    ]);
    expect(problemsOf({ ...good, body: [{ type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES) }] })).toHaveLength(1);
  });

  test('the welcome card invites a personal chat to write, and a team to mention the bot', () => {
    const personal = textsOf(build('welcomeCard', 'fr'));
    const team = textsOf(build('welcomeCard (team)', 'fr'));
    expect(personal).toContain(catalogs.fr['welcome.personal']);
    expect(personal).not.toContain(catalogs.fr['welcome.team']);
    expect(team).toContain(catalogs.fr['welcome.team']);
  });

  test('the reminder and timeline cards open « Mes certificats » last, after the buttons that act', () => {
    for (const name of ['reminderCard', 'renewalTimelineCard']) {
      const last = actionsOf(build(name, 'fr')).at(-1);
      expect(last).toMatchObject({ type: 'Action.OpenUrl', title: 'Ouvrir dans Mes certificats' });
      expect(last && 'url' in last ? last.url : '').toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\//);
    }
    expect(actionsOf(build('reminderCard (renewed)', 'fr'))).toEqual([]);
  });

  test('the help card offers the other language: English from French, French from English', () => {
    const data = (locale: Locale) => actionsOf(build('helpCard', locale)).flatMap((action) => ('data' in action ? [action.data] : []));
    expect(data('fr')).toContainEqual({ verb: 'language.set', locale: 'en' });
    expect(data('en')).toContainEqual({ verb: 'language.set', locale: 'fr' });
  });

  test('the erase confirmation card lists each category with its count, and its buttons confirm or cancel', () => {
    const card = build('eraseConfirmationCard', 'en');
    expect(textsOf(card)).toContain(
      [
        '- your language preference (1)',
        '- the reference of our personal chat, to write to you (2)',
        '- the state of our ongoing exchanges (1)',
        '- your feedback on my answers (4)',
      ].join('\n'),
    );
    expect(actionsOf(card).map((action) => ('data' in action ? action.data.verb : action.url))).toEqual([
      'privacy.erase.confirm',
      'privacy.erase.cancel',
    ]);
  });

  test('an answer card carries feedback buttons for its answer id only', () => {
    const feedback = actionsOf(build('answerCard', 'fr')).flatMap((action) =>
      'data' in action && action.data.verb === 'feedback' ? [action.data] : [],
    );
    expect(feedback).toEqual([
      { verb: 'feedback', answer: 'kb.validity', helpful: true },
      { verb: 'feedback', answer: 'kb.validity', helpful: false },
    ]);
  });
});
