/**
 * A child process that hosts one bot for the benchmark: `node dist/bench/bot-host.js certibot|echo <dataDir>`.
 * certibot uses PostgreSQL when DATABASE_URL is set, SQLite in <dataDir> otherwise; PORT (default 0: any free port)
 * is where it listens. Prints one line `READY <url>` on stdout, then serves until SIGTERM or until its parent closes
 * stdin. Each bot's code is loaded only for that bot, so that the echo bot starts as the bare sample would.
 */

interface HostedServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function start(kind: string | undefined, dataDir: string | undefined, port: string): Promise<HostedServer> {
  if (kind === 'certibot' && dataDir) {
    const [{ startCertibot }, { loadConfig }] = await Promise.all([import('../src/index'), import('../src/config/config')]);
    const databaseUrl = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {};
    const bot = await startCertibot(loadConfig({ PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...databaseUrl }));
    return { url: bot.url, stop: () => bot.stop() };
  }
  if (kind === 'echo') {
    const { startEchoBot } = await import('./echo-bot');
    const bot = await startEchoBot(Number(port));
    return { url: bot.url, stop: () => bot.close() };
  }
  throw new Error('usage: bot-host certibot <dataDir> | echo');
}

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2);
  const bot = await start(kind, dataDir, process.env.PORT ?? '0');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    bot.stop().then(
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
