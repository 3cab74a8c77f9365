import { EXPORT_STATES, exportFormCard, exportReadyCard } from '../../../cards/ticket-export-card';
import type { HttpRoute } from '../../conversation/feature';
import type { VerbHandler } from '../../conversation/router';
import { cardReply, refused, type Turn, type TurnOutcome } from '../../conversation/turn';
import { displayDate, parisDate } from '../../domain/calendar';
import { addDays } from '../../domain/civil-date';
import type { Clock } from '../../domain/clock';
import { exportPeriodError, type TicketExports } from './ticket-export';

export interface ExportHandlersDeps {
  readonly exports: TicketExports;
  readonly exportTtlMs: number;
  readonly baseUrl: () => string;
  readonly clock: Clock;
  /** The queues worked in the turn's channel when the person is a member of its team; else the refusal to give. */
  readonly agentQueues: (turn: Turn) => Promise<{ queueIds: string[] } | { refusal: TurnOutcome }>;
  readonly queueName: (queueId: string) => string;
}

/**
 * « exporter les tickets » in a support channel: the form, the link (for the clicker alone), and the CSV behind it,
 * served while the link lives.
 */
export function exportHandlers(deps: ExportHandlersDeps): {
  readonly form: (turn: Turn) => Promise<TurnOutcome>;
  readonly file: VerbHandler<'support.export'>;
  readonly route: HttpRoute;
} {
  const queueNames = (queueIds: readonly string[]) => queueIds.map(deps.queueName).join(', ');
  const exportHours = Math.round(deps.exportTtlMs / 3_600_000);

  /** « exporter les tickets »: the export form, for the last 30 days of every state by default. */
  const form = async (turn: Turn): Promise<TurnOutcome> => {
    const agent = await deps.agentQueues(turn);
    if ('refusal' in agent) return agent.refusal;
    const today = parisDate(deps.clock.now());
    return { replies: [cardReply(exportFormCard({ queues: queueNames(agent.queueIds), from: addDays(today, -30), to: today, state: 'all', hours: exportHours }, turn.tr))] };
  };

  /** « Préparer le fichier »: checked, then a link for the clicker only (the answer to an invoke is theirs alone). */
  const file: VerbHandler<'support.export'> = async (turn, action) => {
    const agent = await deps.agentQueues(turn);
    if ('refusal' in agent) return agent.refusal;
    const from = (action.from ?? '').trim();
    const to = (action.to ?? '').trim();
    const state = EXPORT_STATES.find((s) => s === action.state);
    if (!state || exportPeriodError(from, to)) return refused(turn.tr('export.error.dates'));
    const base = deps.baseUrl();
    if (!base) return refused(turn.tr('export.error.noLink'));
    const link = await deps.exports.issue(turn.request.userId, { queueIds: agent.queueIds, from, to, state, locale: turn.locale });
    const summary = turn.tr('export.ready', {
      count: link.count,
      from: displayDate(from, turn.locale),
      to: displayDate(to, turn.locale),
      state: turn.tr.plain(`export.state.${state}`),
      expires: displayDate(parisDate(link.expiresAt), turn.locale),
    });
    return { replies: [cardReply(exportReadyCard({ summary, url: `${base}/support/export/${link.token}.csv` }, turn.tr))] };
  };

  const route: HttpRoute = {
    method: 'GET',
    path: '/support/export/:file',
    handle: async ({ file: name }) => {
      const token = /^([A-Za-z0-9_-]{43})\.csv$/.exec(name ?? '')?.[1];
      const exported = token ? await deps.exports.file(token) : undefined;
      // Unknown, malformed and expired links look the same from outside.
      if (!exported) return { status: 404, body: '' };
      return {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${exported.name}"`,
          'Cache-Control': 'no-store',
          'X-Robots-Tag': 'noindex',
          'X-Content-Type-Options': 'nosniff',
        },
        body: exported.csv,
      };
    },
  };

  return { form, file, route };
}
