import { ConfigError, loadConfig, type Config } from '../src/config';

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

const PRODUCTION_BOT = { NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };

describe('loadConfig', () => {
  test('an empty environment gives local development defaults on SQLite', () => {
    const expected: Config = {
      env: 'development',
      localMode: true,
      bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' },
      http: { host: '127.0.0.1', port: 3978, maxBodyBytes: 256 * 1024, shutdownTimeoutMs: 10_000 },
      storage: { engine: 'sqlite', file: './data/certibot.db' },
      dataDir: './data',
      logLevel: 'info',
      defaultLocale: 'fr',
      supportAgentIds: [],
      publicBaseUrl: undefined,
      calendarLinkTtlMs: 72 * 60 * 60 * 1000,
      renewalLeadMonths: 2,
      reminders: { enabled: true, tickMs: 30_000, ratePerSecond: 30 },
      clockOffsetDays: 0,
    };
    expect(loadConfig({})).toEqual(expected);
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
      bot: { appId: 'app-id', appPassword: 'secret', appType: 'MultiTenant', tenantId: '' },
      http: { host: '10.0.0.5', port: 8080, maxBodyBytes: 4096, shutdownTimeoutMs: 0 },
      storage: { engine: 'sqlite', file: '/var/lib/certibot/certibot.db' },
      dataDir: '/var/lib/certibot/',
      logLevel: 'debug',
      defaultLocale: 'en',
      supportAgentIds: ['29:agent-1', 'a1b2c3d4-0000-4000-8000-000000000001'],
      publicBaseUrl: undefined,
      calendarLinkTtlMs: 72 * 60 * 60 * 1000,
      renewalLeadMonths: 2,
      reminders: { enabled: true, tickMs: 30_000, ratePerSecond: 30 },
      clockOffsetDays: 0,
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

  test('a production start with an app id but no password is refused, naming MicrosoftAppPassword', () => {
    const error = configError({ NODE_ENV: 'production', MicrosoftAppId: 'app-id' });
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
    const error = configError({ ...PRODUCTION_BOT, MicrosoftAppType: 'SingleTenant' });
    expect(error.message).toBe('Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant.');
  });

  test('SingleTenant with a tenant id is accepted and keeps it', () => {
    const config = loadConfig({ ...PRODUCTION_BOT, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: ' tenant-42 ' });
    expect(config.bot.tenantId).toBe('tenant-42');
  });

  test('a support agent id with characters no Teams or Entra id has is refused, naming SUPPORT_AGENT_IDS', () => {
    const error = configError({ SUPPORT_AGENT_IDS: '29:agent-1, robert; DROP TABLE users' });
    expect(error.message).toMatch(/^Invalid setting SUPPORT_AGENT_IDS(\.1)?: expected comma-separated Teams or Entra user ids\.$/);
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
});
