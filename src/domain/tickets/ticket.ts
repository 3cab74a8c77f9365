/**
 * A support request: what the requester asked, where it is worked (a queue: the ANS certificate team, a regional
 * GRADeS), who works it, and everything that happened to it (events). Tickets are never deleted; a requester who
 * erases their data leaves the ticket to the support team without their identity.
 */
export const TICKET_TOPICS = ['order', 'renewal', 'expired', 'platform', 'sharing', 'other'] as const;
export type TicketTopic = (typeof TICKET_TOPICS)[number];

export const TICKET_URGENCIES = ['low', 'normal', 'high'] as const;
export type TicketUrgency = (typeof TICKET_URGENCIES)[number];

export type TicketStatus =
  /** Nobody has taken it. */
  | 'open'
  /** An agent has taken it. */
  | 'assigned'
  | 'closed';

/** What a requester fills in (validated at the edge); the bot adds who, where and when. */
export interface TicketDraft {
  readonly queueId: string;
  readonly topic: TicketTopic;
  readonly urgency: TicketUrgency;
  readonly structure: string;
  /** 9 characters, checked (Luhn, 2A/2B). */
  readonly finess: string | undefined;
  readonly description: string;
  readonly contactEmail: string;
  /** The certificate the request is about, when it came from a reminder or a certificate file. */
  readonly certificate: TicketCertificate | undefined;
  /** The form card it was sent from: a form sends one ticket, however often it is clicked. */
  readonly formId?: string | undefined;
}

/** What is known of the certificate in question: never a private key. */
export interface TicketCertificate {
  readonly label?: string | undefined;
  readonly subject?: string | undefined;
  readonly issuer?: string | undefined;
  readonly serial?: string | undefined;
  /** YYYY-MM-DD */
  readonly expiry?: string | undefined;
}

export interface Requester {
  readonly userId: string;
  readonly name: string | undefined;
  readonly tenantId: string | undefined;
  /** Their personal chat with certibot, where answers are relayed. */
  readonly conversationId: string;
}

export interface Ticket extends TicketDraft {
  readonly id: string;
  /** CERT-2026-0042: the year and a number with no gap and no duplicate within it. */
  readonly number: string;
  readonly status: TicketStatus;
  /** Undefined once the requester erased their data. */
  readonly requester: Requester | undefined;
  readonly assignee: { readonly userId: string; readonly name: string | undefined } | undefined;
  readonly resolution: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | undefined;
  /** Bumped by every change: an action decided on one version is refused on another. */
  readonly version: number;
  /** The support channel thread and its ticket card, once posted. */
  readonly thread: { readonly conversationId: string; readonly activityId: string } | undefined;
}

export type TicketEventKind =
  | 'opened'
  | 'taken'
  | 'released'
  | 'agent-reply'
  | 'requester-reply'
  | 'note'
  | 'transferred'
  | 'closed'
  | 'reopened'
  /** The requester's satisfaction after a close: "4" or "4 — comment". */
  | 'rated';

/** One line of a ticket's history. `text` is user text (a reply, a note, a resolution), cleaned on input. */
export interface TicketEvent {
  readonly ticketId: string;
  readonly seq: number;
  readonly kind: TicketEventKind;
  readonly actorId: string | undefined;
  readonly actorName: string | undefined;
  readonly text: string | undefined;
  readonly at: Date;
}

/** The readable number of the `seq`-th ticket of `year`: CERT-2026-0042. */
export function ticketNumber(year: number, seq: number): string {
  return `CERT-${year}-${String(seq).padStart(4, '0')}`;
}

/** Whether a ticket number is well formed (from a typed "CERT-2026-0042" or a card). */
export function isTicketNumber(value: string): boolean {
  return /^CERT-\d{4}-\d{4,9}$/.test(value);
}
