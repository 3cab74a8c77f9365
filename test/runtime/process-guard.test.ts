import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logging';
import { installProcessGuard } from '../../src/runtime/process-guard';

function recordingLogger(): { logger: ReturnType<typeof createLogger>; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe('the process guard', () => {
  it('logs an uncaught error at error level instead of letting it end the process', async () => {
    const events = new EventEmitter();
    const { logger, lines } = recordingLogger();
    installProcessGuard(events, logger);

    // Without a listener, emitting uncaughtException on a plain emitter is just an event; with the guard it is logged.
    events.emit('uncaughtException', new Error('incorrect header check'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: expect.stringContaining('process goes on') });
    expect((lines[0]?.err as { message?: string }).message).toBe('incorrect header check');
  });

  it('logs an unhandled rejection the same way', async () => {
    const events = new EventEmitter();
    const { logger, lines } = recordingLogger();
    installProcessGuard(events, logger);

    events.emit('unhandledRejection', new Error('connector gone'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: expect.stringContaining('unhandled rejection') });
  });
});
