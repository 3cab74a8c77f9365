import { translator } from '../../src/messages/translator';
import { reminderCard, type ReminderView } from '../../cards/reminder-card';
import { cardActionItemKey, ItemCounter } from '../../toolkit/item-counter';
import { connectorFailures, FakeConnector, type WireActivity } from '../../toolkit/fake-connector';
import { httpRequest } from '../harness/http-client';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A reminder card as the real sender builds it. */
function reminderActivity(deliveryId: string): WireActivity {
  const view: ReminderView = {
    deliveryId,
    label: 'MSSanté – site de Nîmes',
    expiry: '26 novembre 2026',
    daysLeft: 30,
    finess: '300780038',
    usage: 'MSSanté',
    state: { kind: 'active' },
    canStop: true,
    ownViewsFor: [],
  };
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: reminderCard(view, translator('fr')) }] };
}

describe('cardActionItemKey', () => {
  it("reads the delivery id a reminder card's buttons carry", () => {
    expect(cardActionItemKey(reminderActivity('d-42'))).toBe('d-42');
  });

  it('prefers a delivery over a certificate, wherever the actions sit', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', data: { verb: 'register.history', certificate: 'c-1' } }] }],
      actions: [{ type: 'Action.Execute', verb: 'reminder.ack', data: { verb: 'reminder.ack', delivery: 'd-1' } }],
    };
    expect(cardActionItemKey({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: card }] })).toBe('d-1');
  });

  it('finds no item in a text message or a card without ids', () => {
    expect(cardActionItemKey({ type: 'message', text: 'Bonjour' })).toBeUndefined();
    const card = { type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', data: { verb: 'help' } }] };
    expect(cardActionItemKey({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: card }] })).toBeUndefined();
  });
});

describe('ItemCounter', () => {
  it('tallies expected items: delivered, lost, and any delivered twice', () => {
    const counter = new ItemCounter();
    counter.count('a', 1, true);
    counter.count('b', 2, false);
    counter.count('b', 3, true);
    counter.count('c', 4, true);
    counter.count('c', 5, true);
    counter.count('x', 6, true);
    counter.count('x', 7, true);

    expect(counter.tally(['a', 'b', 'c', 'd'])).toEqual({
      delivered: 3,
      duplicates: 2,
      duplicateKeys: ['c', 'x'],
      lost: 1,
      lostKeys: ['d'],
    });
    expect(counter.get('b')).toEqual({ posts: 2, delivered: 1, arrivals: [2, 3] });
    expect(counter.deliveredItems).toBe(4);
  });
});

describe('the fake connector counts deliveries per item', () => {
  let connector: FakeConnector;
  const post = (activity: WireActivity) =>
    httpRequest(`${connector.serviceUrl}v3/conversations/a%3A1/activities`, { body: activity });

  afterEach(async () => {
    await connector.close();
  });

  it('by the ids in card actions, refused posts not delivered, updates apart', async () => {
    connector = await FakeConnector.start();
    connector.enqueue(connectorFailures.throttled(), 'send');

    await post(reminderActivity('d-1'));
    await post(reminderActivity('d-1'));
    await post(reminderActivity('d-2'));
    await post(reminderActivity('d-2'));
    await httpRequest(`${connector.serviceUrl}v3/conversations/a%3A1/activities/1%3Aabc`, { method: 'PUT', body: reminderActivity('d-2') });

    expect(connector.items.get('d-1')).toMatchObject({ posts: 2, delivered: 1 });
    expect(connector.items.tally(['d-1', 'd-2', 'd-3'])).toMatchObject({ delivered: 2, duplicateKeys: ['d-2'], lostKeys: ['d-3'] });
    expect(connector.calls.map((call) => [call.kind, call.itemKey])).toEqual([
      ['send', 'd-1'],
      ['send', 'd-1'],
      ['send', 'd-2'],
      ['send', 'd-2'],
      ['update', undefined],
    ]);
  });

  it('by a key extractor of its own, without keeping bodies when told not to', async () => {
    connector = await FakeConnector.start({ itemKey: (activity) => (typeof activity.text === 'string' ? activity.text : undefined), recordContent: false });

    await post({ type: 'message', text: 'un' });

    expect(connector.items.deliveries('un')).toBe(1);
    expect(connector.calls[0]).toMatchObject({ itemKey: 'un', body: undefined, headers: {} });
  });

  it('counts a delivery when it is decided, before a slow answer is written', async () => {
    connector = await FakeConnector.start();
    connector.inject({ delayMs: 200 });

    const posting = post(reminderActivity('d-9'));
    await connector.waitForCalls(1);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(connector.items.deliveries('d-9')).toBe(1);
    expect(connector.calls[0]?.status).toBeUndefined();
    await posting;
  });
});
