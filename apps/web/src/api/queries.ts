import { RotaProblem, type Schemas, unwrap } from '@rota/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useRota } from './rota-context.tsx';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who is signed in; `null` when no one is (a 401 is an answer here, not an error). Not asked
 * on the sign-in page: its answer could land after the exchange and say "no one".
 */
export function useMe(enabled = true) {
  const rota = useRota();
  return useQuery({
    queryKey: ['me'],
    enabled,
    queryFn: async () => {
      try {
        return await unwrap(rota.GET('/v1/me'));
      } catch (error) {
        if (error instanceof RotaProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** A person's record (birth date and tags for eligibility). */
export function usePerson(personId: string | undefined) {
  const rota = useRota();
  return useQuery({
    queryKey: ['person', personId],
    enabled: personId !== undefined,
    queryFn: () =>
      unwrap(rota.GET('/v1/people/{id}', { params: { path: { id: personId ?? '' } } })),
    staleTime: 5 * 60_000,
  });
}

export interface ShiftFilters {
  unitId: string | undefined;
  date: string | undefined;
  kind: Schemas['Shift']['event']['kind'] | undefined;
  eligibleFor: string | undefined;
  available: boolean;
}

/** The window of a day in the phone's zone, or the next 31 days from now. */
function windowOf(date: string | undefined): { from?: string; to?: string } {
  if (!date) return {};
  const start = new Date(`${date}T00:00:00`);
  const from = Math.max(start.getTime(), Date.now());
  return {
    from: new Date(from).toISOString(),
    to: new Date(start.getTime() + DAY_MS).toISOString(),
  };
}

/** Shifts matching the filters, page by page (50 a page, ordered by start). */
export function useShiftSearch(filters: ShiftFilters) {
  const rota = useRota();
  return useInfiniteQuery({
    queryKey: ['shifts', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        rota.GET('/v1/shifts', {
          params: {
            query: {
              ...windowOf(filters.date),
              ...(filters.unitId ? { unitId: filters.unitId } : {}),
              ...(filters.kind ? { kind: filters.kind } : {}),
              ...(filters.eligibleFor ? { eligibleFor: filters.eligibleFor } : {}),
              ...(filters.available ? { available: 'true' as const } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One shift, kept fresh while the page is open (seats and the waitlist move). */
export function useShift(id: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['shift', id],
    queryFn: () => unwrap(rota.GET('/v1/shifts/{id}', { params: { path: { id } } })),
    refetchInterval: 20_000,
  });
}

/**
 * The person's signups from a year back to half a year ahead. Refreshed every 15 s while
 * the page is shown, so a waitlist position moves up (and a promotion shows) without a reload.
 */
export function useMySignups(personId: string | undefined) {
  const rota = useRota();
  return useQuery({
    queryKey: ['signups', personId],
    enabled: personId !== undefined,
    refetchInterval: 15_000,
    queryFn: async () => {
      const now = Date.now();
      const windows = [
        { from: new Date(now - 365 * DAY_MS).toISOString(), to: new Date(now).toISOString() },
        { from: new Date(now).toISOString(), to: new Date(now + 180 * DAY_MS).toISOString() },
      ];
      const items: Schemas['SignupWithShift'][] = [];
      for (const window of windows) {
        let cursor: string | undefined;
        do {
          const page = await unwrap(
            rota.GET('/v1/people/{id}/signups', {
              params: {
                path: { id: personId ?? '' },
                query: { ...window, limit: 500, ...(cursor ? { cursor } : {}) },
              },
            }),
          );
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      return items;
    },
  });
}

/** Hours served from 1 January of this year (the phone's year) to now. */
export function useHours(personId: string | undefined, from: string, to: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['hours', personId, from],
    enabled: personId !== undefined,
    queryFn: () =>
      unwrap(
        rota.GET('/v1/people/{id}/hours', {
          params: { path: { id: personId ?? '' }, query: { from, to } },
        }),
      ),
  });
}
