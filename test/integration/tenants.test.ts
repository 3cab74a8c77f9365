import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { conversationUpdate, executeAction, installationUpdate, message, submitAction, type TeamsChat } from '../harness/activities';
import { type BotHarness, harnessPerSuite } from '../harness/bot-harness';
import { t } from '../../src/messages/translator';
import { loadConfig } from '../../src/config/config';
import { startCertibot } from '../../src/index';
import { createLogger } from '../../src/logging/logging';

const OURS = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SISTER = 'b7c1d2e3-0000-4000-8000-00000000000b';
const FOREIGN = '0badc0de-0000-4000-8000-000000000666';

/** Rows in every table of certibot's schema, by table. */
async function rowCounts(harness: BotHarness): Promise<Record<string, number>> {
  const { db } = harness.app.store;
  const tables = await db.query<{ name: string }>(
    db.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`))[0]?.n);
  return counts;
}

describe('only the allowed tenants are served', () => {
  let harness: BotHarness;
  // Upper case in the setting, lower case on the wire: tenant ids compare without case.
  harnessPerSuite((started) => (harness = started), { env: { ALLOWED_TENANT_IDS: `${OURS.toUpperCase()}, ${SISTER}` } });

  const foreigner = (): TeamsChat => harness.personalChat({ tenantId: FOREIGN });

  it('a message from another tenant gets one polite refusal, and nothing is stored', async () => {
    const before = await rowCounts(harness);
    const chat = foreigner();

    // An out-of-scope question would be kept for the gap report; from another tenant, not even that.
    const turn = await harness.send(message(chat, 'quelle est la recette du gâteau basque ?'));
    const english = await harness.send(message(harness.personalChat({ tenantId: FOREIGN, locale: 'en-US' }), 'hello'));

    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual([t('fr', 'tenant.refused')]);
    expect(english.texts).toEqual([t('en', 'tenant.refused')]);
    expect(await rowCounts(harness)).toEqual(before);
  });

  it('a click, an installation and membership changes from another tenant store nothing; the click is refused to the clicker alone', async () => {
    const before = await rowCounts(harness);
    const chat = foreigner();

    const installed = await harness.send(installationUpdate(chat, 'add'));
    const added = await harness.send(conversationUpdate(chat, 'botAdded'));
    const clicked = await harness.send(executeAction(chat, { verb: 'language.set', data: { verb: 'language.set', locale: 'en' } }));
    const submitted = await harness.send(submitAction(chat, { verb: 'language.set', locale: 'en' }));

    expect(installed.texts).toEqual([t('fr', 'tenant.refused')]);
    expect(added.replies).toEqual([]);
    expect(clicked.status).toBe(200);
    expect(clicked.json).toEqual({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: expect.stringContaining("n'est pas ouvert à votre organisation") } });
    expect(clicked.replies).toEqual([]);
    expect(submitted.texts).toEqual([t('fr', 'tenant.refused')]);
    expect(await rowCounts(harness)).toEqual(before);
  });

  it('an activity that names no tenant is refused when tenants are listed', async () => {
    const chat = foreigner();
    const activity = message(chat, 'aide');
    const { tenant: _tenant, ...channelData } = activity.channelData as { tenant?: unknown };
    const { tenantId: _tenantId, ...conversation } = activity.conversation;
    const turn = await harness.send({ ...activity, channelData, conversation } as typeof activity);
    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual([t('fr', 'tenant.refused')]);
  });

  it('people of the allowed tenants are served as usual', async () => {
    for (const tenantId of [OURS, SISTER]) {
      const turn = await harness.send(message(harness.personalChat({ tenantId }), 'aide'));
      expect(turn.cards[0]?.title).toBe('Ce que je sais faire');
    }
  });

  it('a certificate is managed only from the tenant it was registered in, even by the same Teams user id', async () => {
    const camille = harness.personalChat({ tenantId: OURS });
    await harness.send(message(camille, 'bonjour'));
    await harness.send(submitAction(camille, { verb: 'register.submit', label: 'INSi – GHT Cévennes', expiry: '2027-03-15' }));
    const [summary] = await harness.app.store.reminders.listForUser(camille.user.id, harness.clock.now());
    if (!summary) throw new Error('not registered');
    const certificate = summary.certificate.id;
    // The same user id, from the other allowed tenant: ids are per tenant in Teams, so this is someone else.
    const impostor = harness.personalChat({ tenantId: SISTER, userId: camille.user.id });

    const history = await harness.send(submitAction(impostor, { verb: 'register.history', certificate }));
    const deletion = await harness.send(submitAction(impostor, { verb: 'register.delete.confirm', certificate }));
    const stop = await harness.send(executeAction(impostor, { verb: 'register.delete.confirm', data: { verb: 'register.delete.confirm', certificate } }));

    const notOwner = t('fr', 'register.notOwner');
    expect(history.texts).toEqual([notOwner]);
    expect(deletion.texts).toEqual([notOwner]);
    expect(stop.json).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    await expect(harness.app.store.reminders.get(certificate)).resolves.toMatchObject({ certificate: { id: certificate, tenantId: OURS } });
    // Its owner, in its own tenant, still may.
    expect((await harness.send(submitAction(camille, { verb: 'register.history', certificate }))).cards).toHaveLength(1);
  });
});

describe('a production start without a tenant list', () => {
  it('warns once that every tenant is served, and does not with a list', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-tenants-'));
    const production = {
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: OURS,
      MicrosoftAppPassword: 'secret',
      PUBLIC_BASE_URL: 'https://certibot.example.org',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      REMINDERS_ENABLED: 'false',
    };
    const warningsAtStart = async (env: Record<string, string>): Promise<string[]> => {
      const lines: Array<{ level: number; msg: string }> = [];
      const logger = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
      const app = await startCertibot(loadConfig(env), { logger });
      await app.stop();
      return lines.filter((line) => line.msg.startsWith('ALLOWED_TENANT_IDS')).map((line) => line.msg);
    };
    try {
      expect(await warningsAtStart(production)).toHaveLength(1);
      expect(await warningsAtStart({ ...production, ALLOWED_TENANT_IDS: OURS })).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
