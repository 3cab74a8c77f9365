import type { ActionResultView, MeView, RenewalView, TeamView } from '../../../src/features/tab/tab-views';
import { installationUpdate, message, submitAction, type TeamsChat } from '../../harness/activities';
import type { BotHarness } from '../../harness/bot-harness';
import { httpRequest, type HttpResponse } from '../../harness/http-client';

/** When the certificate below is registered, and when its 90-day reminder goes (09:00 Paris, 15 December 2026). */
export const REGISTERED = new Date('2026-11-26T09:00:00Z');
export const D90 = new Date('2026-12-15T08:00:00Z');

/** What a person types in the registration form of the chat. */
export const NIMES = { label: 'MSSanté – site de Nîmes', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'MSSante' } as const;

/**
 * Camille registers a certificate through the bot (the chat's form), and asks for its reminders in her team's channel
 * too (« rappels ici »): what the tabs then show.
 */
export async function registerThroughTheBot(harness: BotHarness, fields: Readonly<Record<string, string>> = NIMES): Promise<{ personal: TeamsChat; channel: TeamsChat; certificateId: string }> {
  const personal = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id, userName: 'Camille Martin' });
  await harness.send(message(personal, 'bonjour'));
  await harness.send(submitAction(personal, { verb: 'register.submit', ...fields }));
  const [summary] = await harness.app.store.reminders.listForUser(personal.user.id, harness.clock.now());
  const certificateId = summary?.certificate.id ?? '';
  await harness.send(installationUpdate(channel, 'add'));
  await harness.send(submitAction(channel, { verb: 'register.here', certificate: certificateId }));
  return { personal, channel, certificateId };
}

/** A tab API call as the page makes it (JSON in and out), with extra headers (a bearer token). */
export async function tabApi(harness: BotHarness, path: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<HttpResponse> {
  return httpRequest(`${harness.url}/api/tab/v1/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { Accept: 'application/json', ...headers }, body, timeoutMs: 15_000 });
}

export const me = async (harness: BotHarness, headers?: Readonly<Record<string, string>>): Promise<MeView> => (await tabApi(harness, 'me', undefined, headers)).json as MeView;
export const team = async (harness: BotHarness, query = ''): Promise<TeamView> => (await tabApi(harness, `team${query}`)).json as TeamView;
export const act = async (harness: BotHarness, command: unknown): Promise<ActionResultView> => (await tabApi(harness, 'actions', command)).json as ActionResultView;
export const renewal = async (harness: BotHarness, question: unknown): Promise<RenewalView> => (await tabApi(harness, 'renewal', question)).json as RenewalView;

/** certibot's settings with credentials (not local mode): its tabs check SSO tokens of `tenantId` against `jwksUrl`. */
export function withCredentials(botId: string, tenantId: string, jwksUrl: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    MicrosoftAppId: botId,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppPassword: 'not-used-by-these-tests',
    MicrosoftAppTenantId: tenantId,
    TAB_SSO_JWKS_URL: jwksUrl,
    REMINDERS_ENABLED: 'false',
  };
}

/** Someone known by Teams id, Entra object id and personal chat. */
export interface KnownTestPerson {
  readonly userId: string;
  readonly aadObjectId: string;
  readonly conversationId: string;
}

/**
 * A person who spoke to certibot in their personal chat, as the store keeps them (identified, with a chat to act
 * from): what a chat would have written, for a certibot with credentials that tests cannot talk to as Teams does.
 */
export async function knownPerson(harness: BotHarness, person: KnownTestPerson, tenantId: string): Promise<void> {
  const { store } = harness.app;
  await store.users.identify({ userId: person.userId, aadObjectId: person.aadObjectId, tenantId }, REGISTERED);
  await store.conversations.save({
    conversationId: person.conversationId,
    kind: 'personal',
    tenantId,
    teamId: undefined,
    channelId: undefined,
    userId: person.userId,
    userAadId: person.aadObjectId,
    serviceUrl: harness.connector.serviceUrl,
    reference: { conversation: { id: person.conversationId } },
    updatedAt: REGISTERED,
  });
}
