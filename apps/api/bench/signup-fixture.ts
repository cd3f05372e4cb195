// The signup benchmarks' data: a district made through the API, then people and shifts loaded by
// SQL statements (fast, and the same rows as the stores write).

import { runSql } from '@rota/bench-kit';
import type { ApiClient } from './lib/api-client.ts';

/** Coprime with the 1000 spread shifts, so (shift, person) pairs repeat only after 50M requests. */
export const peopleCount = 50_021;
export const spreadShiftCount = 1000;
/** Seats of a sold-out shift before its load starts. */
export const soldOutCapacity = 10;

/**
 * The bench's residents and their volunteer tokens (same index): person `bench-person-N`
 * signs up with token `bench-volunteer-N`, as the SQL below loads them.
 */
export function benchResidents(): { personIds: string[]; personTokens: string[] } {
  const personIds = Array.from({ length: peopleCount }, (_, i) => `bench-person-${i + 1}`);
  return { personIds, personTokens: personIds.map((_, i) => `bench-volunteer-${i + 1}`) };
}

export interface SignupFixture {
  unitId: string;
  personIds: string[];
  /** The volunteer token of each person (same index). */
  personTokens: string[];
  /** One fresh shift per run of each benchmark. */
  hot: string[];
  /** The hot shift of the organizer's path (the desk), one per run. */
  hotDesk: string[];
  soldOutWaitlist: string[];
  soldOutFull: string[];
  spread: string[];
}

interface Created {
  id: string;
}
/** Builds everything the hot, sold-out and spread benchmarks sign up for, `runs` times over. */
export async function createSignupFixture(
  api: ApiClient,
  databaseUrl: string,
  runs: number,
): Promise<SignupFixture> {
  const unit = await api.post<Created>('/v1/units', { name: 'Bench district', kind: 'district' });
  await runSql(
    databaseUrl,
    `insert into people (id, name, unit_id, created_at)
     select 'bench-person-' || g, 'Person ' || g, '${unit.id}', now()
       from generate_series(1, ${peopleCount}) g;
     insert into tokens (secret_hash, role, person_id, label, created_at)
     select encode(sha256(convert_to('bench-volunteer-' || g, 'UTF8')), 'hex'), 'volunteer',
       'bench-person-' || g, 'bench', now()
       from generate_series(1, ${peopleCount}) g;
     analyze people; analyze tokens;`,
  );
  // Residents sign themselves up with their own volunteer tokens, as at a popular opening.
  const { personIds, personTokens } = benchResidents();

  // Shifts written as rows (as materialization leaves them), attendee seats: a person may
  // hold seats on several of them at the same time. One event per shift, starting in a week.
  const shift = (id: string, capacity: number, waitlist: boolean, hour: number) => `
    insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
      duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
    select '${id}', '${unit.id}', 'vaccination_clinic', 'Bench ${id}', 'Asia/Shanghai',
      to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS'), at, 60,
      '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]', 'published', now(), now(), now()
    from (select date_trunc('day', now()) + interval '7 days' + make_interval(hours => ${hour}) as at) t;
    insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
    select '${id}', '${id}', start_local, start_local, starts_at, starts_at + interval '1 hour'
      from events where id = '${id}';
    insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start, "end",
      local_date, capacity, max_party_size, waitlist)
    select '${id}', '${id}', '${id}', 'seat', 0, 'Seat', 'attendee', starts_at,
      starts_at + interval '1 hour', (starts_at at time zone 'Asia/Shanghai')::date, ${capacity},
      1, ${waitlist} from events where id = '${id}';`;
  const ids = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `bench-${prefix}-${i + 1}`);
  const hot = ids('hot', runs);
  const hotDesk = ids('desk', runs);
  const soldOutWaitlist = ids('waitlist', runs);
  const soldOutFull = ids('full', runs);
  const spread = ids('spread', spreadShiftCount);
  await runSql(
    databaseUrl,
    [
      ...[...hot, ...hotDesk].map((id) => shift(id, 100_000, true, 1)),
      ...soldOutWaitlist.map((id) => shift(id, soldOutCapacity, true, 2)),
      ...soldOutFull.map((id) => shift(id, soldOutCapacity, false, 3)),
      ...spread.map((id, i) => shift(id, 100_000, true, 4 + (i % 12))),
      'analyze events; analyze occurrences; analyze shifts;',
    ].join('\n'),
  );
  return {
    unitId: unit.id,
    personIds,
    personTokens,
    hot,
    hotDesk,
    soldOutWaitlist,
    soldOutFull,
    spread,
  };
}
