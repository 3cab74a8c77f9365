import { z } from 'zod';
import { cardActionSchema, type CardAction } from '../../../cards/actions';
import { isAcceptedExpiry, readRegisterForm } from '../../../dialogs/register-certificate-dialog';
import type { VerbTable } from '../../conversation/router';
import type { Turn, TurnOutcome } from '../../conversation/turn';
import { displayDate, parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { ReminderCardRefresher } from '../../domain/reminders/follow-ups';
import type { CertificateRegister } from '../../domain/reminders/reminder-repository';
import { parseThresholdKey } from '../../domain/reminders/threshold-key';
import { unescapeMarkdown } from '../../domain/user-text';
import { translator, type Translate } from '../../messages/translator';
import { latestSent } from './certificates-view';
import type { KnownPerson, TabViewer } from './tab-viewer';
import type { ActionResultView } from './tab-views';

/** The card verbs the tab performs: the very handlers of the chat's buttons, with their rules. */
export type TabVerbs = Pick<VerbTable, 'register.submit' | 'register.delete.confirm' | 'register.settings.save' | 'reminder.snooze' | 'reminder.stop'>;

const text = z.string().max(500).optional();
const fields = z.object({ label: text, expiry: text, finess: text, usage: text, corridor: text, structure: text, scope: text });

/** What the page asks; ids and values are then checked by the card actions' own schema. */
export const tabCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('add'), fields }),
  z.object({ command: z.literal('edit'), certificate: z.string().max(100), fields }),
  z.object({ command: z.literal('delete'), certificate: z.string().max(100) }),
  z.object({ command: z.literal('snooze'), delivery: z.string().max(100), days: z.union([z.literal(1), z.literal(7)]) }),
  z.object({ command: z.literal('stop'), certificate: z.string().max(100) }),
]);
export type TabCommand = z.infer<typeof tabCommandSchema>;

export interface TabCommandsDeps {
  readonly verbs: TabVerbs;
  readonly register: Pick<CertificateRegister, 'get' | 'getDelivery' | 'deliveryStatus'>;
  /** Updates the reminder card posted in the chat: the tab has no card of its own to answer a click with. */
  readonly cards: ReminderCardRefresher;
  readonly clock: Clock;
}

/** What a turn answered, as one plain sentence for the page (the chat's texts are Markdown with user text escaped). */
function said(outcome: TurnOutcome): string {
  const texts = outcome.replies.flatMap((reply) => (reply.kind === 'text' ? [reply.text] : []));
  return unescapeMarkdown(outcome.refusal ?? texts.join(' '));
}

/**
 * The tab's actions — add, edit, delete, snooze a destination's latest reminder, stop the reminders — performed as the
 * chat's card verbs from the person's chat with certibot: the same handlers check who may do what (owners, the
 * reminder's cycle, stopped reminders) and answer the same sentences. What the chat's card would have shown after a
 * snooze or a stop, the posted card now shows, updated through the outbox.
 */
export class TabCommands {
  constructor(private readonly deps: TabCommandsDeps) {}

  async run(viewer: TabViewer, command: TabCommand): Promise<ActionResultView> {
    const tr = translator(viewer.locale);
    const { person } = viewer;
    if (!person) return { ok: false, message: tr.plain('tab.notKnown') };
    const refused: ActionResultView = { ok: false, message: tr.plain('input.badAction') };
    switch (command.command) {
      case 'add':
      case 'edit': {
        const action = checked('register.submit', { verb: 'register.submit', ...(command.command === 'edit' ? { certificate: command.certificate } : {}), ...command.fields });
        return action ? this.submit(this.turnOf(viewer, person, action, tr), action) : refused;
      }
      case 'delete': {
        const action = checked('register.delete.confirm', { verb: 'register.delete.confirm', certificate: command.certificate });
        return action ? this.done(await this.deps.verbs['register.delete.confirm'](this.turnOf(viewer, person, action, tr), action)) : refused;
      }
      case 'snooze': {
        const action = checked('reminder.snooze', { verb: 'reminder.snooze', delivery: command.delivery, days: command.days });
        return action ? this.snooze(this.turnOf(viewer, person, action, tr), action) : refused;
      }
      case 'stop':
        return this.stop(viewer, person, command.certificate, tr);
    }
  }

  private turnOf(viewer: TabViewer, person: KnownPerson, action: CardAction, tr: Translate): Turn {
    return {
      request: {
        userId: person.userId,
        ...(viewer.aadObjectId ? { userAadId: viewer.aadObjectId } : {}),
        ...(person.tenantId ? { tenantId: person.tenantId } : {}),
        userName: viewer.name ?? (viewer.mode === 'local' ? tr.plain('tab.local.name') : undefined),
        conversationId: person.chat.conversationId,
        conversationKind: 'personal',
        clientLocale: viewer.locale,
        text: undefined,
        actionPayload: action,
        serviceUrl: person.chat.serviceUrl,
        now: this.deps.clock.now(),
      },
      locale: viewer.locale,
      tr,
      dialog: undefined,
    };
  }

  private done(outcome: TurnOutcome): ActionResultView {
    return { ok: outcome.refusal === undefined, message: said(outcome) };
  }

  /** Add or edit: the form is read as the chat reads it, so that a refused form keeps the page's form open. */
  private async submit(turn: Turn, action: Extract<CardAction, { verb: 'register.submit' }>): Promise<ActionResultView> {
    const form = readRegisterForm(action, turn.tr);
    if (!form.ok) return { ok: false, message: unescapeMarkdown(form.message) };
    if (!isAcceptedExpiry(form.fields.expiryDate, turn.request.now)) return { ok: false, message: turn.tr.plain('register.invalidExpiry') };
    return this.done(await this.deps.verbs['register.submit'](turn, action));
  }

  /** A snooze of a destination's latest reminder; its posted card then says until when, and by whom. */
  private async snooze(turn: Turn, action: Extract<CardAction, { verb: 'reminder.snooze' }>): Promise<ActionResultView> {
    const outcome = await this.deps.verbs['reminder.snooze'](turn, action);
    if (outcome.refusal !== undefined) return this.done(outcome);
    const delivery = await this.deps.register.getDelivery(action.delivery);
    const registered = delivery && (await this.deps.register.get(delivery.certificateId));
    if (!delivery || !registered) return this.done(outcome);
    // The snooze the handler just planned there: the highest "s" key.
    const planned = (await this.deps.register.deliveryStatus(delivery.certificateId))
      .filter((d) => d.conversationId === delivery.conversationId && d.status === 'pending' && parseThresholdKey(d.threshold)?.kind === 'snooze')
      .sort((a, b) => (parseThresholdKey(b.threshold)?.n ?? 0) - (parseThresholdKey(a.threshold)?.n ?? 0))[0];
    const until = parisDate(planned?.dueAt ?? turn.request.now);
    await this.deps.cards.refresh([delivery], registered.certificate, { kind: 'snoozed', by: actorName(turn), until });
    return { ok: true, message: turn.tr.plain('tab.snoozed', { label: registered.certificate.label, date: displayDate(until, turn.locale) }) };
  }

  /**
   * Stops a certificate's reminders. After a reminder was sent, as its card's « Arrêter les rappels » does (owners
   * only; every posted copy then says so); before any, as the settings' "no reminders" does (owners only).
   */
  private async stop(viewer: TabViewer, person: KnownPerson, certificateId: string, tr: Translate): Promise<ActionResultView> {
    const registered = await this.deps.register.get(certificateId);
    if (!registered) return { ok: false, message: tr.plain('reminder.unknown') };
    const { certificate } = registered;
    const deliveries = await this.deps.register.deliveryStatus(certificate.id);
    const latest = registered.targets
      .flatMap((target) => latestSent(deliveries, target.conversationId, certificate.expiryDate) ?? [])
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .at(-1);
    if (!latest) {
      const { hour, workingDaysOnly } = certificate.delivery;
      const settings = checked('register.settings.save', {
        verb: 'register.settings.save',
        certificate: certificate.id,
        thresholds: '',
        hour: String(hour),
        workingDays: String(workingDaysOnly),
        weekly: String(certificate.weeklyAfterExpiry),
      });
      return settings ? this.done(await this.deps.verbs['register.settings.save'](this.turnOf(viewer, person, settings, tr), settings)) : { ok: false, message: tr.plain('input.badAction') };
    }
    const action = { verb: 'reminder.stop', delivery: latest.id } as const;
    const turn = this.turnOf(viewer, person, action, tr);
    const outcome = await this.deps.verbs['reminder.stop'](turn, action);
    if (outcome.refusal !== undefined) return this.done(outcome);
    // The handler updated the other copies; the card "clicked" is the one in the chat, which the tab did not answer.
    await this.deps.cards.refresh([latest], certificate, { kind: 'stopped', by: actorName(turn) });
    return { ok: true, message: tr.plain('tab.stopped', { label: certificate.label }) };
  }
}

/** Who did it, as the chat's cards name them. */
function actorName(turn: Turn): string {
  return turn.request.userName ?? turn.tr.plain('reminder.someone');
}

/** A card action of verb `verb`, checked by the card actions' own schema (ids, lengths, values), or undefined. */
function checked<V extends CardAction['verb']>(verb: V, candidate: { readonly verb: V } & Readonly<Record<string, unknown>>): Extract<CardAction, { verb: V }> | undefined {
  const parsed = cardActionSchema.safeParse(candidate);
  const isVerb = (action: CardAction): action is Extract<CardAction, { verb: V }> => action.verb === verb;
  return parsed.success && isVerb(parsed.data) ? parsed.data : undefined;
}
