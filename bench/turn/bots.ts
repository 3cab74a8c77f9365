/**
 * The turn benchmark's processes: each bot in a child of its own (bench/bot-host.ts) with `npm start`'s Node flags,
 * the real entry point for cold starts, and what the kernel says about their memory and CPU.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stopChild, track } from '../processes';

/** dist/ (this file runs as dist/bench/turn/bots.js). */
const DIST = path.resolve(__dirname, '..', '..');
/** certibot's real entry point, as `npm start` runs it. */
export const ENTRY = path.join(DIST, 'src', 'index.js');
/** The child that hosts one bot for the load (bench/bot-host.ts). */
export const BOT_HOST = path.join(DIST, 'bench', 'bot-host.js');
/**
 * The Node flags `npm start` runs certibot with (read from package.json, so the bench measures what ships); both
 * bots get them, so the comparison stays fair.
 */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(DIST, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}
export const NODE_FLAGS = startFlags();

/** An environment for a certibot child: local mode, silent, nothing inherited that could change its setup. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const nodeOptions = process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {};
  return { PATH: process.env.PATH ?? '', NODE_ENV: 'development', MicrosoftAppId: '', LOG_LEVEL: 'silent', ...nodeOptions, ...extra };
}

/** A fresh temp directory for one bot's data. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `certibot-bench-${label}-`));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The bots the benchmark compares: certibot on each engine, and the echo bot as the floor. */
export type BotName = 'certibot-sqlite' | 'certibot-postgres' | 'echo';

/** How the report names a bot. */
export const BOT_LABELS: Readonly<Record<BotName, string>> = {
  'certibot-sqlite': 'certibot/SQLite',
  'certibot-postgres': 'certibot/PostgreSQL',
  echo: 'echo',
};

export interface HostedBot {
  readonly name: BotName;
  readonly url: URL;
  readonly child: ChildProcess;
  /** From spawn to its READY line (it is listening). */
  readonly readyMs: number;
  /** RSS in MB when it became ready. */
  readonly rssAtReady: number;
}

/** Where a bot keeps its data: a directory for SQLite (and the echo bot, which keeps none), a URL for PostgreSQL. */
export interface BotData {
  readonly dir: string;
  readonly databaseUrl?: string;
}

const hostArgs = (name: BotName, data: BotData): string[] => [BOT_HOST, name === 'echo' ? 'echo' : 'certibot', data.dir];
const dataEnv = (data: BotData): Record<string, string> => (data.databaseUrl ? { DATABASE_URL: data.databaseUrl } : {});

/** Starts `bench/bot-host.js` for one bot and waits for its `READY <url>` line. */
export function hostBot(name: BotName, data: BotData): Promise<HostedBot> {
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [...NODE_FLAGS, ...hostArgs(name, data)], {
      cwd: data.dir,
      env: childEnv(dataEnv(data)),
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`${name} host exited with code ${String(code)} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /READY (\S+)/.exec(output);
      if (line?.[1]) {
        const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ name, url: new URL('/api/messages', line[1]), child, readyMs, rssAtReady: rssMb(child.pid ?? 0).rss });
      }
    });
  });
}

/** GETs a URL; 0 when it does not answer within 2 s. */
function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * The time from spawn to a 200 on /readyz: certibot's real entry point (as `npm start` runs it) on a fresh database,
 * or the echo bot alone in its host, polled the same way.
 */
export async function coldStart(name: BotName, data: BotData): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const args = name === 'echo' ? hostArgs(name, data) : [ENTRY];
  const child = track(
    spawn(process.execPath, [...NODE_FLAGS, ...args], {
      cwd: data.dir,
      env: childEnv({ PORT: String(port), DATA_DIR: data.dir, ...dataEnv(data) }),
      stdio: ['pipe', 'ignore', 'inherit'],
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start`);
      if ((await get(`http://127.0.0.1:${port}/readyz`)) === 200) return Number(process.hrtime.bigint() - started) / 1e6;
      if (Number(process.hrtime.bigint() - started) / 1e6 > 30_000) throw new Error(`${name} was not ready within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await stopChild(child);
  }
}

/** Resident set size of a process, in MB (Linux /proc; `ps` elsewhere). */
export function rssMb(pid: number): { rss: number; peak: number | undefined } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024, peak: undefined };
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in ms; NaN where /proc is not available. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
