import { randomUUID } from 'node:crypto';
import { BotHarness, TestClock } from '../../harness/bot-harness';
import { LocalEntra, signingKey, ssoToken, unsignedToken, type SigningKey } from '../../harness/entra';
import { nimesCertificate } from '../../reminders-flow/flow-fixtures';
import { knownPerson, me, REGISTERED, tabApi, withCredentials } from './tab-fixtures';

/**
 * The tab API with credentials (not local mode): every request carries a Teams SSO token, checked against the tenant's
 * keys (a local JWKS here), and shows only what the person it names may see.
 */
const TENANT = randomUUID();
const OTHER_TENANT = randomUUID();
const BOT = randomUUID();
const CAMILLE = { userId: '29:1camille', aadObjectId: randomUUID(), conversationId: 'a:1camille' };
const DOMINIQUE = { userId: '29:1dominique', aadObjectId: randomUUID(), conversationId: 'a:1dominique' };

let entra: LocalEntra;
let key: SigningKey;
let otherKey: SigningKey;
let harness: BotHarness;
let certificateId: string;

const bearer = async (claims: Record<string, unknown> = {}, signer: SigningKey = key, at: Date = REGISTERED) => ({
  Authorization: `Bearer ${await ssoToken(signer, at, { aud: BOT, tid: TENANT, oid: CAMILLE.aadObjectId, name: 'Camille Martin', ...claims })}`,
});

beforeAll(async () => {
  [key, otherKey] = await Promise.all([signingKey('tenant-key'), signingKey('other-key')]);
  entra = await LocalEntra.start(new Map([[TENANT, [key]], [OTHER_TENANT, [otherKey]]]));
  harness = await BotHarness.start({
    clock: new TestClock(REGISTERED),
    env: { ...withCredentials(BOT, TENANT, entra.jwksUrl), PUBLIC_BASE_URL: 'https://certibot.chu-exemple.fr' },
  });
  await knownPerson(harness, CAMILLE, TENANT);
  await knownPerson(harness, DOMINIQUE, TENANT);
  const certificate = { ...nimesCertificate(CAMILLE.userId, REGISTERED), tenantId: TENANT };
  certificateId = certificate.id;
  await harness.app.store.reminders.create(certificate, [{ conversationId: CAMILLE.conversationId, kind: 'personal', userId: CAMILLE.userId }], REGISTERED);
});
afterAll(async () => {
  await harness?.stop();
  await entra?.close();
});

describe('the tab API with Teams SSO', () => {
  it('shows a signed-in person their own certificates, the token for the app id (v2) or its Application ID URI (v1)', async () => {
    const view = await me(harness, await bearer());
    expect(view).toMatchObject({ viewer: { mode: 'teams' }, certificates: [{ id: certificateId, owner: true }] });
    // Signed in: no local-mode banner, no "say hello first".
    expect([view.viewer.banner, view.notice]).toEqual([undefined, undefined]);
    const v1 = await bearer({ aud: `api://certibot.chu-exemple.fr/${BOT}`, iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' });
    expect((await me(harness, v1)).certificates).toHaveLength(1);
  });

  it('shows another signed-in person nothing of it, and lets them change nothing of it (the chat’s owner rule)', async () => {
    const dominique = await bearer({ oid: DOMINIQUE.aadObjectId, name: 'Dominique Bernard' });
    expect((await me(harness, dominique)).certificates).toEqual([]);
    const refused = (await tabApi(harness, 'actions', { command: 'delete', certificate: certificateId }, dominique)).json;
    expect(refused).toEqual({ ok: false, message: "Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié." });
  });

  it('tells a signed-in person certibot does not know yet what to do first', async () => {
    expect(await me(harness, await bearer({ oid: randomUUID() }))).toMatchObject({ certificates: [], notice: expect.stringContaining('ouvrez la conversation avec certibot') });
  });

  it.each<[string, () => Promise<Record<string, string>>]>([
    ['no token', async () => ({})],
    ['an expired token', () => bearer({}, key, new Date(REGISTERED.getTime() - 2 * 3600_000))],
    ['a token for another app', () => bearer({ aud: randomUUID() })],
    ['a token of another tenant', () => bearer({ tid: OTHER_TENANT }, otherKey)],
    ["a token claiming the hospital's tenant, signed by another tenant's key", () => bearer({}, { ...otherKey, kid: key.kid })],
    ['an unsigned token', async () => ({ Authorization: `Bearer ${unsignedToken({ aud: BOT, tid: TENANT, oid: CAMILLE.aadObjectId, exp: REGISTERED.getTime() / 1000 + 3600 })}` })],
  ])('refuses %s with 401 and the public text only, on every route', async (_case, headers) => {
    const sent = await headers();
    for (const [path, body] of [['me', undefined], ['team?team=19:x@thread.tacv2', undefined], ['actions', { command: 'delete', certificate: certificateId }], ['renewal', { date: '2027-03-15', role: 'expiry' }]] as const) {
      const answer = await tabApi(harness, path, body, sent);
      expect([path, answer.status, answer.json]).toEqual([path, 401, { error: 'Unauthorized' }]);
    }
    expect(await harness.app.store.reminders.get(certificateId)).toBeDefined();
  });

  it("a signed-in owner stops their certificate's reminders from the tab, through the chat's rules", async () => {
    const answer = (await tabApi(harness, 'actions', { command: 'stop', certificate: certificateId }, await bearer())).json;
    expect(answer).toEqual({ ok: true, message: expect.stringContaining('aucun rappel') });
  });

  it('answers 503 when the tenant’s keys cannot be fetched: no verdict on the token, nothing shown', async () => {
    await harness.restart({ TAB_SSO_JWKS_URL: 'http://127.0.0.1:9/{tenantId}/keys' });
    const answer = await tabApi(harness, 'me', undefined, await bearer());
    expect([answer.status, answer.json]).toEqual([503, { error: 'Service unavailable' }]);
  });
});
