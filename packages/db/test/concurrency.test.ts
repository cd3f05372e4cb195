// Invariants under real concurrency: many pooled connections to PostgreSQL at once. PGlite has
// one connection, so these run on PostgreSQL only (DATABASE_URL; CI sets it).
import { isRotaError, type Signup } from '@rota/core';
import { createDatabase, type RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { migrationProvider } from '../src/migrations/migrations.ts';
import { draft, kyselyOf, NOW, person, seedUnits, slot } from './fixtures/fixtures.ts';

const ROUNDS = Number(process.env.ROTA_CONCURRENCY_ROUNDS ?? 50);

/** Counts a shift's signups from rows, never from the shift's counters. */
async function counted(db: RotaDb, shiftId: string) {
  const { rows } = await sql<{
    confirmed_seats: number;
    confirmed: number;
    waitlisted: number;
    seats_taken: number;
    waitlist_count: number;
    capacity: number;
    min_waitlisted_seats: number | null;
  }>`
    select
      coalesce(sum(g.seats) filter (where g.status = 'confirmed'), 0)::int as confirmed_seats,
      count(*) filter (where g.status = 'confirmed')::int as confirmed,
      count(*) filter (where g.status = 'waitlisted')::int as waitlisted,
      min(g.seats) filter (where g.status = 'waitlisted') as min_waitlisted_seats,
      s.seats_taken, s.waitlist_count, s.capacity
    from shifts s left join signups g on g.shift_id = s.id
    where s.id = ${shiftId}
    group by s.id`.execute(kyselyOf(db));
  return rows[0]!;
}

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  const started = Date.now();
  const { db, drop } = await createTestDatabase({ backend: 'postgres', poolSize: 40 });
  t.teardown(drop);
  const units = await seedUnits(db);
  const timings: Record<string, number> = {};

  t.test('two processes migrating one empty database at once: one set of migrations', async (t) => {
    const name = `rota_t_mig_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    t.teardown(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const target = new URL(process.env.DATABASE_URL ?? '');
    target.pathname = `/${name}`;
    const a = await createDatabase({ url: target.toString(), poolSize: 2, migrate: false });
    const b = await createDatabase({ url: target.toString(), poolSize: 2, migrate: false });
    await Promise.all([a.migrate(), b.migrate(), a.migrate(), b.migrate()]);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from kysely_migration`.execute(kyselyOf(a));
    t.equal(rows[0]?.n, Object.keys(await migrationProvider.getMigrations()).length);
    t.ok(await b.units.create({ name: '区', kind: 'district' }), 'the schema is usable');
    await a.close();
    await b.close();
  });

  t.test(`200 parallel signups on capacity 20, ${ROUNDS} rounds`, async (t) => {
    const people = [];
    for (let i = 0; i < 200; i++) people.push(await person(db, units.community.id));
    // One shift a day: a volunteer's shifts on different days never overlap.
    const event = await db.events.create(
      draft(units.community.id, {
        start: '2026-12-02T08:00',
        recurrence: { rrule: `FREQ=DAILY;COUNT=${ROUNDS}`, exdates: [], rdates: [] },
        slots: [slot({ key: 'crew', capacity: 20 })],
      }),
      NOW,
    );
    const occurrences = await db.events.occurrences(event.id, {
      from: NOW,
      to: '2027-06-01T00:00:00Z',
      limit: 500,
    });
    t.equal(occurrences.items.length, ROUNDS);
    const begin = Date.now();
    let failures = 0;
    for (const occurrence of occurrences.items) {
      const shiftId = occurrence.shifts[0]!.id;
      const results = await Promise.all(
        people.map((p) =>
          db.signups.create({ shiftId, personId: p.id, seats: 1, companions: [] }, NOW),
        ),
      );
      const confirmed = results.filter((s) => s.status === 'confirmed');
      const waitlisted = results.filter((s) => s.status === 'waitlisted');
      const rows = await counted(db, shiftId);
      // The waitlist order is the join order the database gave them.
      const order = await sql<{ id: string }>`
        select id from signups where shift_id = ${shiftId} and status = 'waitlisted'
        order by join_seq`.execute(kyselyOf(db));
      const byId = new Map<string, Signup>(waitlisted.map((s) => [s.id, s]));
      const positions = order.rows.map((row) => byId.get(row.id)?.waitlistPosition);
      const ok =
        confirmed.length === 20 &&
        waitlisted.length === 180 &&
        rows.confirmed === 20 &&
        rows.seats_taken === 20 &&
        rows.waitlisted === 180 &&
        rows.waitlist_count === 180 &&
        positions.every((position, i) => position === i + 1);
      if (!ok) {
        failures++;
        t.fail('round broke an invariant', { confirmed: confirmed.length, rows, positions });
      }
    }
    timings.parallelSignups = Date.now() - begin;
    t.equal(failures, 0, `${ROUNDS} rounds: 20 confirmed, 180 waitlisted at positions 1..180`);
  });

  t.test('one person on two overlapping shifts at once: exactly one confirmed', async (t) => {
    const begin = Date.now();
    const rounds = 20;
    let confirmedTotal = 0;
    for (let i = 0; i < rounds; i++) {
      const start = `2027-02-${String(i + 1).padStart(2, '0')}T08:00`;
      const a = await db.events.create(draft(units.community.id, { start }), NOW);
      const b = await db.events.create(
        draft(units.other.id, { start: start.replace('08:00', '09:00') }),
        NOW,
      );
      const shiftOf = async (eventId: string) =>
        (await db.events.occurrences(eventId, { from: NOW, to: '2027-06-01T00:00:00Z' })).items[0]!
          .shifts[0]!.id;
      const p = await person(db, units.community.id);
      const results = await Promise.allSettled(
        [await shiftOf(a.id), await shiftOf(b.id)].map((shiftId) =>
          db.signups.create({ shiftId, personId: p.id, seats: 1, companions: [] }, NOW),
        ),
      );
      const confirmed = results.filter(
        (r) => r.status === 'fulfilled' && r.value.status === 'confirmed',
      );
      const conflicts = results.filter(
        (r) => r.status === 'rejected' && isRotaError(r.reason, 'schedule_conflict'),
      );
      if (confirmed.length === 1 && conflicts.length === 1) confirmedTotal++;
      else {
        t.fail(`round ${i}`, {
          results: results.map((r) =>
            r.status === 'fulfilled' ? r.value.status : String((r as PromiseRejectedResult).reason),
          ),
        });
      }
    }
    timings.doubleBooking = Date.now() - begin;
    t.equal(confirmedTotal, rounds, 'every round: one confirmed, one schedule_conflict');
  });

  t.test('one person twice on one shift at once: one signup, one already_signed_up', async (t) => {
    const event = await db.events.create(
      draft(units.community.id, {
        start: '2027-03-02T08:00',
        slots: [slot({ key: 'crew', capacity: 100 })],
      }),
      NOW,
    );
    const shiftId = (
      await db.events.occurrences(event.id, { from: NOW, to: '2027-06-01T00:00:00Z' })
    ).items[0]!.shifts[0]!.id;
    let good = 0;
    for (let round = 0; round < 20; round++) {
      const p = await person(db, units.community.id);
      const results = await Promise.allSettled(
        [0, 1].map(() =>
          db.signups.create({ shiftId, personId: p.id, seats: 1, companions: [] }, NOW),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const duplicate = results.filter(
        (r) => r.status === 'rejected' && isRotaError(r.reason, 'already_signed_up'),
      ).length;
      if (ok === 1 && duplicate === 1) good++;
    }
    t.equal(good, 20, 'every round: exactly one signup');
    t.equal((await db.shifts.get(shiftId))?.seatsTaken, 20);
  });

  t.test('10 parallel requests with one idempotency key: one signup, one answer', async (t) => {
    const begin = Date.now();
    const event = await db.events.create(
      draft(units.community.id, {
        start: '2027-03-01T08:00',
        slots: [slot({ key: 'crew', capacity: 100 })],
      }),
      NOW,
    );
    const shiftId = (
      await db.events.occurrences(event.id, { from: NOW, to: '2027-06-01T00:00:00Z' })
    ).items[0]!.shifts[0]!.id;
    for (let round = 0; round < 10; round++) {
      const p = await person(db, units.community.id);
      const idempotency = { scope: `token-${round}`, key: 'k', requestHash: 'h' };
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          db.signups.create({ shiftId, personId: p.id, seats: 1, companions: [] }, NOW, {
            idempotency,
          }),
        ),
      );
      const distinct = new Set(results.map((r) => JSON.stringify(r)));
      const rows = await sql<{ n: number }>`
        select count(*)::int as n from signups where person_id = ${p.id}`.execute(kyselyOf(db));
      t.equal(distinct.size, 1, `round ${round}: identical answers`);
      t.equal(rows.rows[0]?.n, 1, `round ${round}: one signup`);
    }
    timings.idempotency = Date.now() - begin;
  });

  t.test('cancels racing signups and capacity changes: invariants after every round', async (t) => {
    const begin = Date.now();
    const rounds = 20;
    let broken = 0;
    for (let round = 0; round < rounds; round++) {
      const event = await db.events.create(
        draft(units.community.id, {
          start: `2027-04-${String(round + 1).padStart(2, '0')}T08:00`,
          slots: [slot({ key: 'seat', role: 'attendee', capacity: 10, maxPartySize: 3 })],
        }),
        NOW,
      );
      const shiftId = (
        await db.events.occurrences(event.id, { from: NOW, to: '2027-06-01T00:00:00Z' })
      ).items[0]!.shifts[0]!.id;
      const people = [];
      for (let i = 0; i < 40; i++) people.push(await person(db, units.community.id));
      const party = (i: number) => 1 + ((i * 7 + round) % 3);
      const first = await Promise.all(
        people.slice(0, 20).map((p, i) =>
          db.signups.create(
            {
              shiftId,
              personId: p.id,
              seats: party(i),
              companions: Array.from({ length: party(i) - 1 }, (_, k) => ({ name: `c${k}` })),
            },
            NOW,
          ),
        ),
      );
      const ops: Promise<unknown>[] = [];
      people.slice(20).forEach((p, i) => {
        ops.push(
          db.signups.create(
            {
              shiftId,
              personId: p.id,
              seats: party(i + 20),
              companions: Array.from({ length: party(i + 20) - 1 }, (_, k) => ({ name: `c${k}` })),
            },
            NOW,
          ),
        );
      });
      first.forEach((s, i) => {
        if (i % 2 === 0) ops.push(db.signups.cancel(s.id, 'cancelled_by_person', NOW));
      });
      for (const capacity of [12, 8, 15, 6, 20])
        ops.push(db.shifts.setCapacity(shiftId, capacity, NOW));
      const settled = await Promise.allSettled(ops);
      const unexpected = settled.filter(
        (r) =>
          r.status === 'rejected' &&
          !isRotaError(r.reason, 'capacity_below_taken') &&
          !isRotaError(r.reason, 'shift_full'),
      );
      const rows = await counted(db, shiftId);
      const free = rows.capacity - rows.seats_taken;
      const ok =
        unexpected.length === 0 &&
        rows.confirmed_seats === rows.seats_taken &&
        rows.seats_taken <= rows.capacity &&
        rows.waitlisted === rows.waitlist_count &&
        (rows.min_waitlisted_seats === null || rows.min_waitlisted_seats > free);
      if (!ok) {
        broken++;
        t.fail(`round ${round}`, {
          rows,
          unexpected: unexpected.map((r) => String((r as PromiseRejectedResult).reason)),
        });
      }
    }
    timings.races = Date.now() - begin;
    t.equal(
      broken,
      0,
      `${rounds} rounds: seats = confirmed rows <= capacity, waitlist counted, nobody who fits left waiting`,
    );
  });

  t.teardown(() => {
    console.log(
      `# concurrency timings (ms): ${JSON.stringify({ ...timings, total: Date.now() - started })}`,
    );
  });
}
