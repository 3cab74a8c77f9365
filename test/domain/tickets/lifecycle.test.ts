import { decide, type TicketAction } from '../../../src/domain/tickets/lifecycle';
import type { Ticket } from '../../../src/domain/tickets/ticket';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  number: 'CERT-2026-0001',
  queueId: 'ans',
  topic: 'renewal',
  urgency: 'normal',
  structure: 'CH de Nîmes',
  finess: undefined,
  description: 'Le renouvellement échoue',
  contactEmail: 'si@chu.fr',
  certificate: undefined,
  status: 'open',
  requester: { userId: '29:req', name: 'Camille', tenantId: 't', conversationId: 'a:req' },
  assignee: undefined,
  resolution: undefined,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  closedAt: undefined,
  version: 1,
  thread: undefined,
  ...over,
});
const alice = { userId: '29:alice', name: 'Alice' };
const bob = { userId: '29:bob', name: 'Bob' };
const heldByAlice = ticket({ status: 'assigned', assignee: alice });
const closed = ticket({ status: 'closed', assignee: alice, resolution: 'fait' });

describe('the ticket lifecycle', () => {
  it.each<[string, Ticket, TicketAction, object]>([
    ['an open ticket is taken', ticket(), { kind: 'take' }, { ok: true, status: 'assigned', assignee: alice }],
    ['a ticket another agent has is not taken again, and says who has it', heldByAlice, { kind: 'take' }, { ok: false, refusal: 'taken-by-other', holder: 'Alice' }],
    ['taking one’s own ticket again changes nothing', heldByAlice, { kind: 'take' }, { ok: false, refusal: 'already-yours' }],
    ['a closed ticket is not taken', closed, { kind: 'take' }, { ok: false, refusal: 'closed' }],
    ['the holder releases it', heldByAlice, { kind: 'release' }, { ok: true, status: 'open', assignee: undefined }],
    ['nobody else releases it', heldByAlice, { kind: 'release' }, { ok: false, refusal: 'taken-by-other' }],
    ['an open ticket cannot be released', ticket(), { kind: 'release' }, { ok: false, refusal: 'not-taken' }],
    ['a reply to an open ticket takes it', ticket(), { kind: 'reply', text: 'Bonjour' }, { ok: true, status: 'assigned', assignee: bob }],
    ['a reply keeps another agent as the holder', heldByAlice, { kind: 'reply', text: 'Bonjour' }, { ok: true, assignee: alice }],
    ['an empty reply is refused', ticket(), { kind: 'reply', text: '  ' }, { ok: false, refusal: 'empty-text' }],
    ['no reply on a closed ticket', closed, { kind: 'reply', text: 'x' }, { ok: false, refusal: 'closed' }],
    ['a note changes nothing but the history', heldByAlice, { kind: 'note', text: 'appelé' }, { ok: true, status: 'assigned', assignee: alice }],
    ['closing needs a resolution', heldByAlice, { kind: 'close', resolution: '' }, { ok: false, refusal: 'empty-text' }],
    ['closing keeps the resolution', heldByAlice, { kind: 'close', resolution: 'renouvelé' }, { ok: true, status: 'closed', resolution: 'renouvelé' }],
    ['a closed ticket reopens to its holder', closed, { kind: 'reopen' }, { ok: true, status: 'assigned', assignee: alice, resolution: undefined }],
    ['an open ticket does not reopen', ticket(), { kind: 'reopen' }, { ok: false, refusal: 'not-closed' }],
    ['a requester’s answer to a closed ticket reopens it', closed, { kind: 'requester-reply', text: 'ça ne marche pas' }, { ok: true, status: 'assigned' }],
  ])('%s', (_case, before, action, expected) => {
    const actor = _case.includes('another agent') || _case.includes('nobody else') || _case.includes('reply to an open') || _case.includes('keeps another') ? bob : alice;
    expect(decide(before, action, actor)).toMatchObject(expected);
  });

  it('a reply to an open ticket records that it was taken, then the reply', () => {
    const decision = decide(ticket(), { kind: 'reply', text: 'Bonjour' }, bob);
    expect(decision.ok && decision.events.map((e) => e.kind)).toEqual(['taken', 'agent-reply']);
  });

  it('a requester’s answer to a closed ticket records the reopening, then the answer', () => {
    const decision = decide(closed, { kind: 'requester-reply', text: 'encore' }, { userId: '29:req', name: 'Camille' });
    expect(decision.ok && decision.events.map((e) => e.kind)).toEqual(['reopened', 'requester-reply']);
  });
});
