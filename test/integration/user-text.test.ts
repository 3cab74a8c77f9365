import { executeAction, installationUpdate, message, submitAction } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/**
 * User text is data, never markup: a certificate named like a phishing link, a card function or a template, with
 * invisible and direction-changing characters, is stored clean and shown escaped in every card and message that the
 * bot posts, to the person and to the channel alike.
 */
const HOSTILE = '[Renouveler ici](https://evil.example/login) {{DATE(2030-01-01T00:00:00Z, SHORT)}} ${secret} **urgent**\u202E\u200b\u0007 <b>x</b>';
const CLEAN = '[Renouveler ici](https://evil.example/login) {{DATE(2030-01-01T00:00:00Z, SHORT)}} ${secret} **urgent** <b>x</b>';

/** Markdown that would take effect: a link, a card function, emphasis, HTML — each not preceded by a backslash. */
const LIVE_MARKUP = /(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)\{(?<!\\)\{|(?<!\\)\$(?<!\\)\{|(?<!\\)\*(?<!\\)\*|(?<!\\)<b>/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE = /[\u0000-\u001f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

type Json = Record<string, unknown>;

/** Every string of a card, by where Teams shows it: Markdown (text blocks, facts) or plain (titles, fallback, inputs). */
function cardStrings(node: unknown, out = { markdown: [] as string[], plain: [] as string[] }) {
  if (Array.isArray(node)) node.forEach((item) => cardStrings(item, out));
  else if (node && typeof node === 'object') {
    const record = node as Json;
    if (record.type === 'TextBlock' && typeof record.text === 'string') out.markdown.push(record.text);
    if (typeof record.value === 'string' && typeof record.title === 'string' && record.type === undefined) out.markdown.push(record.value);
    for (const field of ['title', 'fallbackText', 'label', 'placeholder']) {
      if (typeof record[field] === 'string' && record.type !== 'TextBlock') out.plain.push(record[field] as string);
    }
    Object.entries(record).forEach(([key, value]) => key !== 'data' && cardStrings(value, out));
  }
  return out;
}

describe('a certificate name is data, never markup', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')), env: { REMINDER_TICK_SECONDS: '3600' } });
  });
  afterAll(async () => harness.stop());

  it('is stored cleaned and shown escaped in the chat, the list, the reminder card in the channel and its updates', async () => {
    const personal = harness.personalChat({ locale: 'fr-FR' });
    const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id });
    await harness.send(message(personal, 'bonjour'));
    await harness.send(installationUpdate(channel, 'add'));

    const saved = await harness.send(submitAction(personal, { verb: 'register.submit', label: HOSTILE, expiry: '2027-03-15' }));
    const [summary] = await harness.app.store.reminders.listForUser(personal.user.id, new Date());
    expect(summary?.certificate.label).toBe(CLEAN);
    const mine = await harness.send(message(personal, 'mes certificats'));
    const list = await harness.send(message(channel, 'rappels ici'));
    const here = list.cards[0]?.buttons.find((b) => b.title === 'Rappels ici aussi');
    await harness.send(submitAction(channel, here?.data));

    harness.clock.set(new Date('2026-12-15T08:00:00Z'));
    await harness.app.tickReminders();
    const posted = harness.connector.calls.filter((call) => (call.kind === 'send' || call.kind === 'reply') && call.status === 200).map((call) => call.body);
    const reminder = harness.connector.calls.find((call) => call.kind === 'send' && call.conversationId === channel.conversationId && call.status === 200);
    const ack = (reminder?.body as { attachments: Array<{ content: { actions: Array<{ data: unknown }> } }> }).attachments[0]?.content.actions[0]?.data;
    const acknowledged = await harness.send(executeAction(channel, { verb: 'reminder.ack', data: ack }));
    await harness.connector.waitForCalls(1, (call) => call.kind === 'update');
    const updates = harness.connector.calls.filter((call) => call.kind === 'update').map((call) => call.body);

    const everything = [...posted, ...updates, acknowledged.json, ...saved.replies, ...mine.replies, ...list.replies];
    const messages = everything.map((activity) => (activity as { text?: unknown }).text).filter((text): text is string => typeof text === 'string');
    const strings = cardStrings(everything);
    expect(strings.markdown.some((text) => text.includes('Renouveler ici'))).toBe(true);
    for (const text of [...messages, ...strings.markdown]) {
      expect(text).not.toMatch(LIVE_MARKUP);
      expect(text).not.toMatch(INVISIBLE);
    }
    // Plain fields (titles, notification previews) show the name as typed, without escapes.
    for (const text of strings.plain) expect(text).not.toMatch(/\\[[\]{}$*<]/);
  });

  it('a name that is only invisible characters is refused, nothing registered', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(submitAction(chat, { verb: 'register.submit', label: '\u200b\u202e\u0007', expiry: '2027-03-15' }));
    expect(turn.texts[0]).toBeDefined();
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toEqual([]);
  });
});
