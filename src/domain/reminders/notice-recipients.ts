/** Another target of a certificate that was reminded in the conversation that can no longer be reached. */
export interface OtherTarget {
  readonly certificateId: string;
  readonly expiryDate: string;
  readonly conversationId: string;
  readonly kind: 'personal' | 'channel' | 'groupChat';
  /** Whether certibot can still write there. */
  readonly reachable: boolean;
}

/** Who is told, and about which certificate (the first one, soonest expiry, of those they share). */
export interface NoticeRecipient {
  readonly conversationId: string;
  readonly certificateId: string;
  readonly expiryDate: string;
}

/**
 * Who is told that a conversation can no longer be reached: per certificate reminded there, its other owners (their
 * personal chats), else — a certificate with no other owner — its other targets; unreachable ones never. Each
 * recipient once, for the first of its certificates in the given order (soonest expiry first).
 */
export function noticeRecipients(others: readonly OtherTarget[]): NoticeRecipient[] {
  const recipients = new Map<string, NoticeRecipient>();
  for (const certificateId of new Set(others.map((target) => target.certificateId))) {
    const reachable = others.filter((target) => target.certificateId === certificateId && target.reachable);
    const owners = reachable.filter((target) => target.kind === 'personal');
    for (const target of owners.length > 0 ? owners : reachable) {
      if (!recipients.has(target.conversationId)) {
        recipients.set(target.conversationId, { conversationId: target.conversationId, certificateId, expiryDate: target.expiryDate });
      }
    }
  }
  return [...recipients.values()];
}
