// The search benchmark's data: 10 subdistricts x 10 communities made through the API, then
// 10,000 published events with one occurrence and 10 half-hour shifts each (100,000 shifts over
// the next 180 days) written by one SQL statement per table, as materialization would leave them.
// Event g starts on day g % 180 in community (g + g / 180) % 100: every day has events in every
// subdistrict (~390 shifts a week each). With community g % 100, the day and the community
// shared the factor 20, and half of the subdistricts had no shift at all in the first week.

import { runSql } from '@rota/bench-kit';
import type { ApiClient } from './lib/api-client.ts';

export const searchEventCount = 10_000;
export const shiftsPerEvent = 10;

interface Created {
  id: string;
}

const slotJson = JSON.stringify([
  {
    key: 'appointment',
    name: 'Appointment',
    role: 'attendee',
    capacity: 15,
    minNeeded: 0,
    offsetMinutes: 0,
    durationMinutes: 30,
    repeatEveryMinutes: 30,
    maxPartySize: 1,
    minAge: null,
    maxAge: null,
    companionMinAge: null,
    companionMaxAge: null,
    requiredTags: [],
    waitlist: true,
  },
]);

/** Loads the search data under `districtId`; returns the subdistrict ids. */
export async function loadSearchData(
  api: ApiClient,
  databaseUrl: string,
  districtId: string,
): Promise<string[]> {
  const subdistricts: string[] = [];
  const communities: string[] = [];
  for (let s = 0; s < 10; s += 1) {
    const sub = await api.post<Created>('/v1/units', {
      name: `Subdistrict ${s + 1}`,
      kind: 'subdistrict',
      parentId: districtId,
    });
    subdistricts.push(sub.id);
    for (let c = 0; c < 10; c += 1) {
      const community = await api.post<Created>('/v1/units', {
        name: `Community ${s + 1}.${c + 1}`,
        kind: 'community',
        parentId: sub.id,
      });
      communities.push(community.id);
    }
  }
  const communityArray = `array[${communities.map((id) => `'${id}'`).join(',')}]`;
  const kinds = `array['cleanup_drive','parent_child','elderly_class','vaccination_clinic','home_visit','inspection','general']`;
  await runSql(
    databaseUrl,
    `create temporary table bench_event_start as
       select g, date_trunc('hour', now()) + make_interval(days => g % 180, hours => 1 + g % 10) as at
         from generate_series(1, ${searchEventCount}) g;
     insert into events (id, unit_id, kind, title, location, time_zone, start_local, starts_at,
         duration_minutes, signup_window, slots, status, published_at, materialized_until,
         created_at, updated_at)
       select 'bench-event-' || g, (${communityArray})[1 + (g + g / 180) % 100], (${kinds})[1 + g % 7],
         'Event ' || g, '{"name":"Activity room"}', 'Asia/Shanghai',
         to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS'), at, ${shiftsPerEvent * 30},
         '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '${slotJson}', 'published', now(),
         now() + interval '180 days', now(), now()
       from bench_event_start;
     insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
       select 'bench-occurrence-' || g, 'bench-event-' || g,
         to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS'),
         to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS'),
         at, at + make_interval(mins => ${shiftsPerEvent * 30})
       from bench_event_start;
     insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start, "end",
         local_date, capacity, seats_taken, min_needed, max_party_size, waitlist)
       select 'bench-shift-' || g || '-' || k, 'bench-event-' || g, 'bench-occurrence-' || g,
         'appointment', k, 'Appointment', 'attendee', at + make_interval(mins => 30 * k),
         at + make_interval(mins => 30 * k + 30), (at at time zone 'Asia/Shanghai')::date, 15,
         (g + k) % 16, 0, 1, true
       from bench_event_start, generate_series(0, ${shiftsPerEvent - 1}) k;
     analyze events; analyze occurrences; analyze shifts; analyze units;`,
  );
  return subdistricts;
}
