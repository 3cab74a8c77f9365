import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import { cachingConnectorToken, jwtExpiresAt, type ConnectorToken } from '../notify/connector-client';
import type { Config } from '../config/config';
import { localeFromTag, type Locale } from '../domain/locale';
import { t } from '../messages/translator';
import type { Logger } from '../logging/logging';
import { TURN_ID, turnLogger } from './certibot-bot';
import { CachingBotFrameworkAuthentication } from './caching-authentication';

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId it accepts unauthenticated requests (local mode, bound to
 * 127.0.0.1 by the server); with credentials, botbuilder checks the JWT of every request.
 */
function credentialsOf(bot: Config['bot']) {
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  };
}

/** How long a token whose expiry cannot be read is kept (Bot Framework tokens live about an hour). */
const UNKNOWN_EXPIRY_MS = 10 * 60 * 1000;

/**
 * Bearer tokens for the Bot Connector, for proactive sends made outside a turn: the same credentials as the adapter
 * (secret, certificate-less single/multi tenant, or managed identity). Local mode has none. One token is cached
 * until shortly before it expires, with one fetch in flight at a time; a refused token is fetched anew, bypassing
 * botbuilder's own cache (which would hand the refused token back until it expires).
 */
export function connectorToken(bot: Config['bot']): ConnectorToken {
  if (!bot.appId) return async () => undefined;
  const factory = new ConfigurationServiceClientCredentialFactory(credentialsOf(bot));
  const login = `https://login.microsoftonline.com/${bot.appType === 'SingleTenant' && bot.tenantId ? bot.tenantId : 'botframework.com'}`;
  return cachingConnectorToken(async (forceRefresh) => {
    const credentials = (await factory.createCredentials(bot.appId, 'https://api.botframework.com', login, true)) as unknown as {
      getToken(forceRefresh?: boolean): Promise<string>;
    };
    const token = await credentials.getToken(forceRefresh);
    return { token, expiresAt: jwtExpiresAt(token) ?? Date.now() + UNKNOWN_EXPIRY_MS };
  });
}

export function createAdapter(bot: Config['bot'], defaultLocale: Locale, logger: Logger): CloudAdapter {
  // The Bot Connector clients a turn answers through are reused across turns (see CachingBotFrameworkAuthentication).
  const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(credentialsOf(bot)));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const turnId = (context.turnState.get(TURN_ID) as string | undefined) ?? 'n/a';
    const log = turnLogger(context, logger);
    log.error({ err: error, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type !== 'message' && context.activity.type !== 'invoke') return;
    const locale = localeFromTag(context.activity.locale) ?? defaultLocale;
    try {
      await context.sendActivity(t(locale, 'error.generic', { ref: turnId.slice(0, 12) }));
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failure');
    }
  };
  return adapter;
}
