import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { BotHarness, TestClock } from '../harness/bot-harness';
import { adaptiveCardsOf, readCard } from '../harness/card-text';
import { D90, knownPerson, REGISTERED, registerThroughTheBot, withCredentials } from '../features/tab/tab-fixtures';
import { executeAction, message, submitAction, type TeamsChat } from '../harness/activities';
import { LocalEntra, signingKey, ssoToken, type SigningKey } from '../harness/entra';
import { nimesCertificate } from '../reminders-flow/flow-fixtures';

/**
 * The tabs in a real browser (Debian's chromium driven by playwright-core), in local mode: a certificate registered
 * through the bot appears, a reminder snoozed from the page changes the card in the chat, the pages pass axe in the
 * three Teams themes and are used with the keyboard, and they stay light (sizes and first render printed).
 * Screenshots are kept under test-artifacts/tabs/.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (candidate): candidate is string => candidate !== undefined && candidate !== '' && fs.existsSync(candidate),
);
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tabs');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The budgets the issue sets: page + script under 100 KB compressed, first render under 300 ms. */
const MAX_COMPRESSED_BYTES = 100 * 1024;
const MAX_FIRST_RENDER_MS = 300;

const SKIP_MESSAGE = 'browser test of the tabs SKIPPED: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)';
if (!CHROMIUM) console.warn(SKIP_MESSAGE);
const describeInBrowser = CHROMIUM ? describe : describe.skip;

/** What axe finds against WCAG 2.1 A and AA, as "rule: target" lines. */
async function axeViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  // Expressions as text: this test is compiled without the DOM's types.
  const results = await page.evaluate<AxeResults>("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })");
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });
  expect(errors).toEqual([]);
  return page;
}

/**
 * What the page weighs on the wire (compressed), as the browser received it: the HTML, its script and style sheet, and
 * the Teams JavaScript library the page loads inside Teams (fetched here, since outside Teams it is never loaded).
 */
async function wireSizes(page: Page): Promise<{ page: number; script: number; style: number; teamsJs: number }> {
  return page.evaluate(`(async () => {
    const config = JSON.parse(document.body.dataset.config);
    await (await fetch(config.teamsJs)).arrayBuffer();
    const size = (pattern) => performance.getEntriesByType('resource').filter((entry) => pattern.test(entry.name)).reduce((sum, entry) => sum + entry.encodedBodySize, 0);
    return {
      page: performance.getEntriesByType('navigation')[0].encodedBodySize,
      script: size(/\\/tab-\\w+\\.js$/),
      style: size(/\\/tab-\\w+\\.css$/),
      teamsJs: size(/\\/teams-js-\\w+\\.js$/),
    };
  })()`);
}

/** When the list was first drawn, in ms from the navigation's start (the page script's performance mark). */
const firstRenderOf = (page: Page): Promise<number> => page.evaluate<number>("performance.getEntriesByName('certibot:first-render')[0]?.startTime ?? NaN");

const SUPPORT_ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };

/**
 * The team's support channel works the ANS queue, and Camille asks for a person from her chat (a structure name that
 * is markup); an agent takes it and answers: what the personal tab's requests and the team tab's queue then show.
 */
async function openSupportRequest(harness: BotHarness, personal: TeamsChat, remindersChannel: TeamsChat): Promise<void> {
  const support = harness.teamChannel({ team: remindersChannel.team, userId: SUPPORT_ADMIN, userName: 'Admin Support' });
  await harness.send(message(support, 'support ici'));
  await harness.send(executeAction(support, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
  const fields = { topic: 'renewal', queue: 'ans', urgency: 'high', structure: '<img src=x onerror=alert(2)> CH de Nîmes', description: 'Le renouvellement échoue sur la plateforme.', email: 'si@chu-nimes.fr' };
  await harness.send(executeAction(personal, { verb: 'ticket.submit', data: { verb: 'ticket.submit', ...fields } }));
  const [ticket] = await harness.app.store.tickets.forRequester(personal.user.id);
  const agent = (verb: string, data: Record<string, string>) => harness.send(executeAction(support, { verb, data: { verb, ticket: ticket?.id ?? '', ...data } }, { from: AGENT }));
  await agent('ticket.take', {});
  await agent('ticket.reply', { text: "Pouvez-vous vérifier l'administrateur technique ?" });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describeInBrowser('the tabs in a browser (local mode)', () => {
  let harness: BotHarness;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    harness = await BotHarness.start({ clock: new TestClock(REGISTERED), env: { REMINDER_TICK_SECONDS: '3600', SUPPORT_ADMIN_IDS: SUPPORT_ADMIN } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('« Mes certificats »: registered through the bot, snoozed from the page, changed in the chat', async () => {
    const { personal, channel } = await registerThroughTheBot(harness);
    // A name that is markup: the page must show it as typed.
    await harness.send(submitAction(personal, { verb: 'register.submit', label: '<img src=x onerror=alert(1)> Labo', expiry: '2027-06-30' }));
    await openSupportRequest(harness, personal, channel);
    harness.clock.set(D90);
    await harness.app.tickReminders();

    const context = await browser.newContext({ viewport: { width: 1000, height: 1100 }, locale: 'fr-FR' });
    const page = await open(context, `${harness.url}/tabs/certificates?theme=light`);
    expect(await page.locator('h1').textContent()).toBe('Mes certificats');
    expect(await page.locator('.banner').textContent()).toContain('Mode local');
    const labels = await page.locator('.certificate h2').allTextContents();
    expect(labels).toEqual(['MSSanté – site de Nîmes', '<img src=x onerror=alert(1)> Labo']);
    expect(await page.locator('main img').count()).toBe(0);
    // Her support request: where it stands, and what she was told in the chat.
    const request = page.locator('.requests article');
    expect(await request.locator('h3').textContent()).toBe('CERT-2026-0001 — Renouvellement · <img src=x onerror=alert(2)> CH de Nîmes');
    expect(await request.locator('.badge').textContent()).toBe('Pris en charge par Dominique Bernard');
    await request.locator('summary').click();
    expect(await request.locator('.history li').allTextContents()).toEqual([
      '26 novembre 2026 · Vous — Le renouvellement échoue sur la plateforme.',
      '26 novembre 2026 · Dominique Bernard — A pris en charge votre demande.',
      "26 novembre 2026 · Dominique Bernard — Pouvez-vous vérifier l'administrateur technique ?",
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'certificates-light.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Snooze the reminder of Camille's own chat for a week, from the page.
    harness.connector.reset();
    const nimes = page.locator('article', { has: page.locator('h2', { hasText: 'MSSanté – site de Nîmes' }) });
    const mine = nimes.locator('li', { hasText: 'Votre conversation avec certibot' });
    await mine.getByRole('button', { name: 'Rappeler dans 1 semaine' }).click();
    await page.waitForSelector('#status:not(:empty)');
    expect(await page.locator('#status').textContent()).toBe("Rappel de « MSSanté – site de Nîmes » reporté au 22 décembre 2026. La carte du rappel dans la conversation l'indique.");

    const [update] = await harness.connector.waitForCalls(1, (call) => call.kind === 'update' && call.conversationId === personal.conversationId);
    expect(readCard(adaptiveCardsOf(update?.body)[0]).texts).toContain('⏸ Reporté au 22 décembre 2026 par Identité locale (mode local).');
    expect(await nimes.textContent()).toContain('Prochain rappel : 22 décembre 2026');

    for (const theme of ['dark', 'contrast'] as const) {
      const themed = await open(context, `${harness.url}/tabs/certificates?theme=${theme}`);
      await themed.locator('details summary').first().click();
      await themed.screenshot({ path: path.join(ARTIFACTS, `certificates-${theme}.png`), fullPage: true });
      expect(await axeViolations(themed)).toEqual([]);
    }

    const sizes = await wireSizes(page);
    const total = sizes.page + sizes.script + sizes.style + sizes.teamsJs;
    await context.close();
    // First render: from the navigation to the list drawn with the API's data, in a fresh browser context each time
    // (nothing cached), five loads; the median is held to the budget (this process also runs certibot and the browser's
    // driver, on a machine other jobs share).
    const renders: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const fresh = await browser.newContext({ viewport: { width: 1000, height: 1100 }, locale: 'fr-FR' });
      const loaded = await open(fresh, `${harness.url}/tabs/certificates`);
      renders.push(await firstRenderOf(loaded));
      await fresh.close();
    }
    const median = [...renders].sort((a, b) => a - b)[2] ?? Number.NaN;
    console.log(
      [
        `« Mes certificats », compressed: page ${kb(sizes.page)} + script ${kb(sizes.script)} + style ${kb(sizes.style)} + Teams JS ${kb(sizes.teamsJs)} = ${kb(total)} (budget ${kb(MAX_COMPRESSED_BYTES)}; outside Teams the Teams JS is not loaded: ${kb(total - sizes.teamsJs)})`,
        `first render (navigation to the list drawn from the API), no cache: ${renders.map((ms) => ms.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms (budget ${MAX_FIRST_RENDER_MS} ms)`,
        'axe (WCAG 2.1 A and AA) violations: 0 in light, dark and high contrast',
      ].join('\n'),
    );
    expect(total).toBeLessThan(MAX_COMPRESSED_BYTES);
    expect(median).toBeLessThan(MAX_FIRST_RENDER_MS);
  });

  it('« Mes certificats » with the keyboard only: add a certificate, find it in the list, work out renewal dates', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1100 }, locale: 'fr-FR' });
    const page = await open(context, `${harness.url}/tabs/certificates`);
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Ajouter un certificat');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('field-label');
    await page.keyboard.type('INSi – CH de Nîmes');
    await page.keyboard.press('Tab');
    // The date field takes its parts one after the other (month, day, year in this browser's locale).
    await page.keyboard.type('09122027');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status:not(:empty)');
    expect(await page.locator('#status').textContent()).toContain('« INSi – CH de Nîmes » expire le 12 septembre 2027');
    expect(await page.locator('.certificate h2').allTextContents()).toContain('INSi – CH de Nîmes');

    // The calculator: an issue date typed, the radio moved with the arrows, then the button.
    await page.locator('#calc-date').focus();
    await page.keyboard.type('03152024');
    // Tab goes through the date's own parts (and its picker button) before it leaves the field.
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('type') + ':' + document.activeElement?.getAttribute('value')");
    for (let i = 0; i < 5 && !(await focused()).startsWith('radio'); i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('radio:expiry');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('radio:issue');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Calculer');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.result .verdict');
    expect(await page.locator('.result .verdict').textContent()).toContain('expire le 15 mars 2027');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("« Certificats de l'équipe »: the certificates the team's channels are reminded of and its queue's open tickets, in light and dark", async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 }, locale: 'fr-FR' });
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(context, `${harness.url}/tabs/team?theme=${theme}`);
      expect(await page.locator('h1').textContent()).toBe("Certificats de l'équipe");
      expect(await page.locator('.certificate h2').allTextContents()).toEqual(['MSSanté – site de Nîmes']);
      expect(await page.locator('.certificate .heading h2 + .badge').textContent()).toBe('Valide');
      const queue = page.locator('section.queue');
      expect(await queue.locator('h3').textContent()).toBe('ANS – équipe certificats : 1 demande ouverte');
      expect(await queue.locator('h4').textContent()).toBe('CERT-2026-0001 — Renouvellement · <img src=x onerror=alert(2)> CH de Nîmes');
      expect(await queue.locator('.badge').allTextContents()).toEqual(['Pris en charge par Dominique Bernard', 'Haute (échanges bloqués)']);
      expect(await page.locator('main img').count()).toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS, `team-${theme}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    }
    const configuration = await open(context, `${harness.url}/tabs/team/config`);
    expect(await configuration.locator('p').textContent()).toContain('Cet onglet montrera les certificats');
    await context.close();
  });
});

/**
 * A stand-in for the Teams client: a page of the same origin that frames the tab and answers the Teams JavaScript
 * library's messages (initialize, getContext, getAuthToken) as Teams does, handing out an SSO token signed by a local
 * JWKS that certibot (with credentials, not in local mode) checks.
 */
function teamsHostPage(tabPath: string, context: Record<string, unknown>, token: string | undefined): string {
  const runtime = JSON.stringify({ apiVersion: 4, supports: { pages: { config: {} } } });
  return `<!doctype html><html><body style="margin:0"><iframe id="tab" title="certibot" src="${tabPath}" style="width:1000px;height:1000px;border:0"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.func !== 'string' || event.source === window) return;
    window.received.push(message.func);
    const reply = (args) => event.source.postMessage({ id: message.id, uuid: message.uuid, args }, event.origin);
    if (message.func === 'initialize') reply(['content', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
    else if (message.func === 'getContext') reply([${JSON.stringify(context)}]);
    else if (message.func === 'authentication.getAuthToken') reply(${JSON.stringify(token === undefined ? [false, 'resourceDisabled'] : [true, token])});
  });
</script></body></html>`;
}

describeInBrowser('« Mes certificats » inside Teams (a stand-in Teams client, SSO checked)', () => {
  const tenant = randomUUID();
  const bot = randomUUID();
  const person = { userId: '29:1camille', aadObjectId: randomUUID(), conversationId: 'a:1camille' };
  let entra: LocalEntra;
  let key: SigningKey;
  let harness: BotHarness;
  let browser: Browser;
  let certificateId: string;

  beforeAll(async () => {
    key = await signingKey('tenant-key');
    entra = await LocalEntra.start(new Map([[tenant, [key]]]));
    harness = await BotHarness.start({
      clock: new TestClock(REGISTERED),
      env: withCredentials(bot, tenant, entra.jwksUrl),
    });
    await knownPerson(harness, person, tenant);
    const certificate = { ...nimesCertificate(person.userId, REGISTERED), tenantId: tenant };
    certificateId = certificate.id;
    await harness.app.store.reminders.create(certificate, [{ conversationId: person.conversationId, kind: 'personal', userId: person.userId }], REGISTERED);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await entra?.close();
  });

  it("takes the language, the theme and the certificate to show from Teams' context, and signs in with the SSO token", async () => {
    const token = await ssoToken(key, REGISTERED, { aud: bot, tid: tenant, oid: person.aadObjectId, name: 'Camille Martin' });
    const context = { locale: 'en-gb', theme: 'dark', entityId: 'certificates', subEntityId: certificateId, tid: tenant, userObjectId: person.aadObjectId, hostClientType: 'web', frameContext: 'content' };
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 1000 } })).newPage();
    await page.route(`${harness.url}/teams-host`, (route) => route.fulfill({ contentType: 'text/html', body: teamsHostPage('/tabs/certificates', context, token) }));
    await page.goto(`${harness.url}/teams-host`);
    const tab = page.frameLocator('#tab');
    await tab.locator('body[data-rendered="true"]').waitFor({ timeout: 15_000 });
    expect(await tab.locator('h1').textContent()).toBe('My certificates');
    expect(await tab.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await tab.locator('.banner').count()).toBe(0);
    expect(await tab.locator('article.pointed h2').textContent()).toBe('MSSanté – site de Nîmes');
    expect(await page.evaluate<string[]>('window.received')).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    const frame = page.frames().find((candidate) => candidate.url().endsWith('/tabs/certificates'));
    expect(frame && (await axeViolations(frame))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'certificates-in-teams-dark.png') });
  });

  it('when Teams gives no SSO token (no consent, no app registration), says the sign-in failed and shows nothing', async () => {
    const context = { locale: 'fr-fr', theme: 'default', entityId: 'certificates', tid: tenant, userObjectId: person.aadObjectId };
    const page = await (await browser.newContext()).newPage();
    await page.route(`${harness.url}/teams-host`, (route) => route.fulfill({ contentType: 'text/html', body: teamsHostPage('/tabs/certificates', context, undefined) }));
    await page.goto(`${harness.url}/teams-host`);
    const alert = page.frameLocator('#tab').locator('[role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain("Teams n'a pas pu vous identifier auprès de certibot");
    expect(await page.frameLocator('#tab').locator('.certificate').count()).toBe(0);
  });

  it('opened outside Teams, without local mode, asks to be opened in Teams and shows nothing', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${harness.url}/tabs/certificates`);
    await page.waitForSelector('main:not([aria-busy])');
    expect(await page.locator('main').textContent()).toBe("Ouvrez cette page dans Microsoft Teams, depuis l'application certibot.");
  });
});
