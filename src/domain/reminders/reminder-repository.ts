import type { CertificateRecord, ReminderTarget } from './certificate';
import type { Delivery } from './delivery';

/** A target as given when registering a certificate: its certificate is the one being registered. */
export type NewReminderTarget = Omit<ReminderTarget, 'certificateId'>;

/** A certificate with where its reminders go. */
export interface RegisteredCertificate {
  readonly certificate: CertificateRecord;
  readonly targets: readonly ReminderTarget[];
}

/** What a user sees of one of their certificates in a list. */
export interface CertificateSummary extends RegisteredCertificate {
  /** The earliest reminder still to go (pending or being sent), any target. */
  readonly nextDelivery: Delivery | undefined;
  /** The latest reminder that has come due, whatever became of it (sent, retrying, failed, skipped…). */
  readonly lastDelivery: Delivery | undefined;
}

/** A certificate reminded in a conversation, with its next reminder there (of the current expiry date), if any. */
export interface RemindedHere {
  readonly certificate: CertificateRecord;
  readonly nextReminderAt: Date | undefined;
}

/**
 * The certificate register and its reminders (a port: SQLite and PostgreSQL implement it). Reminders are outbox items:
 * the register plans them, the outbox sends them.
 */
export interface CertificateRegister {
  /** Registers a certificate with its targets and plans its reminders, in one transaction. */
  create(certificate: CertificateRecord, targets: readonly NewReminderTarget[], now: Date): Promise<void>;
  /**
   * Saves a changed certificate and re-plans its reminders: a new expiry date (renewal) skips every reminder of the
   * old one still to go and plans the new ones; other changes re-time or skip the reminders still to go. Sent ones are
   * never planned again. Answers false for an unknown certificate.
   */
  update(certificate: CertificateRecord, now: Date): Promise<boolean>;
  /** Forgets a certificate, its targets and its deliveries. */
  delete(certificateId: string): Promise<boolean>;
  get(certificateId: string): Promise<RegisteredCertificate | undefined>;
  /** The certificates a user owns (created, or reminded in their personal chat), soonest expiry first. */
  listForUser(userId: string, now: Date): Promise<CertificateSummary[]>;
  /**
   * The certificates reminded in a conversation (a channel's « échéances », its tab), soonest expiry first, each with
   * its next reminder there.
   */
  listForConversation(conversationId: string): Promise<RemindedHere[]>;
  /**
   * The certificates reminded in any of these conversations (a team's channels), soonest expiry first, with only those
   * conversations' targets and reminders: what a team sees, and nothing of its members' personal chats.
   */
  listForConversations(conversationIds: readonly string[], now: Date): Promise<CertificateSummary[]>;
  /** Adds a target and plans its reminders; false if the certificate is unknown or the target already there. */
  addTarget(target: ReminderTarget, now: Date): Promise<boolean>;
  /** Removes a target; its reminders still to go are skipped. */
  removeTarget(certificateId: string, conversationId: string, now: Date): Promise<boolean>;
  /**
   * Records that someone read a sent reminder ("got it"): that delivery and its copies posted to the certificate's
   * other targets (same expiry cycle and threshold) are acknowledged at once, so that every owner sees who took it.
   * Answers the deliveries it acknowledged, the clicked one first; empty if it was not sent or already acknowledged.
   */
  acknowledge(deliveryId: string, by: Acknowledger, now: Date): Promise<Delivery[]>;
  /**
   * "Remind me again at `until`" in one conversation: the reminders of that conversation due before `until` are
   * skipped as 'snoozed' and one snooze reminder ("s1", "s2"…) is planned at `until`. Undefined if the certificate or
   * the target is unknown.
   */
  snooze(certificateId: string, conversationId: string, until: Date, now: Date): Promise<Delivery | undefined>;
  /** Switches a certificate's reminders off (thresholds emptied) and skips those still to go. */
  stop(certificateId: string, now: Date): Promise<boolean>;
  /** One delivery by id: a card verb carries only that id, so the edge loads it (and its certificate) to check who acts. */
  getDelivery(deliveryId: string): Promise<Delivery | undefined>;
  /** Register entries tied to a user (certificates created, personal-chat targets), for "delete my data". */
  countForUser(userId: string): Promise<number>;
  /** Erases a user from the register; certificates still reminded elsewhere are kept without their creator. */
  eraseForUser(userId: string): Promise<number>;
  /** Every delivery of a certificate, all expiry cycles, in due order: what the owner is shown. */
  deliveryStatus(certificateId: string): Promise<Delivery[]>;
  /** The certificates reminded in both conversations, soonest expiry first: what a notice lists. */
  sharedCertificates(conversationId: string, otherConversationId: string): Promise<CertificateRecord[]>;
}

/**
 * The one owner of a conversation's unreachable mark: marking it and telling the owners of what was reminded there
 * happen in one transaction.
 */
export interface ReminderNotices {
  /**
   * A conversation refused a reminder for good (403/404): marks it unreachable (its reminders wait until it speaks
   * again) and, if it was not marked already, plans one notice ("u" key, due now) to each other owner of the
   * certificates it was a target of — their personal chats, or the certificate's other targets when it has no other
   * owner — in the same transaction. Answers the notices planned.
   */
  markUnreachable(conversationId: string, reason: string, now: Date): Promise<Delivery[]>;
  /**
   * The bot was removed from a conversation (uninstalled, removed from the team or chat). If certificates are reminded
   * there, it is kept, marked unreachable with BOT_REMOVED and their other owners are told, as for markUnreachable, so
   * that reminders resume if the bot is added back; otherwise the conversation is forgotten. With `teamId` the bot
   * left a whole team (a bot is installed in a team, not in a channel): every channel of that team is removed so, not
   * only the one the event came from. Answers the notices.
   */
  conversationRemoved(conversationId: string, now: Date, teamId?: string): Promise<Delivery[]>;
}

/** Who acknowledged a reminder: the Teams user id, and the display name shown to the owners (if Teams gave one). */
export interface Acknowledger {
  readonly userId: string;
  readonly name: string | undefined;
}
