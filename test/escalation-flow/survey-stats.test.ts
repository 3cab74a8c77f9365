import { executeAction, message, type TeamsChat } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';
import type { ConnectorCall } from '../../toolkit/fake-connector';

/** The support team's follow-ups: a nudge for a ticket nobody takes, a satisfaction survey a reopen cancels, statistics. */
const ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };
const MINUTE = 60_000;

let harness: BotHarness;
let requester: TeamsChat;
let channel: TeamsChat;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-12-07T09:00:00Z')), env: { SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '3600' } });
  requester = harness.personalChat();
  channel = harness.teamChannel({ userId: ADMIN });
  await harness.send(message(requester, 'bonjour'));
  await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
});
afterAll(async () => harness.stop());

const json = (value: unknown) => JSON.stringify(value);
const after = (seq: number, conversationId: string, text: string) => (call: ConnectorCall) =>
  call.seq > seq && (call.kind === 'send' || call.kind === 'reply') && call.status === 200 && call.conversationId === conversationId && json(call.body).includes(text);

async function open(description: string): Promise<string> {
  harness.clock.advance(MINUTE);
  await harness.send(
    executeAction(requester, { verb: 'ticket.submit', data: { verb: 'ticket.submit', topic: 'platform', queue: 'ans', urgency: 'normal', structure: 'CH de Nîmes', description, email: 'si@chu.fr' } }),
  );
  const [ticket] = await harness.app.store.tickets.forRequester(requester.user.id);
  // Its card is posted as a thread, and the thread recorded on the ticket.
  for (let i = 0; i < 300 && !(await harness.app.store.tickets.get(ticket?.id ?? ''))?.thread; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return ticket?.id ?? '';
}

async function act(verb: string, ticket: string, text?: string): Promise<unknown> {
  harness.clock.advance(MINUTE);
  return (await harness.send(executeAction(channel, { verb, data: { verb, ticket, ...(text ? { text } : {}) } }, { from: AGENT }))).json;
}

it('a ticket nobody takes is pointed out in its thread after SUPPORT_NUDGE_MINUTES, once; a taken one is not', async () => {
  const ticket = await open('Personne ne répond encore à cette demande.');
  const thread = (await harness.app.store.tickets.get(ticket))?.thread?.conversationId ?? '';
  const before = harness.connector.calls.length;
  harness.clock.advance(121 * MINUTE);
  await harness.app.tickReminders();
  await harness.connector.waitForCalls(1, after(before, thread, 'attend toujours quelqu’un'));

  const taken = await open('Celle-ci sera prise tout de suite.');
  await act('ticket.take', taken);
  const mid = harness.connector.calls.length;
  harness.clock.advance(121 * MINUTE);
  await harness.app.tickReminders();
  const takenThread = (await harness.app.store.tickets.get(taken))?.thread?.conversationId ?? '';
  expect(harness.connector.calls.filter(after(mid, takenThread, 'attend toujours'))).toEqual([]);
});

it('after a close the requester is asked to rate it; the rating goes to the thread and the statistics', async () => {
  const ticket = await open('Le certificat est refusé par le DMP.');
  await act('ticket.reply', ticket, 'Réessayez avec le nouveau certificat.');
  await act('ticket.close', ticket, 'Nouveau certificat installé.');
  const before = harness.connector.calls.length;
  harness.clock.advance(61 * MINUTE);
  await harness.app.tickReminders();
  const [survey] = await harness.connector.waitForCalls(1, after(before, requester.conversationId, 'comment cela s’est-il passé'));
  expect(json(survey?.body)).toContain('ticket.rate');

  const rated = await harness.send(executeAction(requester, { verb: 'ticket.rate', data: { verb: 'ticket.rate', ticket, score: 4, text: 'Rapide' } }));
  expect(json(rated.json) + rated.texts.join(' ')).toContain('Merci pour votre avis');
  const twice = await harness.send(executeAction(requester, { verb: 'ticket.rate', data: { verb: 'ticket.rate', ticket, score: 1 } }));
  expect(json(twice.json)).toContain('ne peut plus être notée');

  const stats = await harness.send(message(channel, 'statistiques', { from: AGENT }));
  expect(stats.texts.join('\n')).toContain('Statistiques du support – ANS – équipe certificats');
  expect(stats.texts.join('\n')).toContain('4.0/5 (1 avis)');
});

it('a reopen before the survey is due cancels it', async () => {
  const ticket = await open('Encore une demande sur la plateforme.');
  await act('ticket.close', ticket, 'Réglé.');
  await act('ticket.reopen', ticket);
  const before = harness.connector.calls.length;
  harness.clock.advance(61 * MINUTE);
  await harness.app.tickReminders();
  expect(harness.connector.calls.filter(after(before, requester.conversationId, 'comment cela s’est-il passé'))).toEqual([]);
  const [row] = await harness.app.store.db.query<{ status: string; last_error: string }>(
    "SELECT status, last_error FROM outbox WHERE kind = 'ticket-relay' AND topic = $1 AND item_key LIKE 's%'",
    [ticket],
  );
  expect(row).toEqual({ status: 'skipped', last_error: 'reopened' });
});
