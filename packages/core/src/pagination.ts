import { ValidationError } from './errors';

export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export interface PageResult<T> {
  items: T[];
  info: PageInfo;
}

/** Fetch one page (1-based). */
export type PageFetcher<T> = (page: number) => Promise<PageResult<T>>;

/** One page of a list, with the way to the next one. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly info: PageInfo,
    private readonly fetchPage: PageFetcher<T>,
  ) {}

  hasNextPage(): boolean {
    return this.info.page < this.info.totalPages && this.items.length > 0;
  }

  async getNextPage(): Promise<Page<T>> {
    if (!this.hasNextPage()) throw new ValidationError('There is no next page.', [], { code: 'no_next_page' });
    const next = await this.fetchPage(this.info.page + 1);
    return new Page(next.items, next.info, this.fetchPage);
  }
}

/** Hard cap for toArray(), so a forgotten limit cannot pull a whole fleet into memory by accident. */
export const TO_ARRAY_MAX = 10_000;

/**
 * What list methods return: `await` it for the first page, `for await` over it for every item
 * across pages, `iterPages()` for page at a time, `toArray({ limit })` to collect. Nothing is
 * fetched until one of those is used.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | undefined;

  /** A list call that failed before it could start (bad input): it rejects like any other call. */
  static failed<T>(error: unknown): PagePromise<T> {
    return new PagePromise<T>(() => Promise.reject(error));
  }

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly startPage = 1,
  ) {}

  private firstPage(): Promise<Page<T>> {
    return (this.first ??= this.fetchPage(this.startPage).then((r) => new Page(r.items, r.info, this.fetchPage)));
  }

  then<A = Page<T>, B = never>(
    onFulfilled?: ((value: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.firstPage().catch(onRejected);
  }

  async *iterPages(): AsyncGenerator<Page<T>> {
    let page: Page<T> = await this.firstPage();
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.iterPages()) yield* page.items;
  }

  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = Math.min(options.limit, TO_ARRAY_MAX);
    const out: T[] = [];
    for await (const item of this) {
      if (out.length >= limit) break;
      out.push(item);
    }
    return out;
  }
}

/**
 * Read the `X-Pagination` header (`{page,pageSize,total,totalPages}`, snake_case tolerated).
 * A list without it is one page.
 */
export function parsePaginationHeader(header: string | undefined, itemCount: number): PageInfo {
  const single = { page: 1, pageSize: itemCount, total: itemCount, totalPages: 1 };
  if (!header) return single;
  try {
    const raw = JSON.parse(header) as Record<string, unknown>;
    const num = (a: string, b: string) => {
      const v = raw[a] ?? raw[b];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    };
    const page = num('page', 'page');
    const pageSize = num('pageSize', 'page_size');
    const total = num('total', 'total');
    const totalPages = num('totalPages', 'total_pages');
    if (page === undefined || totalPages === undefined) return single;
    return { page, pageSize: pageSize ?? itemCount, total: total ?? itemCount, totalPages };
  } catch {
    return single;
  }
}
