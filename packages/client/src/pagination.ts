/**
 * Paginated lists (basic/utilities/pagination): follow `nextCursor` until it is absent, passing each cursor
 * back unchanged. An empty-string cursor is a cursor like any other (2026-07-28 says so explicitly; earlier
 * revisions only say "if present, there may be more"), so only absence ends the list. A page bound stops
 * a server that hands out cursors forever.
 */
import { LocalError, LocalErrorCode } from '@mcpwire/core/runtime';

export interface Page<T> {
  items: readonly T[];
  /** Checked here: servers are not trusted to send a string. */
  nextCursor?: unknown;
}

/** Default upper bound on pages followed for one list. */
export const DEFAULT_MAX_PAGES = 1000;

export async function* paginate<T>(
  method: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages: number = DEFAULT_MAX_PAGES,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= maxPages) {
      throw new LocalError(
        LocalErrorCode.InvalidMessage,
        `${method}: expected the list to end within ${maxPages} pages, received a cursor for page ${page + 1} (${JSON.stringify(cursor)})`,
      );
    }
    const result = await fetchPage(cursor);
    for (const item of result.items) yield item;
    if (result.nextCursor === undefined || result.nextCursor === null) return;
    if (typeof result.nextCursor !== 'string') {
      throw new LocalError(
        LocalErrorCode.InvalidMessage,
        `${method}: expected nextCursor to be a string, received ${typeof result.nextCursor}`,
      );
    }
    cursor = result.nextCursor;
  }
}

/** Collects a paginated list into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Every item of a list method, page by page: `list` fetches one page (given the cursor params, or none
 * for the first), `items` picks its entries.
 */
export function listPages<P extends { nextCursor?: string }, T>(
  maxPages: number,
  method: string,
  list: (params: { cursor: string } | undefined) => Promise<P>,
  items: (page: P) => readonly T[],
): AsyncGenerator<T, void, undefined> {
  return paginate(
    method,
    async (cursor) => {
      const page = await list(cursor === undefined ? undefined : { cursor });
      return { items: items(page), nextCursor: page.nextCursor };
    },
    maxPages,
  );
}
