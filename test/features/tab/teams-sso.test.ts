import { randomUUID } from 'node:crypto';
import { TeamsSsoVerifier, type SsoSettings } from '../../../src/features/tab/teams-sso';
import { LocalEntra, signingKey, ssoToken, unsignedToken, type SigningKey } from '../../harness/entra';

const NOW = new Date('2026-12-15T10:00:00Z');
const clock = { now: () => NOW };
const APP = '5d2e8b1a-3c4f-4e6a-8b7d-9f0a1c2e3b4d';
const RESOURCE = `api://certibot.example.org/${APP}`;
const HOSPITAL = randomUUID();
const OTHER_TENANT = randomUUID();
const PERSON = randomUUID();

let entra: LocalEntra;
let hospitalKey: SigningKey;
let otherKey: SigningKey;
let settings: SsoSettings;

beforeAll(async () => {
  [hospitalKey, otherKey] = await Promise.all([signingKey('hospital-key'), signingKey('other-key')]);
  entra = await LocalEntra.start(new Map([[HOSPITAL, [hospitalKey]], [OTHER_TENANT, [otherKey]]]));
  settings = { audiences: [APP, RESOURCE], jwksUrl: entra.jwksUrl, tenants: [HOSPITAL], clock };
});
afterAll(() => entra.close());

const bearer = (token: string) => `Bearer ${token}`;
const valid = { aud: APP, tid: HOSPITAL, oid: PERSON, name: 'Camille Martin' };

describe('Teams SSO tokens of the tabs', () => {
  it("a token of the hospital's tenant, for this app, signed by a key of that tenant, names the person", async () => {
    const check = await new TeamsSsoVerifier(settings).verify(bearer(await ssoToken(hospitalKey, NOW, valid)));
    expect(check).toEqual({ ok: true, identity: { aadObjectId: PERSON, tenantId: HOSPITAL, name: 'Camille Martin' } });
  });

  it('a v1 token (issuer sts.windows.net, audience the Application ID URI) is accepted too, ids in any case', async () => {
    const token = await ssoToken(hospitalKey, NOW, { ...valid, aud: RESOURCE, iss: `https://sts.windows.net/${HOSPITAL}/`, ver: '1.0', oid: PERSON.toUpperCase() });
    const check = await new TeamsSsoVerifier(settings).verify(bearer(token));
    expect(check).toMatchObject({ ok: true, identity: { aadObjectId: PERSON } });
  });

  it.each<[string, (key: SigningKey) => Promise<string> | string, string]>([
    ['no Authorization header', () => '', 'missing'],
    ['not a JWT', () => bearer('certibot'), 'malformed'],
    ['expired an hour ago', async (key) => bearer(await ssoToken(key, new Date(NOW.getTime() - 2 * 3600_000), valid)), 'invalid'],
    ['not valid yet (nbf in ten minutes)', async (key) => bearer(await ssoToken(key, NOW, { ...valid, nbf: NOW.getTime() / 1000 + 600 })), 'invalid'],
    ['for another app', async (key) => bearer(await ssoToken(key, NOW, { ...valid, aud: randomUUID() })), 'invalid'],
    ['issued by another tenant than its tid', async (key) => bearer(await ssoToken(key, NOW, { ...valid, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })), 'invalid'],
    ['without oid', async (key) => bearer(await ssoToken(key, NOW, { aud: APP, tid: HOSPITAL })), 'invalid'],
    ['unsigned (alg none)', () => bearer(unsignedToken({ ...valid, exp: NOW.getTime() / 1000 + 3600 })), 'invalid'],
    ['with a tid that is not a GUID (it would be part of a URL)', async (key) => bearer(await ssoToken(key, NOW, { ...valid, tid: '../common' })), 'malformed'],
  ])('%s: refused', async (_case, token, reason) => {
    const check = await new TeamsSsoVerifier(settings).verify(await token(hospitalKey));
    expect(check).toEqual({ ok: false, reason });
  });

  it("from another tenant than the app's: refused before any key is fetched", async () => {
    const token = await ssoToken(otherKey, NOW, { ...valid, tid: OTHER_TENANT });
    await expect(new TeamsSsoVerifier(settings).verify(bearer(token))).resolves.toEqual({ ok: false, reason: 'tenant' });
    expect(entra.fetches.get(OTHER_TENANT)).toBeUndefined();
  });

  it("claiming the hospital's tenant but signed with another tenant's key: refused (a multi-tenant app too)", async () => {
    const forged = await ssoToken({ ...otherKey, kid: hospitalKey.kid }, NOW, valid);
    await expect(new TeamsSsoVerifier(settings).verify(bearer(forged))).resolves.toEqual({ ok: false, reason: 'invalid' });
    await expect(new TeamsSsoVerifier({ ...settings, tenants: undefined }).verify(bearer(forged))).resolves.toEqual({ ok: false, reason: 'invalid' });
  });

  it("a multi-tenant app accepts each tenant's people, checked against that tenant's own keys", async () => {
    const token = await ssoToken(otherKey, NOW, { ...valid, tid: OTHER_TENANT });
    await expect(new TeamsSsoVerifier({ ...settings, tenants: undefined }).verify(bearer(token))).resolves.toMatchObject({ ok: true, identity: { tenantId: OTHER_TENANT } });
  });

  it('keys that cannot be fetched make the check unavailable, not a verdict on the token', async () => {
    const verifier = new TeamsSsoVerifier({ ...settings, jwksUrl: 'http://127.0.0.1:9/{tenantId}/keys' });
    await expect(verifier.verify(bearer(await ssoToken(hospitalKey, NOW, valid)))).resolves.toEqual({ ok: false, reason: 'unavailable' });
  });

  it('fetches a tenant’s keys once for many tokens', async () => {
    const verifier = new TeamsSsoVerifier({ ...settings, tenants: undefined });
    const before = entra.fetches.get(HOSPITAL) ?? 0;
    for (let i = 0; i < 5; i += 1) await verifier.verify(bearer(await ssoToken(hospitalKey, NOW, valid)));
    expect((entra.fetches.get(HOSPITAL) ?? 0) - before).toBe(1);
  });
});
