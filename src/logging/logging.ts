import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. At info level they carry ids, intents, durations and outcomes — never message text, names
 * or e-mail addresses; those appear only at debug level, if at all.
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
