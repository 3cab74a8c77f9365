import type { ChildProcess } from 'node:child_process';

/** Every child process a benchmark started and that has not exited, so that none outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => killAll());

/** Registers a child process to be killed if the benchmark ends first. */
export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGKILLs every child still running (a failure or Ctrl-C: nothing will stop them gracefully). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  const done = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}
