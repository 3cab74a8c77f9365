import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON lines for machines (log collectors, tests, pipes), or readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * Readable lines only in development at a terminal; JSON everywhere else (production, tests, and any stdout that is
 * not a TTY, such as a pipe to a log collector), so that nothing that parses logs ever meets a pretty line.
 */
export function logFormatFor(env: 'development' | 'test' | 'production', stdoutIsTTY: boolean): LogFormat {
  return env === 'development' && stdoutIsTTY ? 'pretty' : 'json';
}

/**
 * Readable log lines (pino-pretty) written to a file descriptor (1: stdout, in colour) or a file. pino-pretty runs in
 * pino's worker thread and is loaded only there, so that a process logging JSON never loads it.
 */
export function prettyDestination(target: number | string): pino.DestinationStream {
  return pino.transport({
    target: 'pino-pretty',
    options: { destination: target, colorize: target === 1, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
  }) as pino.DestinationStream;
}

/**
 * JSON logs on stdout, or on `destination` (e.g. prettyDestination(1)). At info level they carry ids, intents,
 * durations and outcomes — never message text, names or e-mail addresses; those appear only at debug level, if at all.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'certibot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['*.text', '*.password', '*.appPassword', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
