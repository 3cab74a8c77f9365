import { classifyRequest, connectorFailures, FakeConnector } from '../../toolkit/fake-connector';
import { httpRequest } from '../harness/http-client';

/** The harness's fake connector must be right for the other tests to mean anything. */
describe('the fake connector reads and answers like the Teams connector', () => {
  let connector: FakeConnector;
  const channelThread = '19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2;messageid=1717500000000';
  const url = (path: string) => `${connector.serviceUrl}${path.replace(/^\//, '')}`;
  const activitiesOf = (conversationId: string) => url(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`);

  beforeAll(async () => {
    connector = await FakeConnector.start();
  });

  afterEach(() => {
    connector.reset();
  });

  afterAll(async () => {
    await connector.close();
  });

  it.each([
    ['POST', '/v3/conversations/a%3A1xyz/activities', { kind: 'send', conversationId: 'a:1xyz', activityId: undefined }],
    [
      'POST',
      `/v3/conversations/${encodeURIComponent(channelThread)}/activities/1717500000000`,
      { kind: 'reply', conversationId: channelThread, activityId: '1717500000000' },
    ],
    ['PUT', '/v3/conversations/19%3Aabc%40thread.v2/activities/1%3Aedit', { kind: 'update', conversationId: '19:abc@thread.v2', activityId: '1:edit' }],
    ['POST', '/v3/conversations', { kind: 'createConversation', conversationId: undefined }],
    ['GET', '/v3/conversations/a%3A1xyz/members/29%3A1user', { kind: 'getMember', conversationId: 'a:1xyz', memberId: '29:1user' }],
    ['GET', '/v3/conversations/a%3A1xyz/members', { kind: 'getMembers', conversationId: 'a:1xyz', memberId: undefined }],
    ['GET', '/v3/teams/19%3Ateam/conversations', { kind: 'other' }],
  ])('reads %s %s', (method, path, expected) => {
    expect(classifyRequest(method, path)).toMatchObject(expected);
  });

  it('records a reply under its decoded ids and answers it with an id', async () => {
    const response = await httpRequest(`${activitiesOf(channelThread)}/1717500000000`, { body: { type: 'message', text: 'Bonjour' } });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ id: expect.stringMatching(/^1:/) });
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]).toMatchObject({ kind: 'reply', conversationId: channelThread, activityId: '1717500000000', status: 200 });
    expect(connector.activities()).toEqual([{ type: 'message', text: 'Bonjour' }]);
  });

  it('creates conversations with an "a:new-" id and answers member lookups with a Teams account', async () => {
    const created = await httpRequest(url('/v3/conversations'), { body: { isGroup: false, members: [{ id: '29:1user' }] } });
    const member = await httpRequest(url('/v3/conversations/a%3A1xyz/members/29%3A1user'));
    const members = await httpRequest(url('/v3/conversations/a%3A1xyz/members'));

    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: expect.stringMatching(/^a:new-/) });
    expect(member.json).toMatchObject({ id: '29:1user', name: 'Camille Martin', aadObjectId: expect.any(String), userPrincipalName: expect.any(String) });
    expect(Array.isArray(members.json)).toBe(true);
  });

  it('plays scripted answers once each, in order, for the calls they match', async () => {
    connector.enqueue(connectorFailures.throttled(1), 'send').enqueue(connectorFailures.blockedByUser(), 'send');

    const member = await httpRequest(url('/v3/conversations/a%3A1/members/29%3A1'));
    const first = await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } });
    const second = await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } });
    const third = await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } });

    expect(member.status).toBe(200);
    expect([first.status, first.headers['retry-after']]).toEqual([429, '1']);
    expect([second.status, second.json]).toEqual([403, { error: { code: 'ConversationBlockedByUser', message: expect.any(String) } }]);
    expect(third.status).toBe(200);
    // Only the delivered one counts as an activity.
    expect(connector.activities()).toHaveLength(1);
  });

  it('answers through a responder function, which may wait', async () => {
    connector.respondWith(async (call) => (call.kind === 'send' ? { status: 503, delayMs: 50 } : undefined));
    const started = Date.now();

    const failed = await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } });
    const member = await httpRequest(url('/v3/conversations/a%3A1/members/29%3A1'));

    expect(failed.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(member.status).toBe(200);
  });

  it('waits until N activities arrived, and times out saying how many did', async () => {
    const waiting = connector.waitForActivities(2, 2000);
    await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'un' } });
    await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'deux' } });

    await expect(waiting).resolves.toEqual([
      { type: 'message', text: 'un' },
      { type: 'message', text: 'deux' },
    ]);
    await expect(connector.waitForActivities(3, 50)).rejects.toThrow('expected 3 activities, the connector received 2');
  });

  it('forgets calls and scripts on reset()', async () => {
    connector.enqueue(connectorFailures.unavailable());
    await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } });
    connector.enqueue(connectorFailures.unavailable());

    connector.reset();

    expect(connector.calls).toEqual([]);
    expect((await httpRequest(activitiesOf('a:1'), { body: { type: 'message' } })).status).toBe(200);
  });
});
