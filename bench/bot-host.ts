/**
 * A child process that hosts one bot for the benchmark: `node dist/bench/bot-host.js certibot|echo <dataDir>`.
 * Prints one line `READY <url>` on stdout, then serves until SIGTERM or until its parent closes stdin.
 */
import { startCertibot, type Certibot } from '../src/index';
import { loadConfig } from '../src/config/config';
import { startEchoBot, type EchoBot } from './echo-bot';

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2);
  let bot: Certibot | EchoBot;
  if (kind === 'certibot' && dataDir) {
    bot = await startCertibot(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  } else if (kind === 'echo') {
    bot = await startEchoBot();
  } else {
    throw new Error('usage: bot-host certibot <dataDir> | echo');
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const closing = 'stop' in bot ? bot.stop() : bot.close();
    closing.then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.resume();
  process.stdout.write(`READY ${bot.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
