import { classifyRequest, connectorFailures, FakeConnector, MAX_ACTIVITY_BYTES } from '../../toolkit/fake-connector';
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
    const first = await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } });
    const second = await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } });
    const third = await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } });

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

    const failed = await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } });
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
    await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } });
    connector.enqueue(connectorFailures.unavailable());

    connector.reset();

    expect(connector.calls).toEqual([]);
    expect((await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } })).status).toBe(200);
  });

  describe('refuses what Teams refuses, before any normal answer', () => {
    const card = (text: string) => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] } });

    it('413 MessageSizeTooBig for an activity above the size limit, posted or updated; nothing is delivered', async () => {
      const big = { type: 'message', attachments: [card('x'.repeat(MAX_ACTIVITY_BYTES))] };
      const posted = await httpRequest(activitiesOf('a:1'), { body: big });
      const updated = await httpRequest(`${activitiesOf('a:1')}/1:edit`, { method: 'PUT', body: big });
      const justUnder = await httpRequest(activitiesOf('a:1'), { body: { type: 'message', attachments: [card('x'.repeat(MAX_ACTIVITY_BYTES - 1000))] } });

      expect([posted.status, posted.json]).toEqual([413, { error: { code: 'MessageSizeTooBig', message: expect.any(String) } }]);
      expect(updated.status).toBe(413);
      expect(justUnder.status).toBe(200);
      expect(connector.activities()).toHaveLength(1);
    });

    it.each([
      ['no type', { text: 'Bonjour' }, 'type'],
      ['a message with neither text nor attachments', { type: 'message', text: '  ', attachments: [] }, 'text or attachments'],
      ['an attachment without contentType', { type: 'message', attachments: [{ content: {} }] }, 'attachments[0].contentType'],
      ['an attachment without content', { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] }, 'attachments[0].content'],
      ['a body that is no activity', ['message'], 'the body is not an activity'],
    ])('400 for %s', async (_, body, missing) => {
      const response = await httpRequest(activitiesOf('a:1'), { body });

      expect([response.status, response.json]).toEqual([400, { error: { code: 'BadArgument', message: `Activity is missing ${missing}.` } }]);
      expect(connector.activities()).toEqual([]);
    });

    it('takes a typing indicator, a text, a card, and lookups that carry no activity', async () => {
      const statuses = [
        (await httpRequest(activitiesOf('a:1'), { body: { type: 'typing' } })).status,
        (await httpRequest(activitiesOf('a:1'), { body: { type: 'message', text: 'Bonjour' } })).status,
        (await httpRequest(activitiesOf('a:1'), { body: { type: 'message', attachments: [card('Bonjour')] } })).status,
        (await httpRequest(url('/v3/conversations'), { body: { isGroup: false, members: [{ id: '29:1user' }] } })).status,
      ];

      expect(statuses).toEqual([200, 200, 200, 201]);
    });
  });

  it('shows each posted message as its conversation sees it now: as posted, then as updated', async () => {
    const posted = await httpRequest(activitiesOf('19:abc@thread.tacv2'), { body: { type: 'message', text: 'avant' } });
    const id = (posted.json as { id: string }).id;
    connector.reset();
    await httpRequest(`${activitiesOf('19:abc@thread.tacv2')}/${encodeURIComponent(id)}`, { method: 'PUT', body: { type: 'message', text: 'après' } });
    await httpRequest(`${activitiesOf('19:abc@thread.tacv2')}/${encodeURIComponent(id)}`, { method: 'PUT', body: { type: 'message' } });

    expect(connector.shown(id)).toEqual({ conversationId: '19:abc@thread.tacv2', activity: { type: 'message', text: 'après' }, updates: 1 });
    expect(connector.shown('1:never-posted')).toBeUndefined();
  });
});
