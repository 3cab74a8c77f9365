import { connectorToken, createAdapter } from '../../src/bot/adapter';
import { ConfigError, configWarnings, loadConfig, type Config } from '../../src/config/config';
import { createLogger } from '../../src/logging/logging';

/** Runs loadConfig and answers the ConfigError it throws (fails the test when it throws nothing or something else). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** What Azure creates today: a single-tenant app registration with a client secret. */
const PRODUCTION_BOT = {
  NODE_ENV: 'production',
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: 'tenant-1',
};

describe('loadConfig', () => {
  test('an empty environment gives local development defaults on SQLite', () => {
    const expected: Config = {
      env: 'development',
      localMode: true,
      bot: { appId: '', appPassword: '', appType: undefined, tenantId: '' },
      http: { host: '127.0.0.1', port: 3978, maxBodyBytes: 256 * 1024, shutdownTimeoutMs: 10_000 },
      storage: { engine: 'sqlite', file: '../data/certibot.db' },
      dataDir: '../data',
      logLevel: 'info',
      defaultLocale: 'fr',
      retiredSettings: [],
      support: { adminIds: [], grades: [{ id: 'occitanie', name: 'GRADeS e-santé Occitanie', email: 'acssi@esante-occitanie.fr' }], smtp: undefined, surveyDelayMs: 60 * 60_000, nudgeDelayMs: 120 * 60_000 },
      publicBaseUrl: undefined,
      calendarLinkTtlMs: 72 * 60 * 60 * 1000,
      unansweredRetentionMs: 180 * 24 * 60 * 60 * 1000,
      renewalLeadMonths: 2,
      reminders: { enabled: true, tickMs: 30_000, ratePerSecond: 30 },
      clockOffsetDays: 0,
      allowedTenantIds: [],
      metrics: undefined,
      tab: { teamsAppId: undefined, ssoAppId: undefined, jwksUrl: 'https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys', tenants: undefined },
    };
    expect(loadConfig({})).toEqual(expected);
  });

  describe('the tabs', () => {
    const TEAMS_APP = '0f3c9a52-6c1e-4a7b-9d0e-2b6f4c8a1d37';
    const BOT = { ...PRODUCTION_BOT, MicrosoftAppId: '5d2e8b1a-3c4f-4e6a-8b7d-9f0a1c2e3b4d', MicrosoftAppTenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' };

    test("a single-tenant bot's tabs accept SSO tokens for the bot's app, from its own tenant only", () => {
      expect(loadConfig({ ...BOT, TEAMS_APP_ID: TEAMS_APP }).tab).toEqual({
        teamsAppId: TEAMS_APP,
        ssoAppId: BOT.MicrosoftAppId,
        jwksUrl: 'https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys',
        tenants: ['72f988bf-86f1-41af-91ab-2d7cd011db47'],
      });
    });

    test('a managed identity cannot be an SSO audience: the tabs need TAB_SSO_APP_ID; a multi-tenant bot takes any tenant', () => {
      const msi = { ...BOT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: '' };
      expect(loadConfig(msi).tab.ssoAppId).toBeUndefined();
      expect(loadConfig({ ...msi, TAB_SSO_APP_ID: TEAMS_APP.replace('0f3c', '1a2b') }).tab.ssoAppId).toBe(TEAMS_APP.replace('0f3c', '1a2b'));
      expect(loadConfig({ ...BOT, MicrosoftAppType: 'MultiTenant' }).tab.tenants).toBeUndefined();
    });

    test("deep links name the app by its id in the organization's catalog once published there", () => {
      const catalog = TEAMS_APP.replace('0f3c', 'c47a');
      expect(loadConfig({ ...BOT, TEAMS_APP_ID: TEAMS_APP, TEAMS_APP_CATALOG_ID: catalog }).tab.teamsAppId).toBe(catalog);
    });

    test('local mode checks no token, whatever is set', () => {
      expect(loadConfig({ TAB_SSO_APP_ID: TEAMS_APP }).tab.ssoAppId).toBeUndefined();
    });

    test("the Teams app's id must be a GUID of its own, and the key set https in production", () => {
      expect(configError({ TEAMS_APP_ID: 'certibot' }).message).toMatch(/^Invalid setting TEAMS_APP_ID: expected the Teams app id, a GUID/);
      expect(configError({ ...BOT, TEAMS_APP_ID: BOT.MicrosoftAppId.toUpperCase() }).message).toBe(
        "Invalid setting TEAMS_APP_ID: the Teams app needs an id of its own, apart from the bot's MicrosoftAppId.",
      );
      expect(configError({ ...BOT, TAB_SSO_JWKS_URL: 'http://keys.example.org/{tenantId}' }).message).toMatch(/^Invalid setting TAB_SSO_JWKS_URL: must be https:\/\//);
      expect(loadConfig({ TAB_SSO_JWKS_URL: 'http://127.0.0.1:9999/{tenantId}/keys' }).tab.jwksUrl).toBe('http://127.0.0.1:9999/{tenantId}/keys');
    });
  });

  test('calendar and renewal settings are read, and a base URL with a path is refused', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://certibot.example.org', CALENDAR_LINK_TTL_HOURS: '24', RENEWAL_LEAD_MONTHS: '3' })).toMatchObject({
      publicBaseUrl: 'https://certibot.example.org',
      calendarLinkTtlMs: 24 * 60 * 60 * 1000,
      renewalLeadMonths: 3,
    });
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://certibot.example.org/bot' })).toThrow(/^Invalid setting PUBLIC_BASE_URL: /);
    expect(() => loadConfig({ RENEWAL_LEAD_MONTHS: '0' })).toThrow(/^Invalid setting RENEWAL_LEAD_MONTHS: /);
  });

  test('the demo clock shift is read outside production and refused in production', () => {
    expect(loadConfig({ CLOCK_OFFSET_DAYS: '365' }).clockOffsetDays).toBe(365);
    expect(() => loadConfig({ ...PRODUCTION_BOT, CLOCK_OFFSET_DAYS: '30' })).toThrow(
      'Invalid setting CLOCK_OFFSET_DAYS: shifting the clock is for demos and tests, never in production.',
    );
    expect(loadConfig({ REMINDERS_ENABLED: 'false', REMINDER_TICK_SECONDS: '5', REMINDER_RATE_PER_SECOND: '10' }).reminders).toEqual({
      enabled: false,
      tickMs: 5000,
      ratePerSecond: 10,
    });
    expect(() => loadConfig({ REMINDER_RATE_PER_SECOND: '100' })).toThrow(/^Invalid setting REMINDER_RATE_PER_SECOND: /);
  });

  test('blank values count as unset', () => {
    expect(loadConfig({ PORT: '  ', DATABASE_URL: '', DEFAULT_LOCALE: ' ', MicrosoftAppId: '   ' })).toMatchObject({
      localMode: true,
      http: { port: 3978 },
      storage: { engine: 'sqlite' },
      defaultLocale: 'fr',
    });
  });

  test('explicit values are read and typed', () => {
    const config = loadConfig({
      ...PRODUCTION_BOT,
      HOST: '10.0.0.5',
      PORT: '8080',
      DATA_DIR: '/var/lib/certibot/',
      LOG_LEVEL: 'debug',
      MAX_BODY_BYTES: '4096',
      DEFAULT_LOCALE: 'en',
      SHUTDOWN_TIMEOUT_MS: '0',
      SUPPORT_AGENT_IDS: ' 29:agent-1 ,, a1b2c3d4-0000-4000-8000-000000000001 ,',
    });
    expect(config).toEqual({
      env: 'production',
      localMode: false,
      bot: { appId: 'app-id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant-1' },
      http: { host: '10.0.0.5', port: 8080, maxBodyBytes: 4096, shutdownTimeoutMs: 0 },
      storage: { engine: 'sqlite', file: '/var/lib/certibot/certibot.db' },
      dataDir: '/var/lib/certibot/',
      logLevel: 'debug',
      defaultLocale: 'en',
      retiredSettings: ['SUPPORT_AGENT_IDS'],
      support: { adminIds: [], grades: [{ id: 'occitanie', name: 'GRADeS e-santé Occitanie', email: 'acssi@esante-occitanie.fr' }], smtp: undefined, surveyDelayMs: 60 * 60_000, nudgeDelayMs: 120 * 60_000 },
      publicBaseUrl: undefined,
      calendarLinkTtlMs: 72 * 60 * 60 * 1000,
      unansweredRetentionMs: 180 * 24 * 60 * 60 * 1000,
      renewalLeadMonths: 2,
      reminders: { enabled: true, tickMs: 30_000, ratePerSecond: 30 },
      clockOffsetDays: 0,
      allowedTenantIds: [],
      metrics: undefined,
      tab: { teamsAppId: undefined, ssoAppId: 'app-id', jwksUrl: 'https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys', tenants: ['tenant-1'] },
    });
  });

  test.each(['abc', '70000', '-1', '80.5'])('PORT=%s is refused with one line naming PORT', (port) => {
    const error = configError({ PORT: port });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid setting PORT: /);
    expect(error.message).not.toContain('\n');
  });

  test('a production start without MicrosoftAppId is refused in one line', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.message).toBe(
      'Refusing to start: NODE_ENV=production requires MicrosoftAppId (and its credentials); local mode is for development only.',
    );
    expect(error.message).not.toContain('\n');
  });

  test('a production start with a multi-tenant app id but no password is refused, naming MicrosoftAppPassword', () => {
    const error = configError({ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppType: 'MultiTenant' });
    expect(error.message).toBe('Refusing to start: NODE_ENV=production requires MicrosoftAppPassword for MicrosoftAppId.');
  });

  test('a production start as a user-assigned managed identity needs no password', () => {
    const config = loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant' });
    expect(config.localMode).toBe(false);
    expect(config.bot).toEqual({ appId: 'app-id', appPassword: '', appType: 'UserAssignedMSI', tenantId: 'tenant' });
  });

  test('local mode binds to 127.0.0.1 even when HOST=0.0.0.0', () => {
    const config = loadConfig({ HOST: '0.0.0.0' });
    expect(config.localMode).toBe(true);
    expect(config.http.host).toBe('127.0.0.1');
  });

  test('with credentials, HOST is honoured and defaults to 0.0.0.0', () => {
    expect(loadConfig(PRODUCTION_BOT).http.host).toBe('0.0.0.0');
    expect(loadConfig({ ...PRODUCTION_BOT, HOST: '192.168.1.2' }).http.host).toBe('192.168.1.2');
  });

  test('a postgres:// or postgresql:// DATABASE_URL selects PostgreSQL with that URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot@db:5432/certibot' }).storage).toEqual({
      engine: 'postgres',
      url: 'postgres://bot@db:5432/certibot',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/certibot' }).storage).toEqual({ engine: 'postgres', url: 'postgresql://db/certibot' });
  });

  test.each(['mysql://db/certibot', 'sqlite:./data/certibot.db', 'db:5432'])('DATABASE_URL=%s is refused, naming DATABASE_URL', (url) => {
    const error = configError({ DATABASE_URL: url });
    expect(error.message).toBe('Invalid setting DATABASE_URL: expected a postgres:// URL.');
  });

  test('SingleTenant without a tenant id is refused, naming MicrosoftAppTenantId', () => {
    const error = configError({ ...PRODUCTION_BOT, MicrosoftAppTenantId: undefined });
    expect(error.message).toBe('Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant.');
  });

  test.each(['development', 'production'])('an app id without MicrosoftAppType is refused in %s, naming the choices', (nodeEnv) => {
    const error = configError({ NODE_ENV: nodeEnv, MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-1' });
    expect(error.message).toBe(
      'Invalid setting MicrosoftAppType: required with MicrosoftAppId; choose SingleTenant, UserAssignedMSI or MultiTenant (bots registered before 31 July 2025 only).',
    );
  });

  test('a multi-tenant registration (made before 31 July 2025) is still accepted', () => {
    expect(loadConfig({ ...PRODUCTION_BOT, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }).bot).toEqual({
      appId: 'app-id',
      appPassword: 'secret',
      appType: 'MultiTenant',
      tenantId: '',
    });
  });

  test('UserAssignedMSI without a tenant id is refused in one line naming MicrosoftAppTenantId', () => {
    const error = configError({ NODE_ENV: 'production', MicrosoftAppId: 'client-id', MicrosoftAppType: 'UserAssignedMSI' });
    expect(error.message).toBe('Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=UserAssignedMSI.');
  });

  test('UserAssignedMSI with a client secret is refused: a managed identity has none', () => {
    const error = configError({ ...PRODUCTION_BOT, MicrosoftAppType: 'UserAssignedMSI' });
    expect(error.message).toBe(
      'Invalid setting MicrosoftAppPassword: must be empty when MicrosoftAppType=UserAssignedMSI (the identity has no secret; MicrosoftAppId is its client id).',
    );
  });

  test('SingleTenant without a client secret is refused outside production too, naming MicrosoftAppPassword', () => {
    const error = configError({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-1' });
    expect(error.message).toBe('Invalid setting MicrosoftAppPassword: required when MicrosoftAppType=SingleTenant.');
  });

  test('local mode needs no app type, and ignores one left in the environment', () => {
    expect(loadConfig({}).bot.appType).toBeUndefined();
    expect(loadConfig({ MicrosoftAppType: 'SingleTenant' })).toMatchObject({ localMode: true, bot: { appId: '', appType: undefined } });
  });

  test('PUBLIC_BASE_URL must be https:// in production, where calendar links carry their token', () => {
    expect(configError({ ...PRODUCTION_BOT, PUBLIC_BASE_URL: 'http://certibot.example.org' }).message).toBe(
      'Invalid setting PUBLIC_BASE_URL: must be https:// in production (calendar links carry their access token).',
    );
    expect(loadConfig({ ...PRODUCTION_BOT, PUBLIC_BASE_URL: 'https://certibot.example.org' }).publicBaseUrl).toBe('https://certibot.example.org');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }).publicBaseUrl).toBe('http://127.0.0.1:3978');
  });

  test('every app registration loadConfig accepts builds the adapter and the token source (no crash at start)', () => {
    const values = {
      NODE_ENV: ['development', 'production'],
      MicrosoftAppId: ['', '0b6f3c59-2c38-4c4a-9d2e-6b1f9e0c7a11'],
      MicrosoftAppPassword: ['', 'secret'],
      MicrosoftAppType: ['', 'SingleTenant', 'UserAssignedMSI', 'MultiTenant'],
      MicrosoftAppTenantId: ['', 'a1b2c3d4-0000-4000-8000-000000000001'],
    };
    const combinations = Object.entries(values).reduce<Array<Record<string, string>>>(
      (envs, [setting, choices]) => envs.flatMap((env) => choices.map((choice) => ({ ...env, [setting]: choice }))),
      [{}],
    );
    const logger = createLogger('silent');
    const crashes: string[] = [];
    let accepted = 0;

    for (const env of combinations) {
      let config: Config;
      try {
        config = loadConfig(env);
      } catch (error) {
        if (!(error instanceof ConfigError) || error.message.includes('\n')) crashes.push(`${JSON.stringify(env)}: not one ConfigError line`);
        continue;
      }
      accepted += 1;
      try {
        createAdapter(config.bot, config.defaultLocale, logger);
        connectorToken(config.bot);
      } catch (error) {
        crashes.push(`${JSON.stringify(env)}: ${(error as Error).message}`);
      }
    }

    expect(crashes).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
  });

  test('SingleTenant with a tenant id is accepted and keeps it', () => {
    const config = loadConfig({ ...PRODUCTION_BOT, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: ' tenant-42 ' });
    expect(config.bot.tenantId).toBe('tenant-42');
  });

  test('a support admin id with characters no Teams or Entra id has is refused, naming SUPPORT_ADMIN_IDS', () => {
    const error = configError({ SUPPORT_ADMIN_IDS: '29:admin-1, robert; DROP TABLE users' });
    expect(error.message).toMatch(/^Invalid setting SUPPORT_ADMIN_IDS(\.1)?: expected comma-separated Teams or Entra user ids\.$/);
  });

  test('SUPPORT_AGENT_IDS is no longer read (agents are the support team’s members): set, it is said once at start', () => {
    expect(configWarnings(loadConfig({ SUPPORT_AGENT_IDS: '29:agent-1' }))).toEqual([expect.stringContaining('SUPPORT_AGENT_IDS is no longer read')]);
    expect(configWarnings(loadConfig({ SUPPORT_AGENT_IDS: ' ' }))).toEqual([]);
  });

  test.each([
    ['NODE_ENV', 'staging'],
    ['MicrosoftAppType', 'Anonymous'],
    ['LOG_LEVEL', 'verbose'],
    ['DEFAULT_LOCALE', 'de'],
    ['MAX_BODY_BYTES', '10'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
  ])('%s=%s is refused with one line naming that setting', (setting, value) => {
    const error = configError({ [setting]: value });
    expect(error.message.startsWith(`Invalid setting ${setting}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  test('allowed tenants are read as a lower-case list; anything but ids is refused, naming ALLOWED_TENANT_IDS', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: ' 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ,contoso-tenant,' }).allowedTenantIds).toEqual([
      '72f988bf-86f1-41af-91ab-2d7cd011db47',
      'contoso-tenant',
    ]);
    expect(configError({ ALLOWED_TENANT_IDS: 'tenant-a; tenant-b' }).message).toMatch(/^Invalid setting ALLOWED_TENANT_IDS(\.\d+)?: expected comma-separated Entra tenant ids\.$/);
  });

  test('an empty tenant list is accepted everywhere, with a warning at start in production only', () => {
    expect(configWarnings(loadConfig({}))).toEqual([]);
    const [warning, ...others] = configWarnings(loadConfig(PRODUCTION_BOT));
    expect(warning).toMatch(/^ALLOWED_TENANT_IDS is empty: /);
    expect(others).toEqual([]);
    expect(configWarnings(loadConfig({ ...PRODUCTION_BOT, ALLOWED_TENANT_IDS: 'tenant-1' }))).toEqual([]);
  });

  test('metrics are served only when METRICS_PORT is set, on 127.0.0.1 unless METRICS_HOST says otherwise', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ host: '0.0.0.0', port: 0 });
    expect(configError({ METRICS_PORT: '70000' }).message).toMatch(/^Invalid setting METRICS_PORT: /);
  });
});
