import type { Translate } from '../src/messages/translator';
import { card, execute, heading, openUrl, text, type AdaptiveCard } from './adaptive';

export const EXPORT_STATES = ['all', 'open', 'closed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** The export form: a period (YYYY-MM-DD) and which tickets, for the queues worked in the channel. */
export interface ExportFormView {
  readonly queues: string;
  readonly from: string;
  readonly to: string;
  readonly state: ExportState;
  readonly hours: number;
}

/** « exporter les tickets »: the period and the state, then « Préparer le fichier ». */
export function exportFormCard(view: ExportFormView, tr: Translate): AdaptiveCard {
  return card(
    [
      heading(tr('export.title')),
      text(tr('export.intro', { queues: view.queues, hours: view.hours }), { isSubtle: true }),
      { type: 'Input.Date', id: 'from', label: tr.plain('export.from'), value: view.from, isRequired: true, errorMessage: tr.plain('export.error.dates') },
      { type: 'Input.Date', id: 'to', label: tr.plain('export.to'), value: view.to, isRequired: true, errorMessage: tr.plain('export.error.dates') },
      {
        type: 'Input.ChoiceSet',
        id: 'state',
        label: tr.plain('export.state'),
        style: 'compact',
        value: view.state,
        choices: EXPORT_STATES.map((state) => ({ title: tr.plain(`export.state.${state}`), value: state })),
      },
    ],
    [execute(tr('export.submit'), { verb: 'support.export' }, 'positive')],
    tr('export.title'),
  );
}

/** The file is ready: how many tickets, until when the link works, and the link (shown to the agent who asked only). */
export function exportReadyCard(view: { readonly summary: string; readonly url: string }, tr: Translate): AdaptiveCard {
  return card([heading(tr('export.title')), text(view.summary)], [openUrl(tr('export.download'), view.url)], view.summary);
}
