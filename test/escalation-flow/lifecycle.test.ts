import { executeAction, message, newUserId, type TeamsChat } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';
import { connectorFailures, type ConnectorCall } from '../../toolkit/fake-connector';
import { LocalSmtp } from './smtp';

/**
 * A support request from the requester's personal chat to the ANS queue's support channel and back: opened, its card
 * posted as a thread, taken (a second agent refused), answered both ways, transferred by e-mail to a real local SMTP
 * server, closed and reopened — every step through the real HTTP pipeline, what everyone sees checked on the
 * connector.
 */
const ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };
const OTHER_AGENT = { id: '29:1agent-claude', name: 'Claude Petit' };

let harness: BotHarness;
let smtp: LocalSmtp;
let requester: TeamsChat;
let channel: TeamsChat;

beforeAll(async () => {
  smtp = await LocalSmtp.start();
  harness = await BotHarness.start({
    clock: new TestClock(new Date('2026-12-07T09:00:00Z')),
    env: { SUPPORT_ADMIN_IDS: ADMIN, SMTP_URL: smtp.url, SUPPORT_FROM_EMAIL: 'certibot@chu-exemple.fr', REMINDER_TICK_SECONDS: '3600' },
  });
  requester = harness.personalChat({ userName: 'Camille Martin' });
  channel = harness.teamChannel({ userId: ADMIN, userName: 'Admin Support' });
  await harness.send(message(requester, 'bonjour'));
});

afterAll(async () => {
  await harness.stop();
  await smtp.close();
});

// People act a minute apart: the bot's clock moves on, as the send-rate buckets (7 messages a second to one
// conversation) expect.
beforeEach(() => harness.clock.advance(60_000));

const json = (body: unknown) => JSON.stringify(body);
const cardOf = (body: unknown) => (body as { attachments?: Array<{ content: { body: unknown[]; actions?: Array<{ title: string; data: Record<string, unknown> }> } }> }).attachments?.[0]?.content;
const sentTo = (conversationId: string) => (call: ConnectorCall) => (call.kind === 'send' || call.kind === 'reply') && call.conversationId === conversationId && call.status === 200;

describe('a support request, from the requester’s chat to the support channel and back', () => {
  let ticketId = '';
  let threadId = '';

  it('the admin says « support ici » in the channel and picks the ANS queue', async () => {
    const asked = await harness.send(message(channel, 'support ici'));
    expect(asked.cards[0]?.title).toBe('Quelle file ce canal traite-t-il ?');
    const queue = asked.cards[0]?.buttons.find((b) => b.title === 'ANS – équipe certificats');

    const set = await harness.send(executeAction(channel, { verb: 'support.queue', data: queue?.data }));

    expect(set.texts.join(' ')).toContain('Ce canal traite désormais les demandes de « ANS – équipe certificats »');
  });

  it('a member who is not a support admin cannot move the queue', async () => {
    const intruder = await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }, { from: { id: newUserId(), name: 'X' } }));
    expect(json(intruder.json)).toContain('Seuls les administrateurs du support');
  });

  it('« je voudrais parler à quelqu’un » opens the form; a private key in it is refused, not echoed, nothing stored', async () => {
    const form = await harness.send(message(requester, "je voudrais parler à quelqu'un"));
    expect(form.cards[0]?.title).toBe('Demander à un conseiller');
    const described = await harness.send(message(requester, "je veux parler à quelqu'un : notre certificat INSi a expiré hier"));
    expect(described.cards[0]?.title).toBe('Demander à un conseiller');
    expect(JSON.stringify(described.replies)).toContain('"id":"description","label":"Votre demande","value":"notre certificat INSi a expiré hier"');

    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    const refused = await harness.send(
      executeAction(requester, { verb: 'ticket.submit', data: { verb: 'ticket.submit', topic: 'renewal', queue: 'ans', urgency: 'high', structure: 'CH de Nîmes', description: `voici la clé ${key}`, email: 'si@chu-nimes.fr' } }),
    );

    expect(json(refused.json)).toContain('elle contient une clé privée');
    expect(json(refused.json)).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7');
    expect(await harness.app.store.tickets.forRequester(requester.user.id)).toEqual([]);
  });

  it('the request is stored with the year’s first number and its card posted as a new thread of the channel', async () => {
    const sent = await harness.send(
      executeAction(requester, {
        verb: 'ticket.submit',
        data: { verb: 'ticket.submit', topic: 'renewal', queue: 'ans', urgency: 'high', structure: 'CH de Nîmes', finess: '01 078 091 4', description: 'Le renouvellement échoue depuis hier sur la plateforme.', email: 'si@chu-nimes.fr' },
      }),
    );
    expect(json(sent.json) + sent.texts.join(' ')).toContain('CERT-2026-0001');

    const [created] = await harness.connector.waitForCalls(1, (call) => call.kind === 'createConversation' && call.status !== undefined);
    expect((created?.body as { channelData: { channel: { id: string } } }).channelData.channel.id).toBe(channel.conversationId);
    const card = cardOf((created?.body as { activity: unknown }).activity);
    expect(json(card)).toContain('CERT-2026-0001');
    expect(json(card)).toContain('Non attribué');
    const [ticket] = await harness.app.store.tickets.forRequester(requester.user.id);
    ticketId = ticket?.id ?? '';
    await waitFor(async () => (await harness.app.store.tickets.get(ticketId))?.thread !== undefined);
    threadId = (await harness.app.store.tickets.get(ticketId))?.thread?.conversationId ?? '';
    expect(ticket).toMatchObject({ number: 'CERT-2026-0001', status: 'open', structure: 'CH de Nîmes', finess: '010780914', queueId: 'ans' });
  });

  it('an agent takes it: the card is updated for everyone, the requester told; a second agent is told who has it', async () => {
    const before = harness.connector.calls.length;
    const taken = await harness.send(executeAction(channel, { verb: 'ticket.take', data: { verb: 'ticket.take', ticket: ticketId, v: 1 } }, { from: AGENT }));
    expect(json(taken.json)).toContain('Pris en charge par Dominique Bernard');

    await harness.connector.waitForCalls(1, (call) => call.seq > before && call.kind === 'update' && call.status === 200);
    const relays = await harness.connector.waitForCalls(1, (call) => call.seq > before && sentTo(requester.conversationId)(call));
    expect(json(relays[0]?.body)).toContain('Votre demande CERT-2026-0001 est prise en charge par Dominique Bernard.');

    const second = await harness.send(executeAction(channel, { verb: 'ticket.take', data: { verb: 'ticket.take', ticket: ticketId, v: 1 } }, { from: OTHER_AGENT }));
    expect((second.json as { statusCode: number; value: { message: string } }).value.message).toBe('Dominique Bernard a déjà pris ce ticket. Rien n’a été modifié.');
    expect(second.replies).toEqual([]);
  });

  it('the agent’s reply reaches the requester with an answer box; the answer comes back into the thread', async () => {
    const before = harness.connector.calls.length;
    await harness.send(executeAction(channel, { verb: 'ticket.reply', data: { verb: 'ticket.reply', ticket: ticketId, text: 'Pouvez-vous vérifier l’administrateur technique déclaré ?' } }, { from: AGENT }));
    const [relay] = await harness.connector.waitForCalls(1, (call) => call.seq > before && sentTo(requester.conversationId)(call));
    const relayCard = cardOf(relay?.body);
    expect(json(relayCard)).toContain('Pouvez-vous vérifier l’administrateur technique déclaré ?');
    expect(relayCard?.actions?.[0]?.data).toEqual({ verb: 'ticket.answer', ticket: ticketId });

    const mid = harness.connector.calls.length;
    const answered = await harness.send(executeAction(requester, { verb: 'ticket.answer', data: { verb: 'ticket.answer', ticket: ticketId, text: 'C’est fait, toujours la même erreur.' } }));
    expect(json(answered.json) + answered.texts.join(' ')).toContain('Transmis à l’équipe de support (CERT-2026-0001).');
    const lines = await harness.connector.waitForCalls(1, (call) => call.seq > mid && sentTo(threadId)(call) && json(call.body).includes('Réponse du demandeur'));
    expect(json(lines[0]?.body)).toContain('C’est fait, toujours la même erreur.');
  });

  it('an internal note stays in the thread and never reaches the requester', async () => {
    const before = harness.connector.calls.length;
    await harness.send(executeAction(channel, { verb: 'ticket.note', data: { verb: 'ticket.note', ticket: ticketId, text: 'Appelé le CH, rappeler demain' } }, { from: AGENT }));
    await harness.connector.waitForCalls(1, (call) => call.seq > before && sentTo(threadId)(call));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.connector.calls.filter((call) => call.seq > before && sentTo(requester.conversationId)(call))).toEqual([]);
  });

  it('a transfer e-mails the ANS with the number in the subject, the facts and the transcript (notes left out)', async () => {
    await harness.send(executeAction(channel, { verb: 'ticket.transfer', data: { verb: 'ticket.transfer', ticket: ticketId } }, { from: AGENT }));
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['ans-certificats@esante.gouv.fr']);
    expect(mail?.raw).toMatch(/Subject: .*CERT-2026-0001/);
    expect(mail?.raw).toMatch(/Reply-To: si@chu-nimes\.fr/i);
    expect(mail?.raw).toContain('Le renouvellement');
    expect(mail?.raw).not.toContain('rappeler demain');
  });

  it('closing needs a resolution; closed, the requester is told and the card offers to reopen; reopen works', async () => {
    const empty = await harness.send(executeAction(channel, { verb: 'ticket.close', data: { verb: 'ticket.close', ticket: ticketId } }, { from: AGENT }));
    expect(json(empty.json)).toContain('Écrivez d’abord le texte');

    const before = harness.connector.calls.length;
    const closed = await harness.send(executeAction(channel, { verb: 'ticket.close', data: { verb: 'ticket.close', ticket: ticketId, text: 'Administrateur corrigé, renouvellement passé.' } }, { from: AGENT }));
    expect(json(closed.json)).toContain('Rouvrir');
    const relays = await harness.connector.waitForCalls(1, (call) => call.seq > before && sentTo(requester.conversationId)(call) && json(call.body).includes('est close'));
    expect(json(relays[0]?.body)).toContain('Administrateur corrigé');

    const again = await harness.send(executeAction(channel, { verb: 'ticket.take', data: { verb: 'ticket.take', ticket: ticketId } }, { from: OTHER_AGENT }));
    expect(json(again.json)).toContain('Ce ticket est clos');

    const reopened = await harness.send(executeAction(channel, { verb: 'ticket.reopen', data: { verb: 'ticket.reopen', ticket: ticketId } }, { from: AGENT }));
    expect(json(reopened.json)).toContain('Pris en charge par Dominique Bernard');
    const events = (await harness.app.store.tickets.events(ticketId)).map((e) => e.kind);
    expect(events).toEqual(['opened', 'taken', 'agent-reply', 'requester-reply', 'note', 'transferred', 'closed', 'reopened']);
  });

  it('someone outside the support team, another requester, a forged ticket id are refused and change nothing', async () => {
    const outsider = newUserId();
    harness.connector.inject({ match: (call) => call.kind === 'getMember' && call.memberId === outsider, answer: connectorFailures.conversationNotFound() });
    const version = (await harness.app.store.tickets.get(ticketId))?.version;

    const notMember = await harness.send(executeAction(channel, { verb: 'ticket.release', data: { verb: 'ticket.release', ticket: ticketId } }, { from: { id: outsider, name: 'Intrus' } }));
    expect(json(notMember.json)).toContain('Seuls les membres de l’équipe');
    const stranger = harness.personalChat();
    const notYours = await harness.send(executeAction(stranger, { verb: 'ticket.answer', data: { verb: 'ticket.answer', ticket: ticketId, text: 'je réponds aussi' } }));
    expect(json(notYours.json)).toContain('Cette demande n’est pas la vôtre');
    const forged = await harness.send(executeAction(channel, { verb: 'ticket.take', data: { verb: 'ticket.take', ticket: 'not-a-ticket' } }, { from: AGENT }));
    expect(json(forged.json)).toContain('Cette demande n’existe pas');

    expect((await harness.app.store.tickets.get(ticketId))?.version).toBe(version);
  });

  it('« mes demandes » lists the requester’s tickets with their state', async () => {
    const mine = await harness.send(message(requester, 'mes demandes'));
    expect(mine.cards[0]?.title).toBe('Mes demandes');
    expect(mine.cards[0]?.texts.join(' ')).toContain('CERT-2026-0001');
  });

  it('the private key sent earlier is found nowhere: database, connector, e-mails', async () => {
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
    const tables = ['tickets', 'ticket_events', 'outbox', 'unanswered_questions', 'bot_state'];
    for (const table of tables) {
      const rows = await harness.app.store.db.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
      expect(JSON.stringify(rows)).not.toContain(secret);
    }
    expect(JSON.stringify(harness.connector.calls.map((call) => call.body))).not.toContain(secret);
    expect(smtp.mails.map((mail) => mail.raw).join('\n')).not.toContain(secret);
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never met');
}
