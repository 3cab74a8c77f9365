import { z } from 'zod';
import { datePickCard, dateRoleCard } from '../cards/date-question-card';
import { cardReply, mentionHint, textReply, type Reply, type Turn, type TurnOutcome } from '../src/conversation/turn';
import { displayDate, parisDate } from '../src/domain/calendar';
import { planFromExpiry, planFromIssue, RenewalDateError, type RenewalPlan } from '../src/domain/renewal';
import { monthOnlyIn } from '../src/parsing/month-year';
import { dayMonthIn } from '../src/parsing/day-month';
import { parseDates, type DateRole } from '../src/parsing/dates';
import type { Dialog, DialogInput } from '../src/conversation/dialog';

export const RENEWAL_DATES_DIALOG = 'renewalDates';

/** How the renewal-dates feature shows a plan (its RenewalReplies): all the dialog needs of it. */
export interface TimelineReplies {
  timeline(turn: Turn, plan: RenewalPlan): Promise<Reply>;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** What the dialog waits for; read back through this schema, never trusted as stored. */
const stateSchema = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('date') }),
  z.object({ stage: z.literal('pick'), options: z.array(z.object({ date: isoDate, role: z.enum(['issue', 'expiry']).optional() })).min(2).max(5) }),
  z.object({ stage: z.literal('role'), date: isoDate }),
]);
type State = z.infer<typeof stateSchema>;

const ROLE_WORDS: ReadonlyArray<{ role: DateRole; pattern: RegExp }> = [
  { role: 'issue', pattern: /^(c est )?(la )?(date de )?(delivrance|emission|obtention|creation)|^(issue|issued|issue date|obtained)$/ },
  { role: 'expiry', pattern: /^(c est )?(la )?(date d )?(expiration|fin de validite|echeance)|^(expiry|expiry date|expiration|expires)$/ },
];

/** The role a whole message's words give a date (« délivré en mars 2025 », "expires in June 2027"), if any. */
function roleWordIn(text: string): DateRole | undefined {
  const words = normalized(text);
  if (/\b(delivr\w*|emis\w*|obten\w*|obtenu\w*|recu\w*|issued|obtained|received|got)\b/.test(words)) return 'issue';
  if (/\b(expir\w*|echeance|fin de validite|fin|ends?|valid until|valable jusqu)\b/.test(words)) return 'expiry';
  return undefined;
}

function normalized(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * "When should I renew?": reads the date from the message (or asks for it), asks whether it is the issue or the
 * expiry date when the message does not say, which date when it holds several, and answers with the timeline.
 */
export class RenewalDatesDialog implements Dialog {
  readonly id = RENEWAL_DATES_DIALOG;
  readonly ttlMs = 30 * 60 * 1000;

  constructor(
    private readonly replies: TimelineReplies,
    private readonly renewalLeadMonths: number,
  ) {}

  /** Starts from a message: computes at once when it carries one date whose role is clear. */
  async start(turn: Turn, text: string | undefined): Promise<TurnOutcome> {
    const today = parisDate(turn.request.now);
    const parse = text ? parseDates(text, { locale: turn.locale, today }) : ({ kind: 'none' } as const);
    switch (parse.kind) {
      case 'none': {
        const partial = text ? this.partialDate(turn, text, today) : undefined;
        if (!partial) return this.waitFor(turn, { stage: 'date' }, [textReply(turn.tr('dates.ask'))]);
        const outcome = await this.withDate(turn, partial.date, partial.role);
        return { ...outcome, replies: [textReply(partial.note), ...outcome.replies] };
      }
      case 'invalid':
        return this.waitFor(turn, { stage: 'date' }, [
          textReply(turn.tr(parse.reason === 'impossible' ? 'dates.impossible' : 'dates.outOfRange', { text: parse.text })),
        ]);
      case 'ambiguous': {
        const options = parse.options.map((date) => ({ date }));
        const card = datePickCard(
          parse.options.map((date) => ({ date, label: displayDate(date, turn.locale) })),
          turn.tr('dates.pickAmbiguous', { text: parse.text }),
          turn.tr,
        );
        return this.waitFor(turn, { stage: 'pick', options }, [cardReply(card)]);
      }
      case 'found': {
        const [only, ...others] = parse.dates;
        if (only && others.length === 0) return this.withDate(turn, only.date, only.role);
        const options = parse.dates.slice(0, 5).map((d) => ({ date: d.date, ...(d.role ? { role: d.role } : {}) }));
        const card = datePickCard(
          options.map((o) => ({ date: o.date, label: displayDate(o.date, turn.locale) })),
          turn.tr('dates.pickSeveral'),
          turn.tr,
        );
        return this.waitFor(turn, { stage: 'pick', options }, [cardReply(card)]);
      }
    }
  }

  /**
   * A date written without all its parts, and what was assumed, said: a month without its day counts from its first
   * day (the earliest: nothing is ever late); a day without its year is the next such day for an expiry, the last one
   * for an issue date.
   */
  private partialDate(turn: Turn, text: string, today: string): { date: string; role: DateRole | undefined; note: string } | undefined {
    const role = roleWordIn(text);
    const month = monthOnlyIn(text);
    // « fin mars 2027 » says which day: that one, said; a month alone counts from its first day.
    if (month?.day) return { date: month.day, role, note: turn.tr('dates.monthPart', { date: displayDate(month.day, turn.locale) }) };
    if (month) {
      return { date: month.first, role, note: turn.tr('dates.monthOnly', { first: displayDate(month.first, turn.locale), last: displayDate(month.last, turn.locale) }) };
    }
    const day = dayMonthIn(text, today, role);
    if (!day) return undefined;
    return { date: day.date, role, note: turn.tr(day.occurrence === 'next' ? 'dates.yearAssumed.next' : 'dates.yearAssumed.last', { date: displayDate(day.date, turn.locale) }) };
  }

  async resume(turn: Turn, input: DialogInput): Promise<TurnOutcome | undefined> {
    const parsed = stateSchema.safeParse(turn.dialog?.data);
    if (!parsed.success) return undefined;
    const state = parsed.data;
    if (input.kind === 'action') {
      const { action } = input;
      if (action.verb === 'dates.pick' && state.stage === 'pick') {
        // Only a date the bot offered: a forged one is not an answer.
        const option = state.options.find((o) => o.date === action.date);
        return option ? this.withDate(turn, option.date, option.role) : undefined;
      }
      if (action.verb === 'dates.role' && state.stage === 'role') return this.withDate(turn, state.date, action.role);
      return undefined;
    }
    const text = turn.request.text ?? '';
    if (state.stage === 'pick') {
      const typed = /^\s*([1-5])\s*$/.exec(text);
      const option = typed ? state.options[Number(typed[1]) - 1] : undefined;
      if (option) return this.withDate(turn, option.date, option.role);
    }
    if (state.stage === 'role') {
      const role = ROLE_WORDS.find((entry) => entry.pattern.test(normalized(text)))?.role;
      if (role) return this.withDate(turn, state.date, role);
    }
    // A new date typed while the bot waits starts over from it.
    const today = parisDate(turn.request.now);
    if (parseDates(text, { locale: turn.locale, today }).kind !== 'none') return this.start(turn, text);
    return undefined;
  }

  private async withDate(turn: Turn, date: string, role: DateRole | undefined): Promise<TurnOutcome> {
    const today = parisDate(turn.request.now);
    // A date still to come cannot be an issue date: it is the expiry.
    const effectiveRole = role ?? (date > today ? 'expiry' : undefined);
    const roleQuestion = cardReply(dateRoleCard(displayDate(date, turn.locale), turn.tr));
    if (!effectiveRole) return this.waitFor(turn, { stage: 'role', date }, [roleQuestion]);
    let plan: RenewalPlan;
    try {
      const input = { today, renewalLeadMonths: this.renewalLeadMonths };
      plan = effectiveRole === 'issue' ? planFromIssue(date, input) : planFromExpiry(date, input);
    } catch (error) {
      if (!(error instanceof RenewalDateError)) throw error;
      if (error.reason === 'future-issue') {
        return this.waitFor(turn, { stage: 'role', date }, [
          textReply(turn.tr('dates.futureIssue', { date: displayDate(date, turn.locale) })),
          roleQuestion,
        ]);
      }
      return this.waitFor(turn, { stage: 'date' }, [textReply(turn.tr('dates.tooOld', { date: displayDate(date, turn.locale) }))]);
    }
    return { replies: [await this.replies.timeline(turn, plan)], dialog: null };
  }

  /** Replies, and the question the next message should answer (which, in a channel, must mention certibot). */
  private waitFor(turn: Turn, state: State, replies: Reply[]): TurnOutcome {
    return { replies: [...replies, ...mentionHint(turn)], dialog: { id: this.id, startedAt: turn.request.now.toISOString(), data: state } };
  }
}
