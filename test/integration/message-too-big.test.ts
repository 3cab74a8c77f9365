import { message } from '../harness/activities';
import { harnessPerSuite, type BotHarness } from '../harness/bot-harness';
import { connectorError } from '../../toolkit/fake-connector';
import { nimesCertificate, targetOf } from '../reminders-flow/flow-fixtures';

/**
 * Teams refuses a message above its size limit with 413 MessageSizeTooBig and posts nothing. certibot pages what can
 * grow, so a 413 is a bug: wherever it happens — a turn's reply, an outbox item — it is logged as an error, and a user
 * waiting for an answer is told in a few words instead of getting the generic error.
 */
let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { captureLogs: 'warn' });

const tooBig = () => connectorError(413, 'MessageSizeTooBig', 'Message size too big.');
const errorsAbout413 = () => harness.logs.filter((line) => line.level >= 50 && /413 MessageSizeTooBig/.test(line.msg ?? ''));

describe('a message Teams refuses as too big is a bug, never a silent failure', () => {
  beforeEach(() => {
    harness.connector.reset();
    harness.logs.length = 0;
  });

  it('a turn reply: the user is told it was too long, with a reference; one error names the handler and the sizes', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    harness.connector.enqueue(tooBig(), 'reply');

    const turn = await harness.send(message(chat, 'aide'));

    expect(turn.status).toBe(200);
    expect(turn.texts).toEqual([expect.stringMatching(/^Ma réponse était trop longue pour que Teams l'affiche : c'est une erreur de ma part, signalée à l'équipe\. .* : \w+\.$/)]);
    expect(errorsAbout413()).toEqual([expect.objectContaining({ handledAs: 'intent:help', bytes: [expect.any(Number)] })]);
    // Not also the generic "turn failed".
    expect(harness.logs.filter((line) => line.msg === 'turn failed')).toEqual([]);
    // The error carries the turn's correlation id, whose start is the reference the user was given.
    const cid = String(errorsAbout413()[0]?.cid);
    expect(cid).toMatch(/^[\w:.-]{12,}$/);
    expect(turn.texts[0]).toContain(cid.slice(0, 12));
  });

  it('an outbox item: recorded as failed for good (not retried), and one error names the item', async () => {
    const personal = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(personal, 'bonjour'));
    const now = harness.clock.now();
    const certificate = nimesCertificate(personal.user.id, now, { expiryDate: '2025-06-20' });
    await harness.app.store.reminders.create(certificate, [targetOf(personal)], now);
    harness.connector.respondWith((call) => (call.kind === 'send' ? tooBig() : undefined));
    harness.clock.set(new Date('2025-06-13T07:00:00Z')); // the 7-day reminder, 09:00 in Paris

    const report = await harness.app.tickReminders();

    harness.connector.respondWith(undefined);
    expect(report).toMatchObject({ failed: 1, retried: 0 });
    expect(errorsAbout413()).toEqual([expect.objectContaining({ kind: 'reminder', topic: certificate.id, target: personal.conversationId })]);
  });
});
