import type { Translate } from '../src/messages/translator';
import { card, execute, heading, text, type AdaptiveCard, type CardElement, type TextColor } from './adaptive';

/** One delivery of the history, already in the reader's words. */
export interface HistoryLine {
  /** "12 septembre 2026 · J-7 · canal". */
  readonly title: string;
  /** "envoyé le 12 septembre 2026 à 09:00", "non remis : certibot en a été retiré"… */
  readonly status: string;
  readonly tone: 'good' | 'attention' | 'neutral';
}

export interface ReminderHistoryView {
  readonly certificateId: string;
  readonly label: string;
  readonly expiry: string;
  readonly targets: number;
  readonly upcoming: readonly HistoryLine[];
  /** Most recent first. */
  readonly past: readonly HistoryLine[];
  /** Past deliveries left out to keep the card short. */
  readonly older: number;
}

const COLOR: Record<HistoryLine['tone'], TextColor> = { good: 'good', attention: 'attention', neutral: 'default' };

function section(title: string, lines: readonly HistoryLine[]): CardElement[] {
  if (lines.length === 0) return [];
  return [
    text(title, { weight: 'bolder', separator: true }),
    ...lines.flatMap((line): CardElement[] => [
      text(line.title, { size: 'small', isSubtle: true, spacing: 'small' }),
      text(line.status, { color: COLOR[line.tone], spacing: 'none' }),
    ]),
  ];
}

/** The owner's view of a certificate's reminders: what is planned, and what became of each one that came due. */
export function reminderHistoryCard(view: ReminderHistoryView, tr: Translate): AdaptiveCard {
  const empty = view.upcoming.length === 0 && view.past.length === 0;
  const body: CardElement[] = [
    heading(tr('history.title', { label: view.label })),
    text(tr('history.intro', { expiry: view.expiry, targets: view.targets }), { isSubtle: true, spacing: 'none' }),
    ...(empty ? [text(tr('history.empty'))] : []),
    ...section(tr('history.upcoming'), view.upcoming),
    ...section(tr('history.past'), view.past),
    ...(view.older > 0 ? [text(tr('history.older', { count: view.older }), { isSubtle: true, size: 'small' })] : []),
  ];
  return card(body, [execute(tr('list.settings'), { verb: 'register.settings', certificate: view.certificateId })], tr('history.title', { label: view.label }));
}
