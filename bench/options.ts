/** camelCase of a kebab-case option name: "rss-turns" → "rssTurns". */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The benchmarks' command line: `--name=N` sets a numeric option (at least 1), `--name` switches a boolean one on;
 * anything else, or the wrong form for an option, is an error.
 */
export function parseBenchOptions<T extends { [K in keyof T]: number | boolean }>(argv: readonly string[], defaults: T): T {
  const options: Record<string, number | boolean> = { ...defaults };
  for (const arg of argv) {
    const numeric = /^--([a-z-]+)=(\d+)$/.exec(arg);
    const flag = /^--([a-z-]+)$/.exec(arg);
    const key = camel(numeric?.[1] ?? flag?.[1] ?? '');
    if (numeric && typeof options[key] === 'number') options[key] = Math.max(1, Number(numeric[2]));
    else if (flag && typeof options[key] === 'boolean') options[key] = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options as T;
}
