import zlib from 'node:zlib';
import { ActivityHandler } from 'botbuilder';
import type { HttpRequest, HttpRoute } from '../../src/conversation/feature';
import { createAdapter } from '../../src/bot/adapter';
import { createLogger } from '../../src/logging/logging';
import { createWebServer, type WebServer } from '../../src/web/server';
import { httpRequest } from '../harness/http-client';

/** The features' routes are served as given: told their query, headers and JSON body; their answers written as is. */
describe("the web server serves the features' routes", () => {
  const seen: HttpRequest[] = [];
  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: '/echo/:name',
      handle: async (params, request) => {
        seen.push(request);
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ params, query: request.query }) };
      },
    },
    {
      method: 'POST',
      path: '/echo',
      handle: async (_params, request) => {
        seen.push(request);
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: request.body ?? null }) };
      },
    },
    {
      method: 'GET',
      path: '/packed',
      handle: async () => ({ status: 200, headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }, body: zlib.gzipSync('bonjour') }),
    },
    { method: 'GET', path: '/refused', handle: async () => ({ status: 403, body: 'secret reason' }) },
    {
      method: 'GET',
      path: '/broken',
      handle: async () => {
        throw new Error('database password is hunter2');
      },
    },
  ];
  let web: WebServer;
  let base: string;

  beforeAll(async () => {
    const logger = createLogger('silent');
    const bot = { appId: '', appPassword: '', appType: undefined, tenantId: '' };
    web = createWebServer({ host: '127.0.0.1', port: 0, maxBodyBytes: 65536, adapter: createAdapter(bot, 'fr', logger), bot: new ActivityHandler(), checkReady: async () => undefined, logger, routes });
    const address = await web.listen();
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => web.close(1000));

  it('gives a route its path parameters, its query and its headers (lower-case names)', async () => {
    const answer = await httpRequest(`${base}/echo/abc?locale=en&locale=fr&team=19%3Aa%40thread`, { headers: { 'X-Certibot-Test': 'yes' } });
    expect(answer.json).toEqual({ params: { name: 'abc' }, query: { locale: 'en', team: '19:a@thread' } });
    expect(seen.at(-1)?.headers['x-certibot-test']).toBe('yes');
  });

  it('gives a route a JSON body parsed, and no body for another content type', async () => {
    expect((await httpRequest(`${base}/echo`, { body: { verb: 'reminder.snooze' } })).json).toEqual({ body: { verb: 'reminder.snooze' } });
    expect((await httpRequest(`${base}/echo`, { body: 'verb=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).json).toEqual({ body: null });
  });

  it('writes bytes as given, with the headers the route chose', async () => {
    // fetch inflates what the Content-Encoding header says is gzip.
    const response = await fetch(`${base}/packed`);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('bonjour');
  });

  it('answers a refusal with the public text only, and a route that throws with a plain 500', async () => {
    const refused = await httpRequest(`${base}/refused`);
    expect([refused.status, refused.json]).toEqual([403, { error: 'Forbidden' }]);
    const broken = await httpRequest(`${base}/broken`);
    expect([broken.status, broken.json]).toEqual([500, { error: 'Internal error' }]);
    expect(broken.body).not.toContain('hunter2');
  });
});
