// The largest event one request may touch (MAX_SHIFTS_PER_EVENT, ~20,000 shifts): how long
// creating, re-planning (every shift and signup moves) and cancelling it take through the
// store, on PostgreSQL and on the embedded database, where one request holds the only
// connection and every other request waits for it.
import { readFileSync } from 'node:fs';
import { parseProcStat } from '@rota/bench-kit';
import type { EventDraft, Slot } from '@rota/core';
import { createDatabase, type RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/schema.ts';

const NOW = '2026-12-01T00:00:00.000Z';

/** A slot of 5-minute appointments over a 555-minute day: 111 shifts a day, 19,980 in 180 days. */
const appointments: Slot = {
  key: 'appt',
  name: '预约',
  role: 'volunteer',
  capacity: 2,
  minNeeded: 0,
  offsetMinutes: 0,
  durationMinutes: 5,
  repeatEveryMinutes: 5,
  maxPartySize: 1,
  minAge: null,
  maxAge: null,
  companionMinAge: null,
  companionMaxAge: null,
  requiredTags: [],
  waitlist: true,
  onePerPerson: false,
};

function draft(unitId: string, start: string, capacity: number): EventDraft {
  return {
    unitId,
    kind: 'general',
    template: null,
    title: 'bench: a large event',
    description: null,
    location: null,
    timeZone: 'Asia/Shanghai',
    start,
    durationMinutes: 555,
    recurrence: { rrule: 'FREQ=DAILY', exdates: [], rdates: [] },
    signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
    slots: [{ ...appointments, capacity }],
    resources: [],
    status: 'published',
  };
}

export interface LargeEventTimes {
  shifts: number;
  signups: number;
  createMs: number;
  replanMs: number;
  capacityMs: number;
  cancelMs: number;
  /**
   * CPU time of each step, in ms: this process plus, on PostgreSQL, the database's backends
   * (from /proc, Linux only; NaN elsewhere). On a machine shared with other work the wall time
   * moves with the load; the CPU time much less.
   */
  cpu: { create: number; replan: number; capacity: number; cancel: number };
}

/** CPU ms used so far by each of `pids` (PostgreSQL backends), from /proc: NaN elsewhere. */
function backendCpuMs(pids: readonly number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      used.set(pid, parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuMs);
    } catch {
      used.set(pid, Number.NaN);
    }
  }
  return used;
}

/** This process's CPU ms so far. */
function processCpuMs(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000;
}

/** Called around each timed step (large-event-trace.ts lists its statements). */
export interface StepObserver {
  before(step: string): void;
  after(step: string, ms: number): void;
}

/**
 * Creates the event (twice: the first warms the caches), signs `people` volunteers up, then re-plans it (an hour later every day: every shift
 * and every signup moves), raises the capacity, and cancels it.
 */
export async function runLargeEvent(
  backend: 'pglite' | 'postgres',
  url: string | undefined,
  people = 200,
  observer?: StepObserver,
): Promise<LargeEventTimes> {
  const cpu = { create: 0, replan: 0, capacity: 0, cancel: 0 };
  let backends: () => Promise<number[]> = async () => [];
  async function time(
    step: string,
    key: keyof typeof cpu,
    action: () => Promise<unknown>,
  ): Promise<number> {
    const before = backendCpuMs(await backends());
    observer?.before(step);
    const processBefore = processCpuMs();
    const started = performance.now();
    await action();
    const ms = performance.now() - started;
    let used = processCpuMs() - processBefore;
    // A backend the step connected (not there before) counts from its start.
    for (const [pid, after] of backendCpuMs(await backends()))
      used += after - (before.get(pid) ?? 0);
    cpu[key] = used;
    observer?.after(step, ms);
    return ms;
  }
  let db: RotaDb;
  let drop: () => Promise<void>;
  if (backend === 'postgres') {
    db = await createDatabase({ url, horizonDays: 180 });
    drop = () => db.close();
  } else {
    const test = await createTestDatabase({ backend: 'pglite', horizonDays: 180 });
    db = test.db;
    drop = test.drop;
  }
  const kysely = (db as unknown as { kysely: Kysely<Database> }).kysely;
  if (backend === 'postgres') {
    backends = async () => {
      const { rows } = await sql<{ pid: number }>`
        select pid from pg_stat_activity where datname = current_database()`.execute(kysely);
      return rows.map((row) => row.pid);
    };
  }
  try {
    const unit = await db.units.create({ name: 'bench', kind: 'community' });
    let event = await db.events.create(draft(unit.id, '2026-12-02T08:00', 2), NOW);
    const createMs = await time('create', 'create', async () => {
      event = await db.events.create(draft(unit.id, '2026-12-02T08:00', 2), NOW);
    });
    const page = await db.shifts.search({
      from: NOW,
      to: '2027-06-01T00:00:00Z',
      unitId: unit.id,
      limit: 500,
    });
    // One signup per person on the event's first shifts: the re-plan moves confirmed seats.
    const shifts = page.items.filter((s) => s.eventId === event.id);
    let signups = 0;
    for (let p = 0; p < people; p += 1) {
      const person = await db.people.create({
        name: `志愿者${p}`,
        unitId: unit.id,
        phone: `1390000${String(p).padStart(4, '0')}`,
        birthDate: '1990-01-01',
        tags: [],
      });
      const shift = shifts[p % shifts.length];
      if (shift === undefined) break;
      await db.signups.create(
        { shiftId: shift.id, personId: person.id, seats: 1, companions: [] },
        NOW,
      );
      signups += 1;
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from shifts where event_id = ${event.id}`.execute(kysely);
    const shiftCount = rows[0]?.n ?? 0;
    const replanMs = await time('re-plan', 'replan', () =>
      db.events.update(event.id, draft(unit.id, '2026-12-02T09:00', 2), { now: NOW }),
    );
    const capacityMs = await time('capacity', 'capacity', () =>
      db.events.update(event.id, draft(unit.id, '2026-12-02T09:00', 3), { now: NOW }),
    );
    const cancelMs = await time('cancel', 'cancel', () => db.events.cancel(event.id, 'bench', NOW));
    return { shifts: shiftCount, signups, createMs, replanMs, capacityMs, cancelMs, cpu };
  } finally {
    await drop();
  }
}
