import { normalizeText } from '../../parsing/normalize';
import { describeCertificate } from '../../parsing/certificate-description';
import type { Usage } from '../../domain/reminders/certificate';
import { card, execute, text } from '../../../cards/adaptive';
import { CERTIFICATES_PER_PAGE, certificatesListCard, type CertificateLine } from '../../../cards/certificates-list-card';
import { registerFormCard } from '../../../cards/register-form-card';
import { reminderHistoryCard } from '../../../cards/reminder-history-card';
import { reminderSettingsCard } from '../../../cards/reminder-settings-card';
import type { RegisterCertificateDialog } from '../../../dialogs/register-certificate-dialog';
import { displayDate, parisDate } from '../../domain/calendar';
import { daysBetween } from '../../domain/civil-date';
import type { Clock } from '../../domain/clock';
import type { ConversationRepository } from '../../domain/conversation';
import { formatFiness } from '../../domain/finess';
import { pageOf } from '../../domain/paging';
import type { CertificateSummary, CertificateRegister } from '../../domain/reminders/reminder-repository';
import { historyView } from './reminder-history';
import { forOwners, loadOwned, unreachableTargets } from '../../conversation/owned-certificate';
import type { IntentTable, VerbTable } from '../../conversation/router';
import { cardReply, refused, textReply, type Turn, type TurnOutcome } from '../../conversation/turn';
import { trusted } from '../../messages/translator';
import { nextReminderText } from '../../messages/next-reminder';

export interface RegisterHandlerDeps {
  readonly reminders: CertificateRegister;
  readonly register: RegisterCertificateDialog;
  readonly conversations: ConversationRepository;
  readonly clock: Clock;
}

function lineOf(summary: CertificateSummary, turn: Turn): CertificateLine {
  const { certificate } = summary;
  const today = parisDate(turn.request.now);
  const last = summary.lastDelivery;
  const lastText = !last
    ? undefined
    : last.status === 'sent'
      ? turn.tr(last.acknowledgedAt ? 'list.last.acknowledged' : 'list.last.sent', { date: displayDate(parisDate(last.sentAt ?? last.dueAt), turn.locale) })
      : last.status === 'failed' || last.status === 'unreachable'
        ? turn.tr('list.last.failed', { reason: last.lastError ?? last.status })
        : last.status === 'pending' && last.attempts > 0
          ? turn.tr('list.last.retrying')
          : undefined;
  return {
    id: certificate.id,
    label: certificate.label,
    expiry: displayDate(certificate.expiryDate, turn.locale),
    daysLeft: daysBetween(today, certificate.expiryDate),
    nextReminder: summary.nextDelivery ? nextReminderText(summary.nextDelivery.dueAt, turn.request.now, turn.locale, turn.tr) : undefined,
    lastReminder: lastText,
    targets: summary.targets.length,
  };
}

/** The settings card's inputs, or undefined when any is not acceptable (then nothing changes). */
export function parseSettings(input: {
  readonly thresholds?: string | undefined;
  readonly hour?: string | undefined;
  readonly workingDays?: string | undefined;
  readonly weekly?: string | undefined;
}): { thresholds: number[]; hour: number; workingDays: boolean; weekly: boolean } | undefined {
  const parts = (input.thresholds ?? '').split(/[,;\s]+/).filter((part) => part !== '');
  if (parts.some((part) => !/^\d{1,3}$/.test(part))) return undefined;
  const thresholds = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (thresholds.some((days) => days > 365) || thresholds.length > 20) return undefined;
  const hour = Number(input.hour);
  if (!Number.isInteger(hour) || hour < 7 || hour > 20) return undefined;
  const flag = (value: string | undefined) => (value === 'true' ? true : value === 'false' ? false : undefined);
  const workingDays = flag(input.workingDays);
  const weekly = flag(input.weekly);
  if (workingDays === undefined || weekly === undefined) return undefined;
  return { thresholds, hour, workingDays, weekly };
}

/** Words that ask to change, stop or remove something registered (normalized text, French and English). */
const MANAGE =
  /\b(?:modifi\w*|change\w*|corrig\w*|renomm\w*|supprim\w*|enlev\w*|retir\w*|efface\w*|arret\w*|desactiv\w*|annul\w*|stop\w*|plus de|edit\w*|fix\w*|rename\w*|delete\w*|remove\w*|wipe|drop\w*|turn off|disable\w*|cancel\w*|no more|instead|plutot)\b/;

/** Words that ask to see what is registered, and words that ask to register something new. */
const SHOW = /\b(?:voir|vois|affiche\w*|montre\w*|liste\w*|lister|recap\w*|show\w*|see|list|display\w*|what|which|quels?|quelles?)\b/;
/**
 * Read on the text as typed (lower case, accents kept): « enregistre » asks, « enregistrés » describes what exists —
 * normalized, both would read "enregistre".
 */
const ADD =
  /(?<!\p{L})(?:ajout(?:e|er|ez|ons)|enregistr(?:e|er|ez|ons)|inscri(?:s|re|vez)|nouveaux?|nouvelles?|un autre|une autre|de plus|déclar(?:e|er|ez)|add|adding|register|new|another|one more|extra)(?!\p{L})/u;

/** "How do I get reminders in a channel?": a how-to about a team's channel, not a request to register or to list. */
const CHANNEL_HOW = /\b(?:comment|how|possible|peut on|can (?:we|i)|est ce qu on peut)\b.*\b(?:canal|canaux|channel|channels|equipe|team|groupe|group chat|conversation de groupe)\b|\b(?:canal|channel|equipe|team)\b.*\b(?:comment|how)\b/;
/** « préviens aussi ma collègue », "remind my colleague too": another person to remind (a certificate's destinations). */
const ANOTHER_PERSON = /\b(?:collegues?|un autre responsable|une autre personne|quelqu un d autre|co-?responsable|colleagues?|co-?workers?|someone else|another person|another owner|co-?owner)\b/;
/** « comment avoir les rappels ici ? »: the same, about the conversation it is said in. */
const HERE_HOW = /\b(?:comment|how|possible|peut on|can (?:we|i))\b.*\b(?:rappels?|alertes?|reminders?|alerts?)\b.*\b(?:ici|here)\b/;

/** What a request to be reminded already says: the expiry (or the issue date it follows from), the use, a FINESS. */
function prefillFrom(text: string, today: string, locale: 'fr' | 'en'): { expiry?: string; usage?: Usage; label?: string; finess?: string } {
  const said = describeCertificate(text, today, locale);
  return {
    ...(said.expiry ? { expiry: said.expiry } : {}),
    ...(said.usage ? { usage: said.usage, label: said.usageLabel } : {}),
    ...(said.finess ? { finess: said.finess } : {}),
  };
}

/**
 * Which of the register's two learnt intents the words themselves ask for: they decide between the siblings. `here`:
 * said in a channel or a group chat (where « ici » is that conversation; in the personal chat, it is registering).
 */
function registerAction(text: string, here: boolean): 'channel-how' | 'people' | 'manage' | 'show' | 'add' | undefined {
  const words = normalizeText(text);
  if (CHANNEL_HOW.test(words)) return 'channel-how';
  if (ANOTHER_PERSON.test(words)) return 'people';
  if (HERE_HOW.test(words)) return here ? 'channel-how' : 'add';
  if (MANAGE.test(words)) return 'manage';
  const show = SHOW.test(words);
  const add = ADD.test(text.toLowerCase());
  return show && !add ? 'show' : add && !show ? 'add' : undefined;
}

/** "Mes certificats", "rappels ici", settings, edit, delete, and the registration form's entry points. */
export function createRegisterHandlers(deps: RegisterHandlerDeps): {
  intents: Pick<IntentTable, 'reminders' | 'register.list' | 'register.show' | 'register.here'>;
  verbs: Pick<
    VerbTable,
    | 'register.start'
    | 'register.submit'
    | 'register.edit'
    | 'register.delete'
    | 'register.delete.confirm'
    | 'register.here'
    | 'register.settings'
    | 'register.history'
    | 'register.settings.save'
    | 'register.page'
  >;
} {
  /** One page of the asker's certificates, soonest expiry first. */
  const list = async (turn: Turn, page = 0): Promise<TurnOutcome> =>
    listOf(turn, await deps.reminders.listForUser(turn.request.userId, deps.clock.now()), page);

  const listOf = (turn: Turn, summaries: readonly CertificateSummary[], page = 0): TurnOutcome => {
    const shown = pageOf(summaries, page, CERTIFICATES_PER_PAGE);
    const view = { certificates: { ...shown, items: shown.items.map((s) => lineOf(s, turn)) }, offerHere: turn.request.conversationKind !== 'personal' };
    return { replies: [cardReply(certificatesListCard(view, turn.tr))] };
  };

  /** The list, after a line that says which of its buttons does what was asked. */
  const listWith = async (turn: Turn, hint: string): Promise<TurnOutcome> => {
    const shown = await list(turn);
    return { ...shown, replies: [textReply(hint), ...shown.replies] };
  };

  /**
   * "How do I get reminders in a channel?": where and how to say « rappels ici » (in that channel, mentioning
   * @certibot); asked in a channel, the offer to do it there at once (the list with its « Rappels ici » buttons).
   */
  const channelHow = async (turn: Turn): Promise<TurnOutcome> => {
    if (turn.request.conversationKind === 'personal') return { replies: [textReply(turn.tr('register.channelHow'))] };
    const own = await deps.reminders.listForUser(turn.request.userId, deps.clock.now());
    if (own.length === 0) return { replies: [textReply(turn.tr('register.here.noneOwn'))] };
    const shown = listOf(turn, own);
    return { ...shown, replies: [textReply(turn.tr('register.channelHowHere', { button: turn.tr.plain('list.here') })), ...shown.replies] };
  };

  /** The list, with where another person is added to a certificate's reminders. */
  const people = (turn: Turn) =>
    listWith(turn, turn.tr('register.show.peopleHint', { settings: turn.tr.plain('list.settings'), destinations: turn.tr.plain('settings.destinations'), add: turn.tr.plain('targets.addTitle') }));

  /** The list, where every change is made, and which of its buttons makes it. */
  const manage = (turn: Turn) =>
    listWith(turn, turn.tr('register.show.manageHint', { edit: turn.tr.plain('register.list.edit'), settings: turn.tr.plain('list.settings'), delete: turn.tr.plain('list.delete') }));

  return {
    intents: {
      // Registering — unless the words ask to change, stop or remove (« retire le rappel du vieux certificat »: made
      // from the list, never by registering a new certificate) or only to see (« voir nos certificats suivis »).
      reminders: async (turn) => {
        const action = registerAction(turn.request.text ?? '', turn.request.conversationKind !== 'personal');
        if (action === 'channel-how') return channelHow(turn);
        if (action === 'people') return people(turn);
        if (action === 'manage') return manage(turn);
        if (action === 'show') return list(turn);
        // What the first message already says (a date, the certificate's use, a FINESS) fills the form.
        const said = prefillFrom(turn.request.text ?? '', parisDate(turn.request.now), turn.locale);
        return deps.register.start(turn, said.expiry, said);
      },
      'register.list': (turn) => list(turn),
      // The register asked about in other words (« qu'est-ce que tu surveilles pour nous ? », "change the expiry of my
      // INSi certificate"): the list, where every change is made; when a change was asked, where its buttons are.
      'register.show': async (turn) => {
        const action = registerAction(turn.request.text ?? '', turn.request.conversationKind !== 'personal');
        if (action === 'channel-how') return channelHow(turn);
        if (action === 'people') return people(turn);
        return action === 'manage' ? manage(turn) : action === 'add' ? deps.register.start(turn, undefined) : list(turn);
      },
      'register.here': async (turn) => {
        if (turn.request.conversationKind === 'personal') return { replies: [textReply(turn.tr('register.hereOnlyInTeams'))] };
        // First what this channel is already reminded of (not the speaker's own list), then theirs to add here.
        const here = await deps.reminders.listForConversations([turn.request.conversationId], deps.clock.now());
        const lines = here.map((summary) => `- ${turn.tr('register.here.line', { label: summary.certificate.label, expiry: displayDate(summary.certificate.expiryDate, turn.locale) })}`);
        const current = lines.length > 0 ? turn.tr('register.here.current', { list: trusted(lines.join('\n')) }) : turn.tr('register.here.none');
        // Then the speaker's own certificates, each with its « Rappels ici » button; with none, how to add one here.
        const own = await deps.reminders.listForUser(turn.request.userId, deps.clock.now());
        if (own.length === 0) return { replies: [textReply(current), textReply(turn.tr('register.here.noneOwn'))] };
        const shown = listOf(turn, own);
        return { ...shown, replies: [textReply(current), ...shown.replies] };
      },
    },
    verbs: {
      'register.start': async (turn, action) => deps.register.start(turn, action.expiry),
      'register.page': (turn, action) => list(turn, action.page),
      // Both the new-certificate form and the edit form (with `certificate`) come back here when no dialog is pending.
      'register.submit': (turn, action) => deps.register.submit(turn, action),
      'register.edit': forOwners(deps.reminders, async (turn, action, registered) => {
        const { certificate } = registered;
        const view = {
          certificateId: certificate.id,
          label: certificate.label,
          expiry: certificate.expiryDate,
          finess: certificate.finess ? formatFiness(certificate.finess) : undefined,
          usage: certificate.usage,
          corridor: certificate.corridor,
          structure: certificate.structure,
          scope: certificate.scope,
        };
        return { replies: [cardReply(registerFormCard(view, turn.tr))] };
      }),
      'register.delete': forOwners(deps.reminders, async (turn, action, registered) => {
        const question = turn.tr('register.deleteConfirm', { label: registered.certificate.label });
        return {
          replies: [
            cardReply(
              card([text(question, { weight: 'bolder' })], [execute(turn.tr('register.deleteYes'), { verb: 'register.delete.confirm', certificate: action.certificate }, 'destructive')], question),
            ),
          ],
        };
      }),
      'register.delete.confirm': forOwners(deps.reminders, async (turn, action, registered) => {
        await deps.reminders.delete(action.certificate);
        return { replies: [textReply(turn.tr('register.deleted', { label: registered.certificate.label }))] };
      }),
      'register.history': forOwners(deps.reminders, async (turn, action, registered) => {
        const deliveries = await deps.reminders.deliveryStatus(action.certificate);
        const unreachable = await unreachableTargets(deps.conversations, registered.targets);
        const view = historyView({
          certificate: registered.certificate,
          targets: registered.targets,
          deliveries,
          userId: turn.request.userId,
          unreachable,
          now: deps.clock.now(),
          locale: turn.locale,
          tr: turn.tr,
        });
        return { replies: [cardReply(reminderHistoryCard(view, turn.tr))] };
      }),
      'register.settings': forOwners(deps.reminders, async (turn, action, registered) => {
        const { certificate } = registered;
        const view = {
          certificateId: certificate.id,
          label: certificate.label,
          thresholds: certificate.thresholds,
          hour: certificate.delivery.hour,
          workingDaysOnly: certificate.delivery.workingDaysOnly,
          weeklyAfterExpiry: certificate.weeklyAfterExpiry,
        };
        return { replies: [cardReply(reminderSettingsCard(view, turn.tr))] };
      }),
      'register.settings.save': forOwners(deps.reminders, async (turn, action, registered) => {
        const settings = parseSettings(action);
        if (!settings) return refused(turn.tr('settings.invalid'));
        const now = deps.clock.now();
        const { certificate } = registered;
        await deps.reminders.update(
          {
            ...certificate,
            thresholds: settings.thresholds,
            weeklyAfterExpiry: settings.weekly,
            delivery: { hour: settings.hour, workingDaysOnly: settings.workingDays },
            updatedAt: now,
          },
          now,
        );
        const summary =
          settings.thresholds.length === 0
            ? turn.tr('settings.summaryOff')
            : turn.tr('settings.summary', {
                days: settings.thresholds.join(', '),
                // One number agrees with its value ("1 jour", "7 jours"); a list of them is plural.
                count: settings.thresholds.length === 1 ? (settings.thresholds[0] ?? 0) : settings.thresholds.length,
                hour: settings.hour,
                workingDays: settings.workingDays ? turn.tr('settings.summaryWorkingDays') : '',
                weekly: settings.weekly ? turn.tr('settings.summaryWeekly') : '',
              });
        return { replies: [textReply(turn.tr('settings.saved', { label: certificate.label, summary }))] };
      }),
      'register.here': async (turn, action) => {
        const { conversationId, conversationKind } = turn.request;
        if (conversationKind === 'personal') return { replies: [textReply(turn.tr('register.hereOnlyInTeams'))] };
        const registered = await loadOwned(deps.reminders, turn, action.certificate);
        if (!('certificate' in registered)) return registered;
        const added = await deps.reminders.addTarget(
          { certificateId: action.certificate, conversationId, kind: conversationKind, userId: undefined },
          deps.clock.now(),
        );
        return { replies: [textReply(turn.tr(added ? 'register.hereAdded' : 'register.hereAlready', { label: registered.certificate.label }))] };
      },
    },
  };
}
