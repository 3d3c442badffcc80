import { PagePromise, ValidationError } from '../src';
import { parsePaginationHeader } from '../src/pagination';

describe('pagination', () => {
  it('reads X-Pagination, tolerating snake_case, and treats a missing header as one page', () => {
    expect(parsePaginationHeader('{"page":2,"pageSize":10,"total":35,"totalPages":4}', 10)).toEqual({ page: 2, pageSize: 10, total: 35, totalPages: 4 });
    expect(parsePaginationHeader('{"page":1,"page_size":5,"total":6,"total_pages":2}', 5)).toEqual({ page: 1, pageSize: 5, total: 6, totalPages: 2 });
    expect(parsePaginationHeader(undefined, 3)).toEqual({ page: 1, pageSize: 3, total: 3, totalPages: 1 });
    expect(parsePaginationHeader('{garbage', 3).totalPages).toBe(1);
  });

  it('is awaitable for the first page and iterable over every item, lazily', async () => {
    const data = Array.from({ length: 23 }, (_, i) => i);
    const fetched: number[] = [];
    const list = new PagePromise<number>(async (page) => {
      fetched.push(page);
      const items = data.slice((page - 1) * 10, page * 10);
      return { items, info: { page, pageSize: 10, total: 23, totalPages: 3 } };
    });
    expect(fetched).toEqual([]);
    const first = await list;
    expect(first.items).toHaveLength(10);
    expect(first.hasNextPage()).toBe(true);
    const all: number[] = [];
    for await (const n of list) all.push(n);
    expect(all).toEqual(data);
    expect(fetched).toEqual([1, 2, 3]);
    expect(await list.toArray({ limit: 12 })).toEqual(data.slice(0, 12));
    const last = await (await first.getNextPage()).getNextPage();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toBeInstanceOf(ValidationError);
  });
});
