import { executeAction, message, type TeamsChat } from '../../harness/activities';
import { BotHarness, TestClock } from '../../harness/bot-harness';
import { me, team } from './tab-fixtures';

/**
 * Support requests in the tabs, in local mode, opened and worked through the bot: « Mes certificats » shows the
 * requester their own requests with what the chat told them (internal notes never); the support team's tab shows the
 * open tickets of the queue its channel works, and drops a ticket once it is closed.
 */
const ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };

let harness: BotHarness;
let requester: TeamsChat;
let channel: TeamsChat;

const submit = (chat: TeamsChat, fields: Readonly<Record<string, string>>) =>
  harness.send(
    executeAction(chat, {
      verb: 'ticket.submit',
      data: { verb: 'ticket.submit', topic: 'renewal', queue: 'ans', urgency: 'high', finess: '', email: 'si@chu-nimes.fr', ...fields },
    }),
  );
const agent = (verb: string, data: Readonly<Record<string, string>>) => harness.send(executeAction(channel, { verb, data: { verb, ...data } }, { from: AGENT }));

beforeEach(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-12-07T09:00:00Z')), env: { SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '3600' } });
  requester = harness.personalChat({ userName: 'Camille Martin' });
  channel = harness.teamChannel({ userId: ADMIN, userName: 'Admin Support' });
  await harness.send(message(channel, 'support ici'));
  await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
});
afterEach(async () => harness.stop());

describe('support requests in « Mes certificats »', () => {
  it('says how to ask for a person when there is none yet', async () => {
    await harness.send(message(requester, 'bonjour'));
    const view = await me(harness);
    expect(view.requests).toEqual([]);
  });

  it("shows the requester's request, its state and what they were told — never an internal note — and only theirs", async () => {
    const other = harness.personalChat({ userName: 'Alex Durand' });
    await harness.send(message(other, 'bonjour'));
    await submit(other, { structure: 'EHPAD Les Tilleuls', description: "Une autre demande, qui n'est pas celle de Camille." });
    // Local mode shows the person who wrote to certibot last: Camille, a minute later.
    harness.clock.advance(60_000);
    await harness.send(message(requester, 'bonjour'));
    await submit(requester, { structure: 'CH de Nîmes <b>', description: 'Le renouvellement échoue depuis hier sur la plateforme.' });

    const [opened] = (await me(harness)).requests;
    expect((await me(harness)).requests).toHaveLength(1);
    expect(opened).toMatchObject({
      number: 'CERT-2026-0002',
      title: 'Renouvellement · CH de Nîmes <b>',
      queue: 'ANS – équipe certificats',
      state: 'Non attribué',
      tone: 'open',
      dates: 'Ouverte le 7 décembre 2026 · mise à jour le 7 décembre 2026',
      history: [{ when: '7 décembre 2026', who: 'Vous', text: 'Le renouvellement échoue depuis hier sur la plateforme.' }],
    });

    const ticket = opened?.id ?? '';
    harness.clock.advance(24 * 3600_000);
    await agent('ticket.take', { ticket });
    await agent('ticket.reply', { ticket, text: "Pouvez-vous vérifier l'administrateur technique ?" });
    await agent('ticket.note', { ticket, text: 'Appelé le CH, rappeler demain' });

    const [worked] = (await me(harness)).requests;
    expect(worked).toMatchObject({ state: 'Pris en charge par Dominique Bernard', tone: 'assigned', dates: 'Ouverte le 7 décembre 2026 · mise à jour le 8 décembre 2026' });
    expect(worked?.history.map((line) => `${line.who}: ${line.text}`)).toEqual([
      'Vous: Le renouvellement échoue depuis hier sur la plateforme.',
      'Dominique Bernard: A pris en charge votre demande.',
      "Dominique Bernard: Pouvez-vous vérifier l'administrateur technique ?",
    ]);
    expect(JSON.stringify(await me(harness))).not.toContain('rappeler demain');

    await agent('ticket.close', { ticket, text: 'Administrateur corrigé.' });
    const [closed] = (await me(harness)).requests;
    expect(closed).toMatchObject({ state: 'Clos', tone: 'closed' });
    expect(closed?.history.at(-1)).toMatchObject({ who: 'Dominique Bernard', text: 'A clos votre demande : Administrateur corrigé.' });
  });

  it('speaks English to a person who chose it', async () => {
    await harness.send(message(requester, 'English'));
    await submit(requester, { structure: 'CH de Nîmes', description: 'Renewal fails on the platform since yesterday.' });
    const [request] = (await me(harness)).requests;
    expect(request).toMatchObject({ title: 'Renewal · CH de Nîmes', state: 'Unassigned', dates: 'Opened on 7 December 2026 · updated on 7 December 2026' });
    expect(request?.history[0]?.who).toBe('You');
  });

  it('keeps nothing of a requester who erased their data', async () => {
    await harness.send(message(requester, 'bonjour'));
    await submit(requester, { structure: 'CH de Nîmes', description: 'Le renouvellement échoue depuis hier sur la plateforme.' });
    expect((await me(harness)).requests).toHaveLength(1);
    await harness.app.store.tickets.eraseRequester(requester.user.id);
    expect((await me(harness)).requests).toEqual([]);
  });
});

describe('the open tickets of a support team, in its team tab', () => {
  it('lists the queue its channel works, oldest first, with urgency and age; a closed ticket leaves the list', async () => {
    await harness.send(message(requester, 'bonjour'));
    await submit(requester, { structure: 'CH de Nîmes', description: 'Le renouvellement échoue depuis hier sur la plateforme.' });
    harness.clock.advance(3 * 3600_000);
    await submit(requester, { structure: 'CH de Sète', urgency: 'low', topic: 'other', description: 'Une question sur la commande de certificats.' });
    harness.clock.advance(3600_000);

    const view = await team(harness);
    expect(view.queues).toHaveLength(1);
    expect(view.queues[0]).toMatchObject({ id: 'ans', title: 'ANS – équipe certificats : 2 demandes ouvertes' });
    expect(view.queues[0]?.empty).toBeUndefined();
    expect(view.queues[0]?.tickets).toMatchObject([
      { number: 'CERT-2026-0001', title: 'Renouvellement · CH de Nîmes', urgency: 'Haute (échanges bloqués)', urgent: true, state: 'Non attribué', age: 'ouverte il y a 4 heures' },
      { number: 'CERT-2026-0002', title: 'Autre · CH de Sète', urgency: 'Faible', urgent: false, age: 'ouverte il y a 1 heure' },
    ]);

    const first = view.queues[0]?.tickets[0]?.id ?? '';
    await agent('ticket.take', { ticket: first });
    expect((await team(harness)).queues[0]?.tickets[0]?.state).toBe('Pris en charge par Dominique Bernard');
    await agent('ticket.close', { ticket: first, text: 'Réglé.' });
    expect((await team(harness)).queues[0]?.tickets.map((t) => t.number)).toEqual(['CERT-2026-0002']);
  });

  it('says when the queue has nothing open, and shows no queue in a team that works none', async () => {
    expect((await team(harness)).queues).toEqual([{ id: 'ans', title: 'ANS – équipe certificats : aucune demande ouverte', empty: expect.stringContaining('Aucune demande en attente'), tickets: [] }]);
    // Local mode shows the team of the channel certibot saved last: another team's, a minute later.
    harness.clock.advance(60_000);
    const elsewhere = harness.teamChannel({ userName: 'Camille Martin' });
    await harness.send(message(elsewhere, 'aide'));
    expect((await team(harness)).queues).toEqual([]);
  });
});
