import { executeAction, message, type TeamsChat } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';
import { connectorFailures, type ConnectorCall } from '../../toolkit/fake-connector';

/**
 * A connector that refuses 20% of the bot's posts, updates and thread creations (half 429 with Retry-After, half
 * 503): every ticket card, thread line and relay still arrives, exactly once.
 */
const ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };
const TICKETS = 10;

/** A test clock that also runs with real time, so that the send limiter's real waits let its time pass. */
class RunningClock extends TestClock {
  private readonly startedAt = Date.now();

  override now(): Date {
    return new Date(super.now().getTime() + (Date.now() - this.startedAt));
  }
}

let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new RunningClock(new Date('2026-12-07T09:00:00Z')), env: { SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '3600' } });
});
afterAll(async () => harness.stop());

const text = (call: ConnectorCall) => JSON.stringify(call.body);

async function drain(): Promise<void> {
  for (let round = 0; round < 200; round += 1) {
    harness.clock.advance(2_000);
    await harness.app.tickReminders();
    // What is due now (a nudge planned hours ahead is not).
    const [row] = await harness.app.store.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'claimed') AND due_at <= $1", [
      harness.clock.now().getTime(),
    ]);
    if (Number(row?.n ?? 0) === 0) return;
  }
  throw new Error('the outbox never emptied');
}

it('with 20% of connector calls refused, every ticket card, thread line and relay arrives exactly once', async () => {
  const channel = harness.teamChannel({ userId: ADMIN });
  await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
  const requesters: TeamsChat[] = Array.from({ length: TICKETS / 2 }, () => harness.personalChat());
  for (const chat of requesters) await harness.send(message(chat, 'bonjour'));
  harness.connector.inject({
    match: (call) => call.kind === 'send' || call.kind === 'createConversation' || call.kind === 'update',
    rate: 0.2,
    // Retry-After of 50 ms (Teams says seconds; a fraction keeps the test short, and is honoured the same way).
    answer: [connectorFailures.throttled(0.05), connectorFailures.unavailable()],
  });

  for (let i = 0; i < TICKETS; i += 1) {
    const requester = requesters[i % requesters.length] as TeamsChat;
    harness.clock.advance(1_000);
    await harness.send(
      executeAction(requester, {
        verb: 'ticket.submit',
        data: { verb: 'ticket.submit', topic: 'platform', queue: 'ans', urgency: 'normal', structure: `CH ${i}`, description: `Demande numéro ${i} : erreur sur la plateforme`, email: `si${i}@chu.fr` },
      }),
    );
  }
  await drain();
  const tickets = await harness.app.store.tickets.openInQueue('ans');
  expect(tickets).toHaveLength(TICKETS);
  for (const ticket of tickets) {
    harness.clock.advance(1_000);
    const clicked = await harness.send(executeAction(channel, { verb: 'ticket.reply', data: { verb: 'ticket.reply', ticket: ticket.id, text: `Réponse pour ${ticket.number}` } }, { from: AGENT }));
    expect(JSON.stringify(clicked.json)).toContain(ticket.number);
  }
  await drain();

  const ok = harness.connector.calls.filter((call) => call.status !== undefined && call.status < 300);
  const refused = harness.connector.calls.filter((call) => call.status === 429 || call.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  for (const ticket of tickets) {
    const threads = ok.filter((call) => call.kind === 'createConversation' && text(call).includes(ticket.number));
    const relays = ok.filter((call) => call.kind === 'send' && text(call).includes(`Réponse pour ${ticket.number}`) && call.conversationId === ticket.requester?.conversationId);
    const lines = ok.filter((call) => call.kind === 'send' && text(call).includes(`Réponse pour ${ticket.number}`) && call.conversationId === (ticket.thread?.conversationId ?? ''));
    expect([ticket.number, threads.length, relays.length, lines.length]).toEqual([ticket.number, 1, 1, 1]);
  }
  const [stuck] = await harness.app.store.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE kind LIKE 'ticket%' AND status <> 'sent' AND item_key NOT LIKE 'n%'");
  expect(Number(stuck?.n)).toBe(0);
}, 120_000);

it('a click whose messages the connector refuses still succeeds, tells the clicker in its answer, and is never repeated', async () => {
  harness.connector.reset();
  const channel = harness.teamChannel({ userId: ADMIN });
  await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
  const requester = harness.personalChat();
  await harness.send(message(requester, 'bonjour'));
  harness.clock.advance(1_000);
  await harness.send(
    executeAction(requester, {
      verb: 'ticket.submit',
      data: { verb: 'ticket.submit', topic: 'platform', queue: 'ans', urgency: 'normal', structure: 'CH Refus', description: 'Demande : erreur sur la plateforme', email: 'si@chu.fr' },
    }),
  );
  await drain();
  const [ticket] = await harness.app.store.tickets.forRequester(requester.user.id);
  // Every post to the requester's chat is refused from now on.
  harness.connector.inject({ match: (call) => (call.kind === 'send' || call.kind === 'reply') && call.conversationId === requester.conversationId, answer: connectorFailures.unavailable() });

  harness.clock.advance(1_000);
  const answered = await harness.send(executeAction(requester, { verb: 'ticket.answer', data: { verb: 'ticket.answer', ticket: ticket?.id ?? '', text: 'Réponse malgré la panne' } }));

  expect(answered.status).toBe(200);
  expect(answered.json).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `Transmis à l’équipe de support (${ticket?.number}).` });
  await drain();
  const lines = harness.connector.calls.filter((call) => call.kind === 'send' && call.status === 200 && call.conversationId === ticket?.thread?.conversationId && text(call).includes('Réponse malgré la panne'));
  expect(lines).toHaveLength(1);
}, 60_000);
