import { z } from 'zod';
import type { Locale } from '../domain/locale';

/** A setting that cannot be used as given; its message names the setting in one line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Where Entra publishes a tenant's token signing keys; `{tenantId}` is replaced by the token's tenant. */
export const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys';

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/** A list in one variable: split on `separator`, trimmed (and `normalise`d), empty entries dropped, each entry checked. */
const separatedList = (
  separator: string,
  entry: RegExp,
  message: string,
  fallback: string[] = [],
  normalise: (item: string) => string = (item) => item,
) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((value) => value.split(separator).map((item) => normalise(item.trim())).filter((item) => item.length > 0))
      .pipe(z.array(z.string().regex(entry, message)))
      .default(fallback),
  );

const USER_IDS = /^[\w:.@-]{1,256}$/;
const USER_IDS_MESSAGE = 'expected comma-separated Teams or Entra user ids';

const schema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'test', 'production']).default('development')),
  MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).optional()),
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  PORT: integer(0, 65535, 3978),
  HOST: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().min(1).default('../data')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MAX_BODY_BYTES: integer(1024, 10 * 1024 * 1024, 256 * 1024),
  DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(['fr', 'en']).default('fr')),
  SHUTDOWN_TIMEOUT_MS: integer(0, 120_000, 10_000),
  PUBLIC_BASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\/[^/]+$/, 'expected a base URL such as https://certibot.example.org (no path)')
      .optional(),
  ),
  CALENDAR_LINK_TTL_HOURS: integer(1, 24 * 90, 72),
  UNANSWERED_RETENTION_DAYS: integer(1, 3650, 180),
  RENEWAL_LEAD_MONTHS: integer(1, 12, 2),
  REMINDERS_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  REMINDER_TICK_SECONDS: integer(1, 3600, 30),
  REMINDER_RATE_PER_SECOND: integer(1, 50, 30),
  CLOCK_OFFSET_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(-3650).max(3650).default(0)),
  TEAMS_APP_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(GUID, 'expected the Teams app id, a GUID (the "id" of the app package)').optional()),
  TEAMS_APP_CATALOG_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(GUID, "expected the app's id in the organization's catalog, a GUID").optional()),
  TAB_SSO_APP_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(GUID, 'expected the client id of an Entra app registration, a GUID').optional()),
  TAB_SSO_JWKS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\//, 'expected an http(s) URL')
      .default(DEFAULT_JWKS_URL),
  ),
  /** No longer read: support agents are the members of a support channel's team. Kept to warn whoever still sets it. */
  SUPPORT_AGENT_IDS: z.string().optional(),
  SUPPORT_ADMIN_IDS: separatedList(',', USER_IDS, USER_IDS_MESSAGE),
  SUPPORT_GRADES: separatedList(
    ';',
    /^[a-z][a-z0-9-]{0,39}\|[^|]{1,80}\|[^@\s|]+@[^@\s|]+\.[^@\s|]+$/,
    'expected region|name|e-mail entries separated by ";"',
    ['occitanie|GRADeS e-santé Occitanie|acssi@esante-occitanie.fr'],
  ),
  SUPPORT_SURVEY_DELAY_MINUTES: integer(0, 7 * 24 * 60, 60),
  SUPPORT_NUDGE_MINUTES: integer(1, 7 * 24 * 60, 120),
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\/[^\s]+$/, 'expected an smtp:// or smtps:// URL').optional()),
  SUPPORT_FROM_EMAIL: z.preprocess(emptyToUndefined, z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'expected an e-mail address').optional()),
  ALLOWED_TENANT_IDS: separatedList(',', /^[\w.-]{1,128}$/, 'expected comma-separated Entra tenant ids', [], (id) => id.toLowerCase()),
  METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  METRICS_HOST: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('127.0.0.1')),
});


/** Everything certibot reads from its environment, validated once by the composition root. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  /** Local mode: no Microsoft App credentials, requests are not authenticated, bound to 127.0.0.1 only. */
  readonly localMode: boolean;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    /** How the app registration signs in; undefined only in local mode, where nobody signs in. */
    readonly appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant' | undefined;
    readonly tenantId: string;
  };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly maxBodyBytes: number;
    readonly shutdownTimeoutMs: number;
  };
  readonly storage:
    | { readonly engine: 'sqlite'; readonly file: string }
    | { readonly engine: 'postgres'; readonly url: string };
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly defaultLocale: Locale;
  /** Where users' browsers reach the bot (calendar links); defaults to the address it listens on. */
  readonly publicBaseUrl: string | undefined;
  readonly calendarLinkTtlMs: number;
  /** How long an unanswered question (redacted, without who asked) is kept for the support agents' report. */
  readonly unansweredRetentionMs: number;
  /** How many months before expiry the renewal should start. */
  readonly renewalLeadMonths: number;
  readonly reminders: {
    /** Whether this instance sends reminders (every instance may: deliveries are claimed with row locks). */
    readonly enabled: boolean;
    readonly tickMs: number;
    /** Proactive messages per second from this instance (Teams allows 30–50 per app and tenant). */
    readonly ratePerSecond: number;
  };
  /** Demo/acceptance only (refused in production): the bot's clock runs this many days ahead. */
  readonly clockOffsetDays: number;
  /** Teams user ids (29:…) or Entra object ids of the support agents, who may see the gap report. */
  /** Settings certibot no longer reads that are still set: said once at start. */
  readonly retiredSettings: readonly string[];
  /** Escalation: who may say « support ici », the GRADeS queues (the ANS queue always exists), outgoing e-mail. */
  readonly support: {
    readonly adminIds: readonly string[];
    readonly grades: ReadonlyArray<{ readonly id: string; readonly name: string; readonly email: string }>;
    /** With SMTP_URL: certibot sends the e-mails itself, from SUPPORT_FROM_EMAIL. */
    readonly smtp: { readonly url: string; readonly from: string } | undefined;
    /** After a close, when the requester is asked to rate it; after an open, when an untaken ticket is pointed out. */
    readonly surveyDelayMs: number;
    readonly nudgeDelayMs: number;
  };
  /** Entra tenants (lower case) whose activities certibot serves; empty = every tenant. */
  readonly allowedTenantIds: readonly string[];
  /** Where /metrics (Prometheus) is served, on a server of its own; undefined = not served. */
  readonly metrics: { readonly host: string; readonly port: number } | undefined;
  readonly tab: {
    /**
     * The id deep links to the tab name the app by: its id in the organization's catalog once an administrator
     * published it there (TEAMS_APP_CATALOG_ID), else the package's own (TEAMS_APP_ID); unset: no deep link.
     */
    readonly teamsAppId: string | undefined;
    /**
     * The Entra app the tabs' Teams SSO tokens are issued for (their audience). Undefined in local mode, where the
     * page runs with a local identity, and with a managed identity unless TAB_SSO_APP_ID names an app registration.
     */
    readonly ssoAppId: string | undefined;
    /** The JWKS of a tenant's signing keys; `{tenantId}` stands for the token's tenant. */
    readonly jwksUrl: string;
    /** The tenants whose people may sign in to the tabs: the app's own for a single-tenant app; undefined = any. */
    readonly tenants: readonly string[] | undefined;
  };
}

/**
 * Reads and validates the configuration from an environment-like record.
 * Throws a ConfigError whose message is one line naming the faulty setting.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = issue?.path.join('.') || 'configuration';
    const detail = issue?.message ?? 'invalid value';
    throw new ConfigError(`Invalid setting ${setting}: ${detail}.`);
  }
  const s = parsed.data;
  const appId = s.MicrosoftAppId ?? '';
  const appPassword = s.MicrosoftAppPassword ?? '';
  const localMode = appId === '';

  if (s.NODE_ENV === 'production' && localMode) {
    throw new ConfigError(
      'Refusing to start: NODE_ENV=production requires MicrosoftAppId (and its credentials); local mode is for development only.',
    );
  }
  if (!localMode) checkAppRegistration(s.NODE_ENV, s.MicrosoftAppType, appPassword, s.MicrosoftAppTenantId);
  if (s.NODE_ENV === 'production' && s.CLOCK_OFFSET_DAYS !== 0) {
    throw new ConfigError('Invalid setting CLOCK_OFFSET_DAYS: shifting the clock is for demos and tests, never in production.');
  }
  if (s.TEAMS_APP_ID && s.TEAMS_APP_ID.toLowerCase() === appId.toLowerCase()) {
    throw new ConfigError("Invalid setting TEAMS_APP_ID: the Teams app needs an id of its own, apart from the bot's MicrosoftAppId.");
  }
  if (s.NODE_ENV === 'production' && !s.TAB_SSO_JWKS_URL.startsWith('https://')) {
    throw new ConfigError('Invalid setting TAB_SSO_JWKS_URL: must be https:// in production (it says which keys sign a valid token).');
  }
  if (s.NODE_ENV === 'production' && s.PUBLIC_BASE_URL && !s.PUBLIC_BASE_URL.startsWith('https://')) {
    throw new ConfigError('Invalid setting PUBLIC_BASE_URL: must be https:// in production (calendar links carry their access token).');
  }

  return {
    env: s.NODE_ENV,
    localMode,
    // Local mode signs nobody in: an app type left in .env must not make botbuilder ask for the missing app id.
    bot: { appId, appPassword, appType: localMode ? undefined : s.MicrosoftAppType, tenantId: s.MicrosoftAppTenantId ?? '' },
    http: {
      host: localMode ? '127.0.0.1' : s.HOST,
      port: s.PORT,
      maxBodyBytes: s.MAX_BODY_BYTES,
      shutdownTimeoutMs: s.SHUTDOWN_TIMEOUT_MS,
    },
    storage: s.DATABASE_URL
      ? { engine: 'postgres', url: s.DATABASE_URL }
      : { engine: 'sqlite', file: joinPath(s.DATA_DIR, 'certibot.db') },
    dataDir: s.DATA_DIR,
    logLevel: s.LOG_LEVEL,
    defaultLocale: s.DEFAULT_LOCALE,
    retiredSettings: s.SUPPORT_AGENT_IDS?.trim() ? ['SUPPORT_AGENT_IDS'] : [],
    support: {
      adminIds: s.SUPPORT_ADMIN_IDS,
      grades: s.SUPPORT_GRADES.map((entry) => {
        const [id = '', name = '', email = ''] = entry.split('|');
        return { id, name, email };
      }),
      smtp: s.SMTP_URL ? { url: s.SMTP_URL, from: s.SUPPORT_FROM_EMAIL ?? 'certibot@localhost' } : undefined,
      surveyDelayMs: s.SUPPORT_SURVEY_DELAY_MINUTES * 60_000,
      nudgeDelayMs: s.SUPPORT_NUDGE_MINUTES * 60_000,
    },
    allowedTenantIds: s.ALLOWED_TENANT_IDS,
    metrics: s.METRICS_PORT === undefined ? undefined : { host: s.METRICS_HOST, port: s.METRICS_PORT },
    reminders: { enabled: s.REMINDERS_ENABLED === 'true', tickMs: s.REMINDER_TICK_SECONDS * 1000, ratePerSecond: s.REMINDER_RATE_PER_SECOND },
    clockOffsetDays: s.CLOCK_OFFSET_DAYS,
    publicBaseUrl: s.PUBLIC_BASE_URL,
    calendarLinkTtlMs: s.CALENDAR_LINK_TTL_HOURS * 60 * 60 * 1000,
    unansweredRetentionMs: s.UNANSWERED_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    renewalLeadMonths: s.RENEWAL_LEAD_MONTHS,
    tab: {
      teamsAppId: (s.TEAMS_APP_CATALOG_ID ?? s.TEAMS_APP_ID)?.toLowerCase(),
      // A managed identity cannot expose an API for SSO: the tabs then need an app registration of their own.
      ssoAppId: localMode ? undefined : (s.TAB_SSO_APP_ID ?? (s.MicrosoftAppType === 'UserAssignedMSI' ? undefined : appId)),
      jwksUrl: s.TAB_SSO_JWKS_URL,
      tenants: s.MicrosoftAppType === 'MultiTenant' || !s.MicrosoftAppTenantId ? undefined : [s.MicrosoftAppTenantId.toLowerCase()],
    },
  };
}

/**
 * What a valid configuration should still make an operator look at, one line each, logged as warnings at start.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.env === 'production' && config.allowedTenantIds.length === 0) {
    warnings.push('ALLOWED_TENANT_IDS is empty: certibot answers people of every Entra tenant that can reach it; list your organisation\'s tenant ids.');
  }
  if (config.retiredSettings.includes('SUPPORT_AGENT_IDS')) {
    warnings.push('SUPPORT_AGENT_IDS is no longer read: support agents are the members of the team of a support channel (an admin says « support ici » there).');
  }
  return warnings;
}

/**
 * The credentials each kind of app registration needs, checked here because botbuilder only asserts them when the
 * adapter is built, after the database is open, with a stack instead of a setting name.
 */
function checkAppRegistration(
  env: Config['env'],
  appType: Config['bot']['appType'],
  appPassword: string,
  tenantId: string | undefined,
): void {
  switch (appType) {
    case undefined:
      // botbuilder would silently pick MultiTenant, which Azure no longer creates: the operator must say.
      throw new ConfigError(
        'Invalid setting MicrosoftAppType: required with MicrosoftAppId; choose SingleTenant, UserAssignedMSI or MultiTenant (bots registered before 31 July 2025 only).',
      );
    case 'UserAssignedMSI':
      if (!tenantId) throw new ConfigError('Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=UserAssignedMSI.');
      if (appPassword !== '') {
        throw new ConfigError(
          'Invalid setting MicrosoftAppPassword: must be empty when MicrosoftAppType=UserAssignedMSI (the identity has no secret; MicrosoftAppId is its client id).',
        );
      }
      return;
    case 'SingleTenant':
      if (!tenantId) throw new ConfigError('Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant.');
      if (appPassword === '') throw new ConfigError('Invalid setting MicrosoftAppPassword: required when MicrosoftAppType=SingleTenant.');
      return;
    case 'MultiTenant':
      if (env === 'production' && appPassword === '') {
        throw new ConfigError('Refusing to start: NODE_ENV=production requires MicrosoftAppPassword for MicrosoftAppId.');
      }
      return;
  }
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}
