import { BotHarness, TestClock } from '../test/harness/bot-harness';
import { message } from '../test/harness/activities';
void (async () => {
  const h = await BotHarness.start({ clock: new TestClock(new Date('2026-12-06T09:00:00Z')) });
  for (const line of process.argv.slice(2)) {
    const [loc, text] = line.split('|');
    const r = await h.send(message(h.personalChat({ locale: loc }), text!));
    console.log('>>', text, '\n   ', r.transcript.split('\n').slice(0, 3).join(' / ').slice(0, 260));
  }
  await h.stop(); process.exit(0);
})();
