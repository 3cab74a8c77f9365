/** How the benchmarks write numbers and tables: fixed digits, padded columns, nearest-rank quantiles. */

/** A number with `digits` decimals, or "n/a" when it is not finite (a ratio of nothing, a missing sample). */
export const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
/** A whole number with thousands separators: 10,000. */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
/** A count as a dataset size is said: 10k, or the number itself when not whole thousands. */
export const short = (count: number): string => (count % 1000 === 0 ? `${count / 1000}k` : int(count));
/** A left-aligned column. */
export const pad = (value: string, width: number): string => value.padEnd(width);
/** A right-aligned column. */
export const padLeft = (value: string, width: number): string => value.padStart(width);
/** A target's verdict. */
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** The q-quantile (0..1) of a sorted array, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of unsorted values. */
export const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
