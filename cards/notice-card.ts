import type { MessageKey, Translate } from '../src/messages/translator';
import { card, execute, text, type AdaptiveCard, type CardElement } from './adaptive';

/** A notice to an owner: another target of their certificates can no longer be reached. */
export interface UnreachableNoticeView {
  /** The kind of conversation that refused, if its record is still known. */
  readonly where: 'channel' | 'groupChat' | 'personal' | undefined;
  /** Why, in the reader's words (see unreachableReasonText). */
  readonly reason: string;
  /** The certificates reminded there, in the reader's words; soonest expiry first. */
  readonly certificates: readonly { readonly id: string; readonly label: string; readonly expiry: string }[];
}

const WHERE: Record<NonNullable<UnreachableNoticeView['where']> | 'unknown', MessageKey> = {
  channel: 'notice.where.channel',
  groupChat: 'notice.where.groupChat',
  personal: 'notice.where.personal',
  unknown: 'notice.where.unknown',
};

/** Shown certificates: a card stays short and within Teams' size limit. */
const MAX_SHOWN = 10;

/** "Reminders not delivered": where, why, which certificates, when it resumes, and each certificate's history. */
export function unreachableNoticeCard(view: UnreachableNoticeView, tr: Translate): AdaptiveCard {
  const body = tr('notice.body', { where: tr(WHERE[view.where ?? 'unknown']), reason: view.reason });
  const shown = view.certificates.slice(0, MAX_SHOWN);
  // Each certificate with its own « Historique »: a button names no certificate, whose name may be long.
  const lines: CardElement[] = shown.map((certificate) => ({
    type: 'Container',
    spacing: 'none',
    items: [
      text(tr('notice.line', certificate), { spacing: 'none' }),
      { type: 'ActionSet', actions: [execute(tr('list.history'), { verb: 'register.history', certificate: certificate.id })] },
    ],
  }));
  return card(
    [
      text(tr('notice.title'), { size: 'medium', weight: 'bolder', style: 'heading', color: 'attention' }),
      text(body, { wrap: true }),
      ...(shown.length > 0 ? [text(tr('notice.certificates'), { weight: 'bolder' })] : []),
      ...lines,
      text(tr('notice.resume'), { isSubtle: true }),
    ],
    [],
    `${tr('notice.title')} — ${body}`,
  );
}
