import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createLogger, logFormatFor, prettyDestination } from '../../src/logging/logging';

describe('log format', () => {
  test.each([
    ['development', true, 'pretty'],
    ['development', false, 'json'],
    ['test', true, 'json'],
    ['production', true, 'json'],
    ['production', false, 'json'],
  ] as const)('%s with a TTY on stdout: %s → %s', (env, tty, format) => {
    expect(logFormatFor(env, tty)).toBe(format);
  });

  test('the pretty destination writes readable lines, not JSON, and still redacts message text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-log-'));
    const file = path.join(dir, 'pretty.log');
    try {
      const stream = prettyDestination(file) as ReturnType<typeof prettyDestination> & Writable;
      const logger = createLogger('info', stream);
      logger.info({ cid: 'turn-1', handledAs: 'intent:kb.validity', ms: 3.2, activity: { text: 'mon adresse alice@example.org' } }, 'turn');
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });

      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: turn$/);
      expect(() => JSON.parse(lines[0] ?? '') as unknown).toThrow();
      expect(lines.join('\n')).toContain('handledAs: "intent:kb.validity"');
      expect(lines.join('\n')).not.toContain('alice@example.org');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
