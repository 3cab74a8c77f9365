import { pageOf } from '../../src/domain/paging';

describe('a page of a list that can grow', () => {
  const items = Array.from({ length: 17 }, (_, i) => i);

  it.each([
    ['the first page', 0, { items: [0, 1, 2, 3, 4, 5, 6, 7], number: 0, count: 3, total: 17, first: 0 }],
    ['a middle page', 1, { items: [8, 9, 10, 11, 12, 13, 14, 15], number: 1, count: 3, total: 17, first: 8 }],
    ['the last page, shorter', 2, { items: [16], number: 2, count: 3, total: 17, first: 16 }],
    ['a page past the end: the last one', 9, { items: [16], number: 2, count: 3, total: 17, first: 16 }],
    ['a negative page: the first one', -1, { items: [0, 1, 2, 3, 4, 5, 6, 7], number: 0, count: 3, total: 17, first: 0 }],
    ['a fractional page: the first one', 1.5, { items: [0, 1, 2, 3, 4, 5, 6, 7], number: 0, count: 3, total: 17, first: 0 }],
  ])('%s', (_case, requested, expected) => {
    expect(pageOf(items, requested, 8)).toEqual(expected);
  });

  it('an empty list is one empty page', () => {
    expect(pageOf([], 3, 8)).toEqual({ items: [], number: 0, count: 1, total: 0, first: 0 });
  });

  it('a page size that is not a positive integer is a bug', () => {
    expect(() => pageOf(items, 0, 0)).toThrow(RangeError);
    expect(() => pageOf(items, 0, 2.5)).toThrow(RangeError);
  });
});
