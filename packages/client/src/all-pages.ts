/** A page of a list, as every Rota list route answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Iterates every item of a cursor-paged list, fetching one page at a time: `fetchPage` is
 * called with no cursor first, then with each page's `nextCursor` until it is null.
 *
 * @example
 * for await (const shift of allPages((cursor) =>
 *   unwrap(rota.GET('/v1/shifts', { params: { query: { available: 'true', cursor } } })))) {
 *   console.log(shift.id);
 * }
 */
export async function* allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
