import { card, execute, heading } from '../../../cards/adaptive';
import { myRequestsCard } from '../../../cards/ticket-card';
import type { CardAction } from '../../../cards/actions';
import type { Feature } from '../../conversation/feature';
import type { VerbHandler } from '../../conversation/router';
import { cardReply, refused, textReply, type Turn, type TurnOutcome } from '../../conversation/turn';
import { displayDate, parisDate } from '../../domain/calendar';
import { decide, type Actor, type TicketAction } from '../../domain/tickets/lifecycle';
import { secretInText } from '../../domain/tickets/secrets';
import { TICKET_TOPICS, type Ticket } from '../../domain/tickets/ticket';
import type { SupportChannel } from '../../domain/tickets/ticket-repository';
import { cleanUserLines, cleanUserText } from '../../domain/user-text';
import { ageText, ticketCardOf, ticketStateText, type TicketContext } from '../../notify/ticket-views';
import { trusted } from '../../messages/translator';
import { changedItems, type Routing } from './notifications';
import { summarize } from './statistics';
import { exportHandlers } from './export-handlers';
import { requestHandlers, type RequestHandlerDeps } from './request-handlers';
export { descriptionIn } from './request-handlers';
import type { TicketExports } from './ticket-export';

/** What the escalation feature needs: the request handlers' dependencies (tickets, queues, clock…) and these. */
export interface EscalationFeatureDeps extends RequestHandlerDeps {
  /** Teams or Entra ids of the support admins (SUPPORT_ADMIN_IDS): they choose each queue's channel. */
  readonly adminIds: ReadonlySet<string>;
  /** Whether a user belongs to the team of a support channel (its roster, through the connector, cached briefly). */
  readonly isMember: (channel: SupportChannel, userId: string) => Promise<boolean>;
  /** CSV exports of the tickets behind expiring links, and where certibot is reached from outside (the links' base). */
  readonly exports: TicketExports;
  readonly exportTtlMs: number;
  readonly baseUrl: () => string;
}

/** How often an action is decided again when another one changed the ticket first. */
const RETRIES = 3;

type TicketVerb = 'ticket.take' | 'ticket.release' | 'ticket.reply' | 'ticket.note' | 'ticket.close' | 'ticket.reopen' | 'ticket.transfer';

/**
 * Escalation: a request becomes a ticket that support agents work in their queue's channel (or by e-mail, for a
 * queue outside the tenant), relayed to and from the requester's personal chat. Every action is decided on the
 * server against the stored ticket; every notification is an outbox item stored with the change.
 */
export function escalationFeature(deps: EscalationFeatureDeps): Feature {
  const context: TicketContext = { queues: deps.queues, smtp: deps.smtp };
  const queueOf = (id: string) => deps.queues.find((queue) => queue.id === id);
  const delays = { surveyDelayMs: deps.surveyDelayMs, nudgeDelayMs: deps.nudgeDelayMs };
  const routing = async (ticket: Ticket): Promise<Routing> => ({
    queue: queueOf(ticket.queueId),
    channel: await deps.tickets.supportChannel(ticket.queueId),
    smtp: deps.smtp,
    ...delays,
  });
  const isAdmin = (turn: Turn) =>
    deps.adminIds.has(turn.request.userId) || (turn.request.userAadId !== undefined && deps.adminIds.has(turn.request.userAadId.toLowerCase()));
  const actorOf = (turn: Turn): Actor => ({ userId: turn.request.userId, name: turn.request.userName });

  const { form, submit, requestDialog } = requestHandlers(deps, queueOf);

  /** Decides an action on the current ticket and applies it, deciding again if another change came first. */
  const act = async (turn: Turn, ticketId: string, action: TicketAction, actor: Actor): Promise<{ ticket: Ticket } | { refusal: TurnOutcome }> => {
    for (let attempt = 0; attempt < RETRIES; attempt += 1) {
      const ticket = await deps.tickets.get(ticketId);
      if (!ticket) return { refusal: refused(turn.tr('ticket.refusal.unknown')) };
      const decision = decide(ticket, action, actor);
      if (!decision.ok) {
        const name = decision.holder ?? turn.tr.plain('ticket.refusal.someone');
        return { refusal: refused(turn.tr(`ticket.refusal.${decision.refusal}`, { name })) };
      }
      const route = await routing(ticket);
      const now = deps.clock.now();
      const updated = await deps.tickets.apply(ticket, decision, actor, now, (changed, events) => changedItems(changed, events, route, now));
      if (updated) {
        deps.wake();
        return { ticket: updated };
      }
    }
    return { refusal: refused(turn.tr('error.generic', { ref: 'ticket' })) };
  };

  /** An agent's button on the ticket card: in the queue's channel, by a member of its team. */
  const agentVerb =
    <V extends TicketVerb>(verb: V): VerbHandler<V> =>
    async (turn, raw) => {
      const action = raw as Extract<CardAction, { verb: TicketVerb }> & { text?: string };
      const ticket = await deps.tickets.get(action.ticket);
      if (!ticket) return refused(turn.tr('ticket.refusal.unknown'));
      const channel = await deps.tickets.supportChannel(ticket.queueId);
      if (!channel || channel.conversationId !== turn.request.conversationId || !(await deps.isMember(channel, turn.request.userId))) {
        return refused(turn.tr('ticket.refusal.notMember'));
      }
      const body = cleanUserLines(action.text ?? '');
      const secret = body ? secretInText(body) : undefined;
      if (secret) return refused(turn.tr(`ticket.secret.${secret}`));
      const lifecycle: TicketAction =
        verb === 'ticket.take'
          ? { kind: 'take' }
          : verb === 'ticket.release'
            ? { kind: 'release' }
            : verb === 'ticket.reply'
              ? { kind: 'reply', text: body }
              : verb === 'ticket.note'
                ? { kind: 'note', text: body }
                : verb === 'ticket.close'
                  ? { kind: 'close', resolution: body }
                  : verb === 'ticket.reopen'
                    ? { kind: 'reopen' }
                    : { kind: 'transfer' };
      const done = await act(turn, ticket.id, lifecycle, actorOf(turn));
      if ('refusal' in done) return done.refusal;
      // The clicker's own view at once; everyone else's through the card update stored with the change.
      return { replies: [cardReply(ticketCardOf(done.ticket, context, deps.clock.now(), turn.locale, turn.tr))] };
    };

  const answer: VerbHandler<'ticket.answer'> = async (turn, action) => {
    const ticket = await deps.tickets.get(action.ticket);
    const requester = ticket?.requester;
    const mine = requester && requester.userId === turn.request.userId && (!requester.tenantId || !turn.request.tenantId || requester.tenantId === turn.request.tenantId);
    if (!ticket || !mine) return refused(turn.tr(ticket ? 'ticket.refusal.notYours' : 'ticket.refusal.unknown'));
    const body = cleanUserLines(action.text ?? '');
    const secret = secretInText(body);
    if (secret) return refused(turn.tr(`ticket.secret.${secret}`));
    const done = await act(turn, ticket.id, { kind: 'requester-reply', text: body }, actorOf(turn));
    if ('refusal' in done) return done.refusal;
    return { replies: [textReply(turn.tr('ticket.answer.sent', { number: ticket.number }))] };
  };

  const rate: VerbHandler<'ticket.rate'> = async (turn, action) => {
    const ticket = await deps.tickets.get(action.ticket);
    const requester = ticket?.requester;
    if (!ticket || !requester || requester.userId !== turn.request.userId) return refused(turn.tr(ticket ? 'ticket.refusal.notYours' : 'ticket.refusal.unknown'));
    const events = await deps.tickets.events(ticket.id);
    const lastClose = Math.max(0, ...events.filter((e) => e.kind === 'closed').map((e) => e.seq));
    const alreadyRated = events.some((e) => e.kind === 'rated' && e.seq > lastClose);
    const done = await act(turn, ticket.id, { kind: 'rate', score: action.score, comment: cleanUserText(action.text ?? '').slice(0, 500), alreadyRated }, actorOf(turn));
    if ('refusal' in done) return done.refusal;
    return { replies: [textReply(turn.tr('ticket.survey.thanks', { number: ticket.number }))] };
  };

  /** The queues worked in this channel, when the person is a member of its team; else the refusal to give. */
  const agentQueues = async (turn: Turn): Promise<{ queueIds: string[] } | { refusal: TurnOutcome }> => {
    const queueIds = await deps.tickets.queuesWorkedIn(turn.request.conversationId);
    if (queueIds.length === 0) return { refusal: { replies: [textReply(turn.tr('support.open.notHere'))] } };
    for (const queueId of queueIds) {
      const channel = await deps.tickets.supportChannel(queueId);
      if (!channel || !(await deps.isMember(channel, turn.request.userId))) return { refusal: refused(turn.tr('ticket.refusal.notMember')) };
    }
    return { queueIds };
  };
  const stats = async (turn: Turn): Promise<TurnOutcome> => {
    const agent = await agentQueues(turn);
    if ('refusal' in agent) return agent.refusal;
    const parts: string[] = [];
    for (const queueId of agent.queueIds) {
      const tickets = await deps.tickets.allInQueue(queueId);
      const s = await summarize(tickets, (id) => deps.tickets.events(id));
      const deflected = await deps.tickets.countDeflections(queueId);
      const asked = deflected + tickets.length;
      const duration = (ms: number | undefined) => (ms === undefined ? turn.tr.plain('support.stats.none') : ageText(new Date(0), new Date(ms), turn.tr));
      parts.push(
        `**${turn.tr('support.stats.title', { queue: queueOf(queueId)?.name ?? queueId })}**\n` +
          turn.tr('support.stats.body', {
            open: s.byStatus.open,
            assigned: s.byStatus.assigned,
            closed: s.byStatus.closed,
            // Composed here from the catalogs: no user text in them.
            topics: trusted(TICKET_TOPICS.filter((t) => s.byTopic[t]).map((t) => `${turn.tr.plain(`ticket.topic.${t}`)} ${s.byTopic[t]}`).join(', ') || turn.tr.plain('support.stats.none')),
            firstAnswer: trusted(duration(s.medianFirstAnswerMs)),
            close: trusted(duration(s.medianCloseMs)),
            deflected,
            asked,
            rate: asked > 0 ? Math.round((100 * deflected) / asked) : 0,
            satisfaction: trusted(
              s.ratings > 0 ? turn.tr.plain('support.stats.satisfaction', { average: s.averageRating.toFixed(1), count: s.ratings }) : turn.tr.plain('support.stats.none'),
            ),
          }),
      );
    }
    return { replies: [textReply(parts.join('\n\n'))] };
  };

  const here = async (turn: Turn): Promise<TurnOutcome> => {
    if (turn.request.conversationKind !== 'channel') return { replies: [textReply(turn.tr('support.here.channelOnly'))] };
    if (!isAdmin(turn)) return refused(turn.tr('support.here.notAdmin'));
    const choose = card(
      [heading(turn.tr('support.here.pick'))],
      deps.queues.map((queue) => execute(queue.name, { verb: 'support.queue', queue: queue.id })),
      turn.tr('support.here.pick'),
    );
    return { replies: [cardReply(choose)] };
  };

  const setQueue: VerbHandler<'support.queue'> = async (turn, action) => {
    if (turn.request.conversationKind !== 'channel') return { replies: [textReply(turn.tr('support.here.channelOnly'))] };
    if (!isAdmin(turn)) return refused(turn.tr('support.here.notAdmin'));
    const queue = queueOf(action.queue);
    if (!queue) return refused(turn.tr('ticket.error.choice'));
    const conversation = await deps.conversations.get(turn.request.conversationId);
    const before = await deps.tickets.supportChannel(queue.id);
    await deps.tickets.setSupportChannel({
      queueId: queue.id,
      conversationId: turn.request.conversationId,
      teamId: conversation?.teamId,
      tenantId: turn.request.tenantId,
      serviceUrl: turn.request.serviceUrl ?? conversation?.serviceUrl ?? '',
      setBy: turn.request.userId,
      setAt: deps.clock.now(),
    });
    const moved = before && before.conversationId !== turn.request.conversationId;
    return { replies: [textReply(turn.tr(moved ? 'support.here.moved' : 'support.here.done', { queue: queue.name }))] };
  };

  const mineList = async (turn: Turn): Promise<TurnOutcome> => {
    const tickets = await deps.tickets.forRequester(turn.request.userId);
    const view = {
      tickets: tickets.map((ticket) => ({
        number: ticket.number,
        topic: ticket.topic,
        state: ticketStateText(ticket, turn.tr),
        updated: displayDate(parisDate(ticket.updatedAt), turn.locale),
      })),
    };
    return { replies: [cardReply(myRequestsCard(view, turn.tr))] };
  };

  const openList = async (turn: Turn): Promise<TurnOutcome> => {
    const agent = await agentQueues(turn);
    if ('refusal' in agent) return agent.refusal;
    const lines: string[] = [];
    for (const queueId of agent.queueIds) {
      const name = queueOf(queueId)?.name ?? queueId;
      const open = await deps.tickets.openInQueue(queueId);
      lines.push(`**${turn.tr('support.open.title', { queue: name })}**`);
      if (open.length === 0) lines.push(turn.tr('support.open.none', { queue: name }));
      for (const ticket of open.slice(0, 30)) {
        lines.push(
          `- ${turn.tr('support.open.line', {
            number: ticket.number,
            topic: turn.tr.plain(`ticket.topic.${ticket.topic}`),
            structure: ticket.structure,
            state: ticketStateText(ticket, turn.tr),
            age: ageText(ticket.createdAt, deps.clock.now(), turn.tr),
          })}`,
        );
      }
    }
    return { replies: [textReply(lines.join('\n'))] };
  };

  const exports = exportHandlers({ ...deps, agentQueues, queueName: (id) => queueOf(id)?.name ?? id });

  return {
    name: 'escalation',
    dialogs: [requestDialog],
    intents: {
      'support.human': (turn) => form(turn, {}),
      'support.here': here,
      'support.mine': mineList,
      'support.open': openList,
      'support.stats': stats,
      'support.export': exports.form,
    },
    verbs: {
      'ticket.form': (turn, action) => form(turn, { topic: action.topic, certificateId: action.certificate }),
      'ticket.submit': submit,
      'ticket.take': agentVerb('ticket.take'),
      'ticket.release': agentVerb('ticket.release'),
      'ticket.reply': agentVerb('ticket.reply'),
      'ticket.note': agentVerb('ticket.note'),
      'ticket.close': agentVerb('ticket.close'),
      'ticket.reopen': agentVerb('ticket.reopen'),
      'ticket.transfer': agentVerb('ticket.transfer'),
      'ticket.answer': answer,
      'ticket.rate': rate,
      'support.queue': setQueue,
      'support.export': exports.file,
    },
    routes: [exports.route],
    outboxKinds: ['ticket-card', 'ticket-thread', 'ticket-relay', 'email'],
    personalData: [
      { category: 'tickets', count: (id) => deps.tickets.countForRequester(id), erase: (id) => deps.tickets.eraseRequester(id) },
    ],
  };
}

