import type { Ticket, TicketEventKind, TicketStatus } from './ticket';

/** Who acts on a ticket. */
export interface Actor {
  readonly userId: string;
  readonly name: string | undefined;
}

/** What a support agent or the requester asks to do. */
export type TicketAction =
  | { readonly kind: 'take' }
  | { readonly kind: 'release' }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'transfer' }
  | { readonly kind: 'close'; readonly resolution: string }
  | { readonly kind: 'reopen' }
  | { readonly kind: 'requester-reply'; readonly text: string }
  | { readonly kind: 'rate'; readonly score: number; readonly comment: string; readonly alreadyRated: boolean };

export type TicketRefusal =
  /** The ticket is closed: reopen it first. */
  | 'closed'
  /** Another agent has it. */
  | 'taken-by-other'
  | 'already-yours'
  /** Nobody has it. */
  | 'not-taken'
  | 'not-closed'
  /** A reply, a note or a resolution needs a text. */
  | 'empty-text'
  /** Only a closed ticket is rated, once per close. */
  | 'not-ratable';

/** What an action does to a ticket, or why it is refused. */
export type TicketDecision =
  | {
      readonly ok: true;
      readonly status: TicketStatus;
      readonly assignee: Ticket['assignee'];
      readonly resolution: string | undefined;
      readonly events: ReadonlyArray<{ readonly kind: TicketEventKind; readonly text: string | undefined }>;
    }
  | { readonly ok: false; readonly refusal: TicketRefusal; readonly holder?: string | undefined };

const statusWith = (assignee: Ticket['assignee']): TicketStatus => (assignee ? 'assigned' : 'open');

/**
 * The ticket lifecycle, decided on the server for every action whatever the card showed: open → assigned (taken) →
 * closed (with a resolution) → reopened. An agent's reply to a ticket nobody has takes it; a requester's reply to a
 * closed ticket reopens it (as a help desk's mail collector does). Pure: the store applies the decision only if the
 * ticket has not changed meanwhile.
 */
export function decide(ticket: Ticket, action: TicketAction, actor: Actor): TicketDecision {
  const me = { userId: actor.userId, name: actor.name };
  const heldByOther = ticket.assignee !== undefined && ticket.assignee.userId !== actor.userId;
  const same = (events: Extract<TicketDecision, { ok: true }>['events']): TicketDecision => ({
    ok: true,
    status: ticket.status,
    assignee: ticket.assignee,
    resolution: ticket.resolution,
    events,
  });
  switch (action.kind) {
    case 'take':
      if (ticket.status === 'closed') return { ok: false, refusal: 'closed' };
      if (heldByOther) return { ok: false, refusal: 'taken-by-other', holder: ticket.assignee?.name };
      if (ticket.assignee) return { ok: false, refusal: 'already-yours' };
      return { ok: true, status: 'assigned', assignee: me, resolution: undefined, events: [{ kind: 'taken', text: undefined }] };
    case 'release':
      if (ticket.status === 'closed') return { ok: false, refusal: 'closed' };
      if (!ticket.assignee) return { ok: false, refusal: 'not-taken' };
      if (heldByOther) return { ok: false, refusal: 'taken-by-other', holder: ticket.assignee.name };
      return { ok: true, status: 'open', assignee: undefined, resolution: undefined, events: [{ kind: 'released', text: undefined }] };
    case 'reply': {
      if (ticket.status === 'closed') return { ok: false, refusal: 'closed' };
      if (action.text.trim() === '') return { ok: false, refusal: 'empty-text' };
      const assignee = ticket.assignee ?? me;
      const taken = ticket.assignee ? [] : [{ kind: 'taken' as const, text: undefined }];
      return { ok: true, status: 'assigned', assignee, resolution: undefined, events: [...taken, { kind: 'agent-reply', text: action.text }] };
    }
    case 'note':
      if (action.text.trim() === '') return { ok: false, refusal: 'empty-text' };
      return same([{ kind: 'note', text: action.text }]);
    case 'transfer':
      if (ticket.status === 'closed') return { ok: false, refusal: 'closed' };
      return same([{ kind: 'transferred', text: undefined }]);
    case 'close':
      if (ticket.status === 'closed') return { ok: false, refusal: 'closed' };
      if (action.resolution.trim() === '') return { ok: false, refusal: 'empty-text' };
      return { ok: true, status: 'closed', assignee: ticket.assignee, resolution: action.resolution, events: [{ kind: 'closed', text: action.resolution }] };
    case 'reopen':
      if (ticket.status !== 'closed') return { ok: false, refusal: 'not-closed' };
      return { ok: true, status: statusWith(ticket.assignee), assignee: ticket.assignee, resolution: undefined, events: [{ kind: 'reopened', text: undefined }] };
    case 'rate': {
      if (ticket.status !== 'closed' || action.alreadyRated || !Number.isInteger(action.score) || action.score < 1 || action.score > 5) {
        return { ok: false, refusal: 'not-ratable' };
      }
      return same([{ kind: 'rated', text: action.comment ? `${action.score} — ${action.comment}` : String(action.score) }]);
    }
    case 'requester-reply': {
      if (action.text.trim() === '') return { ok: false, refusal: 'empty-text' };
      const reply = { kind: 'requester-reply' as const, text: action.text };
      if (ticket.status !== 'closed') return same([reply]);
      return { ok: true, status: statusWith(ticket.assignee), assignee: ticket.assignee, resolution: undefined, events: [{ kind: 'reopened', text: undefined }, reply] };
    }
  }
}
