import { allPages, type Schemas, unwrap } from '@rota/client';
import { useQuery } from '@tanstack/react-query';
import { useRota } from '../../api/rota-context.tsx';

const DAY_MS = 24 * 60 * 60 * 1000;
/** More than a week's shifts of a subdistrict is more than a page should list. */
const MAX_SHIFTS = 2000;

/** Midnight today on this computer, and 7 days later: the window of "This week". */
export function weekWindow(now = new Date()): { from: string; to: string; todayEnd: string } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return {
    from: start.toISOString(),
    to: new Date(start.getTime() + 7 * DAY_MS).toISOString(),
    todayEnd: new Date(start.getTime() + DAY_MS).toISOString(),
  };
}

/**
 * Every open shift (drafts' included: an organizer sees them) of the unit's subtree in the
 * week, in start order; `truncated` when there were more than the page lists. Refreshed every
 * minute: seats and waitlists move while the page is open.
 */
export function useWeekShifts(unitId: string | undefined, from: string, to: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'week', 'shifts', unitId ?? null, from],
    refetchInterval: 60_000,
    queryFn: async () => {
      const items: Schemas['Shift'][] = [];
      for await (const shift of allPages((cursor) =>
        unwrap(
          rota.GET('/v1/shifts', {
            params: {
              query: {
                from,
                to,
                limit: 500,
                ...(unitId ? { unitId } : {}),
                ...(cursor ? { cursor } : {}),
              },
            },
          }),
        ),
      )) {
        if (items.length === MAX_SHIFTS) return { items, truncated: true };
        items.push(shift);
      }
      return { items, truncated: false };
    },
  });
}

/** Draft events of the unit's subtree whose first start is within the coming year. */
export function useDraftEvents(unitId: string | undefined, from: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'week', 'drafts', unitId ?? null, from],
    queryFn: () =>
      unwrap(
        rota.GET('/v1/events', {
          params: {
            query: {
              status: 'draft',
              from,
              to: new Date(Date.parse(from) + 365 * DAY_MS).toISOString(),
              limit: 100,
              ...(unitId ? { unitId } : {}),
            },
          },
        }),
      ),
  });
}
