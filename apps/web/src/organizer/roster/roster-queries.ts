import { type Schemas, unwrap } from '@rota/client';
import { useQuery } from '@tanstack/react-query';
import { useRota } from '../../api/rota-context.tsx';

export type RosterEntry = Schemas['RosterEntry'];

/** The query key of a shift's roster (mutations refresh it). */
export function rosterKey(shiftId: string) {
  return ['org', 'roster', shiftId] as const;
}

/**
 * Every signup of the shift, every status, in join order. Refreshed every 15 s: at the door,
 * volunteers sign up and cancel from their phones while the organizer checks people in.
 */
export function useRoster(shiftId: string) {
  const rota = useRota();
  return useQuery({
    queryKey: rosterKey(shiftId),
    refetchInterval: 15_000,
    queryFn: async () =>
      (await unwrap(rota.GET('/v1/shifts/{id}/roster', { params: { path: { id: shiftId } } })))
        .items,
  });
}

/** Who moved from the waiting list to confirmed between two readings of a roster. */
export function promotedBetween(before: RosterEntry[], after: RosterEntry[]): RosterEntry[] {
  const waiting = new Set(before.filter((e) => e.status === 'waitlisted').map((e) => e.id));
  return after.filter((e) => e.status === 'confirmed' && waiting.has(e.id));
}
