// `node bench/notifications.ts` (part of `npm run bench -w @rota/api`): what notifications cost
// and how fast they drain, on a throwaway PostgreSQL database.
// 1. Signups through the store (group commit, one hot shift, BENCH_CLIENTS loops for
//    BENCH_SECONDS), with the outbox and without it, interleaved, BENCH_RUNS times: the outbox's
//    cost on the signup path.
// 2. BENCH_REMINDERS (10,000) reminders due in the same minute: the workers (in this process)
//    sweep them, fan them out and send each as an SMS to a local HTTP gateway; time from the
//    due instant until the last arrives, and the p99 lateness of arrivals.
import {
  createThrowawayDatabase,
  fmt,
  median,
  percentile,
  printTable,
  runSql,
} from '@rota/bench-kit';
import { createDatabase, type RotaDb } from '@rota/db';
import pg from 'pg';
import { smsGatewayChannel } from '../src/notifications/channels.ts';
import { startWorkers } from '../src/notifications/start-workers.ts';
import { startReceiver } from '../test/notifications/receivers.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 64);
const reminders = Number(process.env.BENCH_REMINDERS ?? 10_000);
const only = new Set((process.env.BENCH_NOTIFICATIONS ?? 'signups,reminders').split(','));

/** A zone whose local hour is 09-19 now, so that the SMS are not held for quiet hours. */
function daytimeZone(): string {
  for (const zone of [
    'UTC',
    'Asia/Shanghai',
    'Australia/Sydney',
    'America/New_York',
    'Europe/Berlin',
    'Pacific/Auckland',
    'America/Los_Angeles',
    'Asia/Kolkata',
  ]) {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: zone,
      }).format(new Date()),
    );
    if (hour >= 9 && hour <= 19) return zone;
  }
  return 'UTC';
}

async function seedPeople(url: string, unitId: string, count: number, prefix: string) {
  await runSql(
    url,
    `insert into people (id, name, unit_id, phone, created_at)
     select '${prefix}' || g, 'Person ' || g, '${unitId}', '+86138' || lpad(g::text, 8, '0'),
       now()
     from generate_series(1, ${count}) g`,
  );
}

async function hotShift(url: string, unitId: string, id: string, zone: string, startSql: string) {
  await runSql(
    url,
    `insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
       duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
     values ('${id}', '${unitId}', 'general', '疫苗接种点', '${zone}', '2030-01-01T09:00:00',
       ${startSql}, 60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]',
       'published', now(), now(), now());
     insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
     values ('${id}', '${id}', '2030-01-01T09:00:00', '2030-01-01T09:00:00', ${startSql},
       ${startSql} + interval '1 hour');
     insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start,
       "end", local_date, capacity, max_party_size, waitlist)
     values ('${id}', '${id}', '${id}', 'seat', 0, '接种', 'attendee', ${startSql},
       ${startSql} + interval '1 hour', '2030-01-01', 1000000, 1, true);`,
  );
}

/** Closed loop: `clients` loops sign distinct people up for `seconds`; signups per second. */
async function signupLoop(db: RotaDb, shiftId: string, people: string[]): Promise<number> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const personId = people[next++ % people.length]!;
        await db.signups.create(
          { shiftId, personId, seats: 1, companions: [] },
          new Date().toISOString(),
        );
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

const database = await createThrowawayDatabase('notifications');
const rows: string[][] = [['notifications', 'figure']];
try {
  const setup = await createDatabase({ url: database.url });
  const unit = await setup.units.create({ name: 'Bench district', kind: 'district' });
  await setup.close();

  // 1. The outbox's cost on the group-commit signup path.
  if (only.has('signups')) await outboxCost(unit.id);
  if (only.has('reminders')) await drainReminders(unit.id);
  console.log('');
  printTable(rows);
} finally {
  await database.drop();
}

async function outboxCost(unitId: string) {
  const perRun = clients * seconds * 400;
  await seedPeople(database.url, unitId, perRun * runs * 2, 'sp-');
  const withOutbox: number[] = [];
  const without: number[] = [];
  let offset = 0;
  for (let run = 1; run <= runs; run++) {
    for (const outbox of [true, false]) {
      const db = await createDatabase({ url: database.url, outbox, groupCommitSignups: true });
      const shiftId = `hot-${run}-${outbox}`;
      await hotShift(database.url, unitId, shiftId, 'UTC', `'2030-01-01T09:00:00Z'::timestamptz`);
      const people = Array.from({ length: perRun }, (_, i) => `sp-${offset + i + 1}`);
      offset += perRun;
      const rate = await signupLoop(db, shiftId, people);
      (outbox ? withOutbox : without).push(rate);
      await db.close();
    }
    console.log(
      `signup run ${run}/${runs}: with ${fmt(withOutbox.at(-1)!)} /s, without ${fmt(without.at(-1)!)} /s`,
    );
  }
  const on = median(withOutbox);
  const off = median(without);
  rows.push([
    `signups/s, group commit, ${clients} clients, with the outbox (median of ${runs})`,
    fmt(on),
  ]);
  rows.push(['signups/s, the same without the outbox', fmt(off)]);
  rows.push(['the outbox costs', `${fmt((1 - on / off) * 100, 1)} %`]);
}

/** Reminders due in the same minute, drained through the SMS channel to a local gateway. */
async function drainReminders(unitId: string) {
  const zone = daytimeZone();
  const arrivals: number[] = [];
  const gateway = await startReceiver(() => {
    arrivals.push(Date.now());
    return { status: 200 };
  });
  await seedPeople(database.url, unitId, reminders, 'rp-');
  await hotShift(database.url, unitId, 'reminded', zone, `now() + interval '3 hours'`);
  await runSql(
    database.url,
    `insert into notification_preferences (person_id, channels, language)
       select 'rp-' || g, '{inbox,sms}', 'zh-CN' from generate_series(1, ${reminders}) g;
     insert into signups (id, shift_id, person_id, seats, status, role, period, created_at)
       select 'rs-' || g, 'reminded', 'rp-' || g, 1, 'confirmed', 'attendee',
         tstzrange(now() + interval '3 hours', now() + interval '4 hours', '[)'), now()
       from generate_series(1, ${reminders}) g;
     update shifts set seats_taken = ${reminders} where id = 'reminded';
     insert into reminders (signup_id, kind, shift_start, due_at)
       select 'rs-' || g, 'hours_before_2', s.start, date_trunc('second', now()) + interval '8 seconds'
       from generate_series(1, ${reminders}) g, shifts s where s.id = 'reminded';`,
  );
  const db = await createDatabase({ url: database.url, poolSize: 20 });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const due = await client.query<{ due: Date }>('select min(due_at) as due from reminders');
  await client.end();
  const dueMs = new Date(due.rows[0]!.due).getTime();
  const workers = await startWorkers(db, {
    allowPrivate: true,
    tickMs: 200,
    pollingIntervalSeconds: 0.5,
    sendConcurrency: 16,
    channels: [smsGatewayChannel({ url: `${gateway.url}/sms` })],
  });
  console.log(`${reminders} reminders due at ${new Date(dueMs).toISOString()} (${zone}); waiting`);
  const progress = new pg.Client({ connectionString: database.url });
  await progress.connect();
  let tick = 0;
  while (arrivals.length < reminders) {
    if (++tick % 10 === 0) {
      const { rows: p } = await progress.query(`select
        (select count(*) from reminders where sent_at is null) as due,
        (select count(*) from outbox where dispatched_at is null) as outbox,
        (select count(*) from notification_sends where status = 'pending') as sends`);
      console.log(
        `+${((Date.now() - dueMs) / 1000).toFixed(1)} s: reminders ${p[0].due}, outbox ${p[0].outbox}, sends pending ${p[0].sends}, arrived ${arrivals.length}`,
      );
    }
    if (Date.now() > dueMs + 15 * 60_000) throw new Error(`only ${arrivals.length} arrived`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await progress.end();
  await workers.stop();
  await db.close();
  await gateway.close();
  const lateness = arrivals.map((at) => at - dueMs);
  rows.push([
    `${reminders} reminders due in one minute: time to drain (SMS to a local gateway)`,
    `${fmt(Math.max(...lateness) / 1000, 1)} s`,
  ]);
  rows.push([
    'lateness p50 / p99',
    `${fmt(percentile(lateness, 50) / 1000, 1)} s / ${fmt(percentile(lateness, 99) / 1000, 1)} s`,
  ]);
  rows.push(['drain rate', `${fmt(reminders / (Math.max(...lateness) / 1000))} /s`]);
}
