import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { localeFromTag, type Locale } from '../domain/locale';
import { t } from '../language/messages';
import type { Logger } from '../logging';
import { TURN_ID, TURN_LOGGER } from './certibot-bot';

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId it accepts unauthenticated requests (local mode, bound to
 * 127.0.0.1 by the server); with credentials, botbuilder checks the JWT of every request.
 */
export function createAdapter(bot: Config['bot'], defaultLocale: Locale, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const turnId = (context.turnState.get(TURN_ID) as string | undefined) ?? 'n/a';
    const log = (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? logger.child({ cid: turnId });
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
