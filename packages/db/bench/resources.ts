// `npm run bench -w @rota/db` (second part): resources and bookings (invariant 7), all in one run.
// 1. Publishing a weekly event with 52 occurrences through the store, with two resource requests
//    and without, interleaved; medians.
// 2. Booking throughput under contention: concurrent publications of one-off events through the
//    store, each asking for a loader (quantity large: all fit; quantity 3: most are refused),
//    beside the same publications asking for nothing.
// 3. The designs of docs/decisions/0016: a lock on the resource row and a sum (what the schema
//    does) against one row per physical item with an exclusion constraint, in raw SQL.
// BENCH_SECONDS (default 5), BENCH_RUNS (default 3), BENCH_CLIENTS (default 16),
// BENCH_PUBLISH_REPEATS (default 5).
import { createThrowawayDatabase, fmt, median, printTable, runSql } from '@rota/bench-kit';
import type { EventDraft } from '@rota/core';
import { createDatabase } from '@rota/db';
import pg from 'pg';
import { draft, slot } from '../test/fixtures/fixtures.ts';
import { closedLoop, type LoopResult } from './lib/closed-loop.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 16);
const repeats = Number(process.env.BENCH_PUBLISH_REPEATS ?? 5);
const NOW = '2026-12-01T00:00:00.000Z';

/** A published cleanup drive (the store tests' complete draft, so it follows the model). */
function event(unitId: string, overrides: Partial<EventDraft>): EventDraft {
  return draft(unitId, {
    kind: 'cleanup_drive',
    title: '清洁家园',
    durationMinutes: 180,
    slots: [
      slot({ key: 'crew', name: '清洁队员', capacity: 25, minNeeded: 20, durationMinutes: 180 }),
    ],
    ...overrides,
  });
}

const samples = new Map<string, number[][]>();
function record(name: string, values: number[]) {
  const list = samples.get(name) ?? [];
  list.push(values);
  samples.set(name, list);
}
const loop = (name: string, r: LoopResult) => record(name, [r.perSecond, r.p99Ms, r.errors]);

/** The raw-SQL designs: the row lock and sum (as migration 0060), and items + exclusion. */
const designsSchema = `
create extension if not exists btree_gist;
create table d_resources (id int primary key, quantity int not null);
create table d_bookings (id bigserial primary key, resource_id int not null references d_resources,
  quantity int not null, period tstzrange not null);
create index on d_bookings using gist (resource_id, period);
create function d_check() returns trigger language plpgsql as $$
begin
  perform 1 from d_resources r where r.id in (select resource_id from new_rows) order by r.id
    for no key update;
  if exists (select 1 from new_rows n join d_resources r on r.id = n.resource_id
    where (select max((select sum(b.quantity) from d_bookings b
             where b.resource_id = n.resource_id and b.period @> p.at))
           from (select lower(n.period) as at union
                 select lower(b.period) from d_bookings b where b.resource_id = n.resource_id
                   and b.period && n.period and lower(b.period) > lower(n.period)) p) > r.quantity)
  then raise exception 'full' using errcode = 'RT409'; end if;
  return null;
end $$;
create trigger d_check after insert on d_bookings referencing new table as new_rows
  for each statement execute function d_check();
create table d_items (id serial primary key, resource_id int not null references d_resources);
create table d_item_bookings (item_id int not null references d_items, booking bigint not null,
  period tstzrange not null, exclude using gist (item_id with =, period with &&));
insert into d_resources values (1, 3);
insert into d_items (resource_id) select 1 from generate_series(1, 3);
`;

async function runDesign(url: string, design: 'row lock + sum' | 'items + exclusion') {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  // An idle client whose database is dropped (`with (force)`, at the end or after a failure)
  // emits 'error' on the pool: unhandled, it crashed the bench after its results.
  pool.on('error', () => {});
  try {
    return await runDesignOn(pool, url, design);
  } finally {
    await pool.end();
  }
}

async function runDesignOn(
  pool: pg.Pool,
  url: string,
  design: 'row lock + sum' | 'items + exclusion',
) {
  await runSql(url, 'truncate d_bookings, d_item_bookings');
  let refused = 0;
  let seq = 0;
  const result = await closedLoop(clients, seconds, async (i) => {
    // Two-hour windows starting on the half hour over 10 days: heavy overlap on 3 units.
    const start = Date.UTC(2027, 0, 1) + ((i * 7919) % 480) * 30 * 60_000;
    const period = `[${new Date(start).toISOString()},${new Date(start + 2 * 3600_000).toISOString()})`;
    const quantity = 1 + (i % 2);
    const client = await pool.connect();
    try {
      await client.query('begin');
      if (design === 'row lock + sum') {
        await client.query(
          'insert into d_bookings (resource_id, quantity, period) values (1, $1, $2)',
          [quantity, period],
        );
      } else {
        // Pick free items; a concurrent pick of the same item fails on the constraint (retry).
        seq += 1;
        const picked = await client.query(
          `insert into d_item_bookings (item_id, booking, period)
           select i.id, $1, $2 from d_items i where i.resource_id = 1 and not exists (
             select 1 from d_item_bookings x where x.item_id = i.id and x.period && $2::tstzrange)
           order by i.id limit $3`,
          [seq, period, quantity],
        );
        if (picked.rowCount !== quantity) throw Object.assign(new Error('full'), { code: 'RT409' });
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      const code = (error as { code?: string }).code;
      if (code === 'RT409') refused += 1;
      else if (code !== '23P01') throw error;
    } finally {
      client.release();
    }
  });
  return { ...result, errors: refused };
}

const database = await createThrowawayDatabase('res');
let opened: Awaited<ReturnType<typeof createDatabase>> | undefined;
try {
  console.log(`@rota/db resources bench: ${clients} clients, ${runs} runs of ${seconds} s`);
  const db = await createDatabase({ url: database.url, horizonDays: 400, poolSize: clients });
  opened = db;
  await runSql(database.url, designsSchema);
  const unit = await db.units.create({ name: '王家园社区', kind: 'community' });
  const weekly = { rrule: 'FREQ=WEEKLY;COUNT=52', exdates: [], rdates: [] };
  let day = 0;
  for (let run = 1; run <= runs; run += 1) {
    // 1. 52 occurrences, with and without two resource requests (fresh resources each time).
    const plain: number[] = [];
    const booked: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      let started = performance.now();
      await db.events.create(event(unit.id, { recurrence: weekly }), NOW);
      plain.push(performance.now() - started);
      const truck = await db.resources.create({ unitId: unit.id, name: '铲车', quantity: 1 }, NOW);
      const loaders = await db.resources.create(
        { unitId: unit.id, name: '装载机', quantity: 3 },
        NOW,
      );
      started = performance.now();
      await db.events.create(
        event(unit.id, {
          recurrence: weekly,
          resources: [
            { resourceId: truck.id, quantity: 1, offsetMinutes: 0, durationMinutes: null },
            { resourceId: loaders.id, quantity: 3, offsetMinutes: 0, durationMinutes: null },
          ],
        }),
        NOW,
      );
      booked.push(performance.now() - started);
    }
    record('publish 52 weekly occurrences, no resources (ms)', [median(plain)]);
    record('publish 52 weekly occurrences, 2 resource requests (ms)', [median(booked)]);

    // 2. Contention: one-off publications, each on its own morning.
    const many = await db.resources.create(
      { unitId: unit.id, name: '测温枪', quantity: 100_000 },
      NOW,
    );
    const three = await db.resources.create({ unitId: unit.id, name: '装载机', quantity: 3 }, NOW);
    const oneOff =
      (resources: EventDraft['resources'], sameMorning = false) =>
      () => {
        if (!sameMorning) day += 1;
        const date = new Date(Date.UTC(2027, 0, 1) + (day % 300) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return db.events.create(event(unit.id, { start: `${date}T08:00`, resources }), NOW);
      };
    loop(
      'publish one-off, no resources (events/s, p99 ms, refused)',
      await closedLoop(clients, seconds, oneOff([])),
    );
    loop(
      'publish one-off, 1 of a resource that fits (events/s, p99 ms, refused)',
      await closedLoop(
        clients,
        seconds,
        oneOff([{ resourceId: many.id, quantity: 1, offsetMinutes: 0, durationMinutes: null }]),
      ),
    );
    loop(
      'publish one-off, 1 of 3 loaders, all the same morning (decisions/s, p99 ms, refused)',
      await closedLoop(
        clients,
        seconds,
        oneOff(
          [{ resourceId: three.id, quantity: 1, offsetMinutes: 0, durationMinutes: null }],
          true,
        ),
      ),
    );

    // 3. The designs, raw SQL.
    for (const design of ['row lock + sum', 'items + exclusion'] as const) {
      loop(
        `sql: ${design}, 3 units (decisions/s, p99 ms, refused)`,
        await runDesign(database.url, design),
      );
    }
  }
  const rows = [['measure', 'median', 'p99 ms (median)', 'refused (median)']];
  for (const [name, list] of samples) {
    const column = (i: number) =>
      list.map((values) => values[i]).filter((v): v is number => v !== undefined);
    rows.push([
      name,
      fmt(median(column(0)), 1),
      column(1).length > 0 ? fmt(median(column(1)), 1) : '',
      column(2).length > 0 ? fmt(median(column(2))) : '',
    ]);
  }
  printTable(rows);
} finally {
  // Closed before the drop, also after a failure: the drop ends every connection to it.
  await opened?.close();
  await database.drop();
}
