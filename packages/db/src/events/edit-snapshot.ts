import type { EditSnapshot } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * What an edit of the event can change, read inside the edit's transaction (before and after
 * it) for core's diffEditEffects: the occurrences, the shifts with what a person sees of them
 * (`shape`), and the signups (all of them after; only the active ones matter before).
 */
export async function readEditSnapshot(
  trx: Transaction<Database>,
  eventId: string,
): Promise<EditSnapshot> {
  const occurrences = await sql<{ id: string; start: string; status: string }>`
    select id, start, status from occurrences where event_id = ${eventId}`.execute(trx);
  const shifts = await sql<{ id: string; status: string; shape: string }>`
    select id, status, concat_ws('|', extract(epoch from start), extract(epoch from "end"),
        name, role, capacity, min_needed, max_party_size, min_age, max_age, companion_min_age,
        companion_max_age, array_to_string(required_tags, ','), waitlist, one_per_person) as shape
    from shifts where event_id = ${eventId}`.execute(trx);
  const signups = await sql<{
    id: string;
    person_id: string;
    shift_id: string;
    status: string;
    cancel_reason: string | null;
  }>`
    select g.id, g.person_id, g.shift_id, g.status, g.cancel_reason
    from signups g join shifts s on s.id = g.shift_id
    where s.event_id = ${eventId}`.execute(trx);
  return {
    occurrences: occurrences.rows,
    shifts: shifts.rows,
    signups: signups.rows.map((row) => ({
      id: row.id,
      personId: row.person_id,
      shiftId: row.shift_id,
      status: row.status,
      cancelReason: row.cancel_reason,
    })),
  };
}
