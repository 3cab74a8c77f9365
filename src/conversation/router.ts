import { z } from 'zod';
import { cardActionSchema, type CardAction, type CardVerb } from '../../cards/actions';
import { disambiguationCard } from '../../cards/disambiguation-card';
import type { Dialog } from './dialog';
import { resolveLocale, type Locale } from '../domain/locale';
import { CHOOSABLE_INTENTS, SIBLING_INTENTS, type ChoosableIntent, type IntentName, type IntentRecognizer, type Recognition } from '../understanding/intents';
import type { AttachmentRef } from '../certificates/fetch-attachment';
import type { CertificateInfo } from '../certificates/read-certificate';
import { translator } from '../messages/translator';
import { normalizeText } from '../parsing/normalize';
import { cardReply, mentionHint, refused, textReply, type ActiveDialog, type Reply, type Turn, type TurnOutcome, type TurnRequest } from './turn';

export type IntentHandler = (turn: Turn, recognition: Recognition) => Promise<TurnOutcome>;
export type IntentTable = Readonly<Record<IntentName, IntentHandler>>;

export type VerbHandler<V extends CardVerb> = (turn: Turn, action: Extract<CardAction, { verb: V }>) => Promise<TurnOutcome>;
/** One handler per card verb: adding a verb to the schema without its handler is a type error. */
export type VerbTable = { readonly [V in Exclude<CardVerb, 'intent.choose'>]: VerbHandler<V> };

/**
 * What certificate files came to: an answer already (not downloaded, not a certificate, a private key…), or a
 * certificate read in memory, which a pending dialog may take before the file gets its `timeline` (computed only then).
 */
export type FileOutcome =
  | { readonly kind: 'answered'; readonly outcome: TurnOutcome }
  | { readonly kind: 'read'; readonly certificate: CertificateInfo; readonly timeline: () => Promise<TurnOutcome> };

/** Reads certificate files attached to a message. */
export type FileHandler = (turn: Turn, attachments: readonly AttachmentRef[], serviceUrl: string) => Promise<FileOutcome>;

export interface RouterDeps {
  readonly recognizer: IntentRecognizer;
  readonly intents: IntentTable;
  readonly verbs: VerbTable;
  readonly dialogs: readonly Dialog[];
  readonly defaultLocale: Locale;
  /** Certificate files attached to a message. */
  readonly files?: FileHandler;
}

/** Longest text the recognizer reads; the rest of a pasted log or e-mail adds nothing but time. */
const MAX_TEXT_LENGTH = 2000;
/** The router's own dialog: "did you mean A or B?". */
export const DISAMBIGUATION_DIALOG = 'disambiguate';
const DISAMBIGUATION_TTL_MS = 15 * 60 * 1000;
const choiceSchema = z.object({ text: z.string().max(MAX_TEXT_LENGTH), options: z.array(z.enum(CHOOSABLE_INTENTS as [ChoosableIntent, ...ChoosableIntent[]])).min(2).max(3) });

/** "010780915", "mon FINESS : 01 078 091 4 ?": a number with at most a couple of words around it. */
function isAboutFinessOnly(text: string): boolean {
  const rest = normalizeText(text.replace(/(?:\d{2}|2[AaBb])[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d/g, ' '));
  return rest.split(' ').filter((word) => word.length > 0).length <= 3;
}

/**
 * Turns a request into an outcome: a pending dialog gets first look at the input, then card verbs and intents are
 * dispatched through their tables. Pure of any bot framework.
 */
export class Router {
  private readonly dialogs: ReadonlyMap<string, Dialog>;

  constructor(private readonly deps: RouterDeps) {
    this.dialogs = new Map(deps.dialogs.map((d) => [d.id, d]));
  }

  async route(request: TurnRequest, savedLocale: Locale | undefined, pending: ActiveDialog | undefined): Promise<TurnOutcome> {
    const text = request.text?.trim().slice(0, MAX_TEXT_LENGTH);
    const recognition = text ? await this.deps.recognizer.recognize(text) : undefined;
    const dialog = pending && this.isLive(pending, request.now) ? pending : undefined;
    // The message's own language (or, for a click, the language the pending dialog was started in) counts only
    // until the user has chosen one.
    const locale = resolveLocale(savedLocale ?? recognition?.language ?? dialog?.locale, request.clientLocale, this.deps.defaultLocale);
    const turn: Turn = { request, locale, tr: translator(locale), dialog };
    const outcome = await this.dispatch(turn, text, recognition, pending !== undefined && dialog === undefined);
    // A new dialog remembers the language it speaks, so that the next click is answered in it.
    return outcome.dialog ? { ...outcome, dialog: { ...outcome.dialog, locale: outcome.locale ?? locale } } : outcome;
  }

  private async dispatch(turn: Turn, text: string | undefined, recognition: Recognition | undefined, expiredPending: boolean): Promise<TurnOutcome> {
    const { request, dialog } = turn;
    const expired: Pick<TurnOutcome, 'dialog'> = expiredPending ? { dialog: null } : {};

    if (request.attachments && request.attachments.length > 0 && this.deps.files) {
      const file = await this.deps.files(turn, request.attachments, request.serviceUrl ?? '');
      if (file.kind === 'answered') return { ...expired, handledAs: 'certificate.file', ...file.outcome };
      if (dialog) {
        const taken = await this.dialogs.get(dialog.id)?.resumeWithCertificate?.(turn, file.certificate);
        if (taken) return { handledAs: `dialog:${dialog.id}`, ...taken };
      }
      // No dialog asked for this file: a pending one ends, as it does for typed text it does not take.
      return { ...(dialog ? { dialog: null } : expired), handledAs: 'certificate.file', ...(await file.timeline()) };
    }

    if (request.actionPayload !== undefined && request.actionPayload !== null && !text) {
      const parsed = cardActionSchema.safeParse(request.actionPayload);
      // Told to the clicker alone, like any refused action: in a channel, never a post for everyone.
      if (!parsed.success) return { ...refused(turn.tr('input.badAction')), handledAs: 'action.invalid', ...expired };
      return { ...expired, handledAs: `action:${parsed.data.verb}`, ...(await this.dispatchVerb(turn, parsed.data)) };
    }
    if (!text || !recognition) return { replies: [textReply(turn.tr('input.empty'))], handledAs: 'empty', ...expired };

    if (dialog) {
      const next = await this.resume(turn, { kind: 'text', recognition });
      if (next) return { handledAs: `dialog:${dialog.id}`, ...next };
      return { dialog: null, ...(await this.answer(turn, recognition)) };
    }
    return { ...expired, ...(await this.answer(turn, recognition)) };
  }

  /** A recognized message: ask when two intents are close, else the intent's handler; FINESS numbers checked. */
  private async answer(turn: Turn, recognition: Recognition): Promise<TurnOutcome> {
    const finess = recognition.entities.finess;
    if (finess.length > 0 && (recognition.intent === 'none' || isAboutFinessOnly(turn.request.text ?? ''))) {
      return { replies: finess.map((check) => this.finessReply(turn, check)), handledAs: 'finess' };
    }
    const ambiguous = recognition.ambiguous?.filter((intent): intent is ChoosableIntent =>
      (CHOOSABLE_INTENTS as readonly string[]).includes(intent),
    );
    const siblings = ambiguous?.length === 2 && SIBLING_INTENTS.some((pair) => pair.includes(ambiguous[0] as never) && pair.includes(ambiguous[1] as never));
    if (ambiguous && ambiguous.length === 2 && !siblings) {
      return {
        replies: [cardReply(disambiguationCard(ambiguous, turn.tr)), ...mentionHint(turn)],
        dialog: {
          id: DISAMBIGUATION_DIALOG,
          startedAt: turn.request.now.toISOString(),
          data: { text: turn.request.text?.slice(0, MAX_TEXT_LENGTH) ?? '', options: ambiguous },
        },
        handledAs: 'ambiguous',
      };
    }
    const intent = siblings && ambiguous?.[0] ? ambiguous[0] : recognition.intent;
    const outcome = await this.deps.intents[intent](turn, { ...recognition, intent });
    const warnings = finess.filter((check) => !check.valid && check.reason === 'key').map((check) => this.finessReply(turn, check));
    return { handledAs: `intent:${intent}`, ...outcome, replies: [...warnings, ...outcome.replies] };
  }

  private finessReply(turn: Turn, check: Recognition['entities']['finess'][number]): Reply {
    return check.valid
      ? textReply(turn.tr('finess.valid', { formatted: check.formatted }))
      : textReply(turn.tr('finess.invalidKey', { value: check.value }));
  }

  private async dispatchVerb(turn: Turn, action: CardAction): Promise<TurnOutcome> {
    if (turn.dialog) {
      const next = await this.resume(turn, { kind: 'action', action });
      if (next) return next;
      // Not an answer to the pending question: the dialog ends, as it does for typed text.
      return { dialog: null, ...(await this.dispatchVerb({ ...turn, dialog: undefined }, action)) };
    }
    if (action.verb === 'intent.choose') {
      const recognition: Recognition = { intent: action.intent, score: 1, language: undefined, entities: { corridor: undefined, structure: undefined, sites: undefined, finess: [] } };
      return this.deps.intents[action.intent](turn, recognition);
    }
    const handler = this.deps.verbs[action.verb] as VerbHandler<typeof action.verb>;
    return handler(turn, action);
  }

  private async resume(turn: Turn, input: Parameters<Dialog['resume']>[1]): Promise<TurnOutcome | undefined> {
    const pending = turn.dialog;
    if (!pending) return undefined;
    if (pending.id === DISAMBIGUATION_DIALOG) return this.resumeChoice(turn, pending, input);
    return this.dialogs.get(pending.id)?.resume(turn, input);
  }

  /** The answer to "did you mean…?": a button, or "1"/"2" typed; the original question is answered as that intent. */
  private async resumeChoice(turn: Turn, pending: ActiveDialog, input: Parameters<Dialog['resume']>[1]): Promise<TurnOutcome | undefined> {
    const stored = choiceSchema.safeParse(pending.data);
    if (!stored.success) return undefined;
    let chosen: IntentName | undefined;
    if (input.kind === 'action' && input.action.verb === 'intent.choose') chosen = input.action.intent;
    if (input.kind === 'text') {
      const typed = /^\s*([1-3])\s*$/.exec(turn.request.text ?? '');
      chosen = typed ? stored.data.options[Number(typed[1]) - 1] : undefined;
    }
    if (!chosen) return undefined;
    const original = await this.deps.recognizer.recognize(stored.data.text);
    // The handler answers the question as it was typed (its words frame the answer), not the click.
    const asked: Turn = { ...turn, request: { ...turn.request, text: stored.data.text } };
    const outcome = await this.deps.intents[chosen](asked, { ...original, intent: chosen, ambiguous: undefined });
    return { dialog: null, ...outcome, handledAs: `intent:${chosen}` };
  }

  private isLive(pending: ActiveDialog, now: Date): boolean {
    const ttl = pending.id === DISAMBIGUATION_DIALOG ? DISAMBIGUATION_TTL_MS : this.dialogs.get(pending.id)?.ttlMs;
    const started = Date.parse(pending.startedAt);
    return ttl !== undefined && Number.isFinite(started) && now.getTime() - started <= ttl;
  }
}
