import type { Logger } from '../logging/logging';

/** The process events the guard listens to (process itself in production, an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Keeps one failing request or background task from ending the process: an uncaught error or an unhandled
 * rejection is logged once and the bot lives on. Every request path already answers its own errors; this is the
 * last line, so that a defect found by a hostile client costs one request, not the service.
 */
export function installProcessGuard(target: ProcessEvents, logger: Logger): void {
  target.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught error: the request or task that raised it failed, the process goes on');
  });
  target.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection: the request or task that raised it failed, the process goes on');
  });
}
