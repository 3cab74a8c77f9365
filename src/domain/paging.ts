/**
 * One page of a list that can grow. Teams refuses a message above about 100 KB (413 MessageSizeTooBig) and keeps a
 * card readable under 28 KB: a list of certificates, destinations or expiries is shown a page at a time.
 */
export interface Page<T> {
  readonly items: readonly T[];
  /** 0-based, within [0, count). */
  readonly number: number;
  /** How many pages the list makes: at least one, even empty. */
  readonly count: number;
  /** Items in the whole list. */
  readonly total: number;
  /** Where the page's first item is in the whole list (0-based). */
  readonly first: number;
}

/**
 * The page `requested` (0-based) of `items`, `size` a page. A page past the end (the list shrank since its button was
 * drawn) is the last one; a negative or fractional number is the first.
 */
export function pageOf<T>(items: readonly T[], requested: number, size: number): Page<T> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pageOf: size must be a positive integer, got ${size}`);
  const count = Math.max(1, Math.ceil(items.length / size));
  const number = Number.isInteger(requested) && requested > 0 ? Math.min(requested, count - 1) : 0;
  const first = number * size;
  return { items: items.slice(first, first + size), number, count, total: items.length, first };
}
