// The signup benchmarks' data: a district, people loaded by one SQL statement, and events made
// through the API (so that shifts are materialized exactly as in production).
import type { ApiClient } from './lib/api-client.ts';
import { runSql } from './lib/throwaway-database.ts';

/** Coprime with the 1000 spread shifts, so (shift, person) pairs repeat only after 50M requests. */
export const peopleCount = 50_021;
export const spreadShiftCount = 1000;
/** Seats of a sold-out shift before its load starts. */
export const soldOutCapacity = 10;

export interface SignupFixture {
  unitId: string;
  personIds: string[];
  /** One fresh shift per run of each benchmark. */
  hot: string[];
  soldOutWaitlist: string[];
  soldOutFull: string[];
  spread: string[];
}

interface Created {
  id: string;
}
interface OccurrencePage {
  items: { shifts: { id: string; slotKey: string }[] }[];
}

function localStartInDays(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${String(hour).padStart(2, '0')}:00`;
}

async function shiftsOf(api: ApiClient, eventId: string): Promise<Map<string, string>> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const page = await api.get<OccurrencePage>(
    `/v1/events/${eventId}/occurrences?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  const byKey = new Map<string, string>();
  for (const occurrence of page.items) {
    for (const shift of occurrence.shifts) byKey.set(shift.slotKey, shift.id);
  }
  return byKey;
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
    `insert into people (id, name, unit_id, feed_key, created_at)
     select 'bench-person-' || g, 'Person ' || g, '${unit.id}', 'bench-feed-' || g, now()
       from generate_series(1, ${peopleCount}) g;
     analyze people;`,
  );
  const personIds = Array.from({ length: peopleCount }, (_, i) => `bench-person-${i + 1}`);

  // Attendee slots: a person may hold seats on several of them at the same time.
  const slot = (key: string, capacity: number, waitlist: boolean) => ({
    key,
    name: key,
    role: 'attendee',
    capacity,
    waitlist,
  });
  const hotSlots = [];
  for (let run = 1; run <= runs; run += 1) {
    hotSlots.push(slot(`hot-${run}`, 100_000, true));
    hotSlots.push(slot(`waitlist-${run}`, soldOutCapacity, true));
    hotSlots.push(slot(`full-${run}`, soldOutCapacity, false));
  }
  const hotEvent = await api.post<Created>('/v1/events', {
    unitId: unit.id,
    kind: 'vaccination_clinic',
    title: 'Bench: hot shifts',
    timeZone: 'Asia/Shanghai',
    start: localStartInDays(7, 9),
    durationMinutes: 60,
    slots: hotSlots,
    status: 'published',
  });
  const hotShifts = await shiftsOf(api, hotEvent.id);
  const pick = (prefix: string) =>
    Array.from({ length: runs }, (_, i) => hotShifts.get(`${prefix}-${i + 1}`)!);

  const spread: string[] = [];
  for (let e = 0; e < spreadShiftCount / 50; e += 1) {
    const event = await api.post<Created>('/v1/events', {
      unitId: unit.id,
      kind: 'general',
      title: `Bench: spread ${e + 1}`,
      timeZone: 'Asia/Shanghai',
      start: localStartInDays(8 + (e % 10), 8 + Math.floor(e / 10)),
      durationMinutes: 60,
      slots: Array.from({ length: 50 }, (_, s) => slot(`s-${s}`, 100_000, true)),
      status: 'published',
    });
    spread.push(...(await shiftsOf(api, event.id)).values());
  }
  if (spread.length !== spreadShiftCount) throw new Error(`spread: ${spread.length} shifts`);
  return {
    unitId: unit.id,
    personIds,
    hot: pick('hot'),
    soldOutWaitlist: pick('waitlist'),
    soldOutFull: pick('full'),
    spread,
  };
}
