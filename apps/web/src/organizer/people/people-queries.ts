import { type operations, unwrap } from '@rota/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useRota } from '../../api/rota-context.tsx';

export type Person = operations['getPerson']['responses'][200]['content']['application/json'];

export interface PeopleFilters {
  /** A unit of my subtree (its subtree is searched); undefined: my whole subtree. */
  unitId: string | undefined;
  /** Name (Chinese or pinyin, full or initials) or phone digits. */
  q: string;
  tag: string | undefined;
}

/** People of my subtree matching the filters, 50 a page. */
export function usePeopleSearch(filters: PeopleFilters) {
  const rota = useRota();
  const q = filters.q.trim();
  return useInfiniteQuery({
    queryKey: ['people', 'search', { ...filters, q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        rota.GET('/v1/people', {
          params: {
            query: {
              ...(filters.unitId ? { unitId: filters.unitId } : {}),
              ...(q ? { q } : {}),
              ...(filters.tag ? { tag: filters.tag } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/**
 * The tags people of my subtree have, most used first: the choices when tagging someone, so
 * that one qualification keeps one spelling.
 */
export function useSubtreeTags(unitId: string | undefined) {
  const rota = useRota();
  return useQuery({
    queryKey: ['tags', unitId ?? null],
    staleTime: 60_000,
    queryFn: () => unwrap(rota.GET('/v1/tags', { params: { query: unitId ? { unitId } : {} } })),
  });
}

/** One person's record, for the person page and the duplicate notice. */
export function usePersonRecord(id: string | undefined) {
  const rota = useRota();
  return useQuery({
    queryKey: ['person', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(rota.GET('/v1/people/{id}', { params: { path: { id: id ?? '' } } })),
  });
}
