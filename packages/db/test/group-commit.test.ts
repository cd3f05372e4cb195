// The group commit of one shift's signups (src/signups/group-commit) under real contention: many parallel
// signups through the batcher, on PGlite (one connection: harmless) and, when DATABASE_URL is
// set, on PostgreSQL (where batches really queue on the row lock).
import { isRotaError, type Signup } from '@rota/core';
import type { RotaDb, SignupCommand } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql, type Transaction } from 'kysely';
import t from 'tap';
import type { Database } from '../src/schema.ts';
import { signUpBatchInTransaction } from '../src/signups/group-commit/sign-up-batch-in-transaction.ts';
import { createSignupBatcher, laneOf } from '../src/signups/group-commit/signup-batcher.ts';
import { signUpInTransaction } from '../src/signups/sign-up-in-transaction.ts';

const backends = process.env.DATABASE_URL
  ? (['pglite', 'postgres'] as const)
  : (['pglite'] as const);
const now = () => new Date().toISOString();
// PGlite's cold start and single connection make this file slow there; PostgreSQL repeats more.
t.setTimeout(240_000);
let shiftCounter = 0;

interface Fixture {
  db: RotaDb;
  kysely: Kysely<Database>;
  unitId: string;
  adults: string[];
  child: string;
}

async function fixture(db: RotaDb): Promise<Fixture> {
  const unit = await db.units.create({ name: '王家园社区', kind: 'community' });
  const kysely = (db as unknown as { kysely: Kysely<Database> }).kysely;
  // 200 adults in one statement (the people store is tested elsewhere).
  const { rows } = await sql<{ id: string }>`
    insert into people (name, unit_id, birth_date, created_at)
    select '居民 ' || g, ${unit.id}, '1980-01-01', now()
      from generate_series(1, 200) g order by g
    returning id`.execute(kysely);
  const adults = rows.map((row) => row.id);
  const child = await db.people.create({
    name: '小朋友',
    unitId: unit.id,
    birthDate: '2020-06-01',
  });
  return { db, kysely, unitId: unit.id, adults, child: child.id };
}

/**
 * A fresh published shift of `capacity` seats, adults only, with a waitlist. Written as rows
 * (as materialization leaves them) so that this file tests signups only.
 */
async function newShift(
  f: Fixture,
  capacity: number,
  waitlist = true,
  options: {
    role?: 'volunteer' | 'attendee';
    daysAhead?: number;
    status?: 'published' | 'draft';
  } = {},
): Promise<string> {
  shiftCounter += 1;
  const id = `hot-${shiftCounter}-${Math.random().toString(36).slice(2)}`;
  const daysAhead = options.daysAhead ?? 10 + shiftCounter;
  const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const start = `${day}T01:00:00Z`;
  const end = `${day}T02:00:00Z`;
  await sql`insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
      duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
    values (${id}, ${f.unitId}, 'vaccination_clinic', ${`接种 ${shiftCounter}`}, 'Asia/Shanghai',
      ${`${day}T09:00:00`}, ${start}, 60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}',
      '[]', ${options.status ?? 'published'}, now(), now(), now())`.execute(f.kysely);
  await sql`insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
    values (${id}, ${id}, ${`${day}T09:00:00`}, ${`${day}T09:00:00`}, ${start}, ${end})`.execute(
    f.kysely,
  );
  await sql`insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start,
      "end", local_date, capacity, min_age, max_party_size, waitlist)
    values (${id}, ${id}, ${id}, 'appointment', 0, '预约接种', ${options.role ?? 'attendee'}, ${start}, ${end},
      ${day}, ${capacity}, 18, 1, ${waitlist})`.execute(f.kysely);
  return id;
}

type Mode = 'per-command' | 'set-based';
const modes: Mode[] = ['per-command', 'set-based'];

/** A batcher as the store builds it (set-based, per-command fallback), or per-command only. */
function batcherOf(f: Fixture, mode: Mode, fail?: (command: SignupCommand) => boolean, lanes = 1) {
  return createSignupBatcher<SignupCommand, Signup>({
    db: f.kysely,
    lanes,
    runBatch:
      mode === 'set-based'
        ? (trx, commands) =>
            signUpBatchInTransaction(
              trx,
              commands.map((c) => ({ command: c, now: now() })),
            )
        : undefined,
    run: async (trx, command) => {
      const signup = await signUpInTransaction(trx, command, now());
      // A statement failing after the signup's writes: only this command's savepoint is undone.
      if (fail?.(command)) await sql`select 1 / 0`.execute(trx);
      return signup;
    },
  });
}

/** Each settled signup as its status, or the refusal's code. */
function outcomesOf(results: PromiseSettledResult<Signup>[]): string[] {
  return results.map((r) =>
    r.status === 'fulfilled' ? r.value.status : isRotaError(r.reason) ? r.reason.code : 'other',
  );
}

const command = (shiftId: string, personId: string): SignupCommand => ({
  shiftId,
  personId,
  seats: 1,
  companions: [],
});

async function shiftRows(f: Fixture, shiftId: string) {
  const { rows } = await sql<{ person_id: string; status: string; join_seq: number }>`
    select person_id, status, join_seq from signups where shift_id = ${shiftId}
    order by join_seq`.execute(f.kysely);
  const shift = await f.db.shifts.get(shiftId);
  return { rows, shift: shift! };
}

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const f = await fixture(db);

    for (const mode of modes) {
      t.test(
        `${mode}: 200 parallel signups, capacity 20: exactly 20 confirmed, the rest waitlisted in arrival order`,
        async (t) => {
          for (let round = 1; round <= (backend === 'postgres' ? 3 : 1); round += 1) {
            const shiftId = await newShift(f, 20);
            const batcher = batcherOf(f, mode);
            const results = await Promise.allSettled(
              f.adults.map((personId) => batcher.submit(shiftId, command(shiftId, personId))),
            );
            t.equal(
              results.filter((r) => r.status === 'rejected').length,
              0,
              `round ${round}: no failure`,
            );
            const signups = results.map((r) => (r as PromiseFulfilledResult<Signup>).value);
            const confirmed = signups.filter((s) => s.status === 'confirmed');
            t.equal(confirmed.length, 20, `round ${round}: exactly capacity confirmed`);
            // Arrival order is kept: the first 20 submitted hold the seats, the others queue behind.
            t.same(
              confirmed.map((s) => s.personId),
              f.adults.slice(0, 20),
              `round ${round}: the first 20 arrivals are confirmed`,
            );
            t.same(
              signups.slice(20).map((s) => s.waitlistPosition),
              Array.from({ length: 180 }, (_, i) => i + 1),
              `round ${round}: waitlist positions follow arrival`,
            );
            const { rows, shift } = await shiftRows(f, shiftId);
            t.equal(shift.seatsTaken, 20, 'seats taken = capacity, never more');
            t.equal(shift.waitlistCount, 180);
            t.same(
              rows.filter((r) => r.status === 'waitlisted').map((r) => r.person_id),
              f.adults.slice(20),
              'join order in the database = arrival order',
            );
            t.ok(
              batcher.stats().largestBatch > 1,
              `round ${round}: signups did share transactions`,
            );
            t.ok(batcher.stats().batches < 200, `round ${round}: fewer transactions than signups`);
          }
        },
      );

      t.test(`${mode}: refusals inside a batch do not touch the others`, async (t) => {
        const shiftId = await newShift(f, 5);
        const batcher = batcherOf(f, mode);
        const [a, b] = [f.adults[0]!, f.adults[1]!];
        const plan = [
          command(shiftId, a),
          command(shiftId, a), // already_signed_up: sees the first one, same transaction
          command(shiftId, f.child), // ineligible: too young
          command(shiftId, 'no-such-person'), // not_found
          { ...command(shiftId, b), seats: 2, companions: [{ name: '同伴' }] }, // party too large
          command(shiftId, b),
        ];
        const results = await Promise.allSettled(plan.map((c) => batcher.submit(shiftId, c)));
        const codes = outcomesOf(results);
        t.same(codes, [
          'confirmed',
          'already_signed_up',
          'ineligible',
          'not_found',
          'ineligible',
          'confirmed',
        ]);
        const { rows, shift } = await shiftRows(f, shiftId);
        t.same(
          rows.map((r) => [r.person_id, r.status]),
          [
            [a, 'confirmed'],
            [b, 'confirmed'],
          ],
        );
        t.equal(shift.seatsTaken, 2);
      });
    }

    t.test('a failing statement rolls back only its own savepoint', async (t) => {
      const shiftId = await newShift(f, 3);
      const failing = new Set([f.adults[1]!, f.adults[3]!]);
      const batcher = batcherOf(f, 'per-command', (c) => failing.has(c.personId));
      const people = f.adults.slice(0, 6);
      const results = await Promise.allSettled(
        people.map((personId) => batcher.submit(shiftId, command(shiftId, personId))),
      );
      t.same(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
      );
      t.match((results[1] as PromiseRejectedResult).reason, { code: '22012' }, 'division by zero');
      const { rows, shift } = await shiftRows(f, shiftId);
      // Persons 1 and 3 took a seat, then failed: their seat went back with their savepoint, so
      // 0, 2 and 4 are confirmed and 5 waits.
      t.same(
        rows.map((r) => [r.person_id, r.status]),
        [
          [people[0], 'confirmed'],
          [people[2], 'confirmed'],
          [people[4], 'confirmed'],
          [people[5], 'waitlisted'],
        ],
      );
      t.equal(shift.seatsTaken, 3);
      t.equal(shift.waitlistCount, 1);
      t.ok(batcher.stats().largestBatch > 1, 'the failures shared a transaction with the others');
    });

    t.test('set-based: the other refusals, a lone refusal, and idle()', async (t) => {
      const batcher = batcherOf(f, 'set-based');
      // A volunteer already confirmed on an overlapping volunteer shift: schedule_conflict.
      const earlier = await newShift(f, 5, true, { role: 'volunteer', daysAhead: 200 });
      const overlapping = await newShift(f, 5, true, { role: 'volunteer', daysAhead: 200 });
      const [x, y] = [f.adults[190]!, f.adults[191]!];
      t.equal((await batcher.submit(earlier, command(earlier, x))).status, 'confirmed');
      const results = await Promise.allSettled([
        batcher.submit(overlapping, command(overlapping, y)),
        batcher.submit(overlapping, command(overlapping, x)),
        batcher.submit(overlapping, command(overlapping, f.adults[192]!)),
      ]);
      t.same(outcomesOf(results), ['confirmed', 'schedule_conflict', 'confirmed']);
      const idle = batcher.idle();
      t.equal(
        await Promise.race([idle.then(() => 'idle'), 'pending']),
        'pending',
        'busy while queued',
      );
      await idle;
      // An unknown shift and a draft event's shift: every command of the batch is refused.
      const draft = await newShift(f, 5, true, { status: 'draft' });
      for (const [shiftId, code] of [
        ['no-such-shift', 'not_found'],
        [draft, 'signup_closed'],
      ] as const) {
        const refused = await Promise.allSettled(
          f.adults
            .slice(0, 3)
            .map((personId) => batcher.submit(shiftId, command(shiftId, personId))),
        );
        t.same(
          refused.map((r) =>
            r.status === 'rejected' && isRotaError(r.reason) ? r.reason.code : 'other',
          ),
          [code, code, code],
          `${code} for all`,
        );
      }
    });

    t.test(
      'set-based: one batch over many shifts keeps each shift exact and in order',
      async (t) => {
        const shiftIds: string[] = [];
        for (let i = 0; i < 8; i += 1) shiftIds.push(await newShift(f, 5));
        const batcher = batcherOf(f, 'set-based');
        // 8 shifts x 20 people, interleaved: every batch mixes shifts.
        const plan = f.adults
          .slice(0, 20)
          .flatMap((personId) => shiftIds.map((shiftId) => command(shiftId, personId)));
        const results = await Promise.all(plan.map((c) => batcher.submit(c.shiftId, c)));
        t.ok(batcher.stats().largestBatch > shiftIds.length, 'a batch held several shifts');
        t.ok(batcher.stats().batches < plan.length / 4, 'far fewer transactions than signups');
        for (const shiftId of shiftIds) {
          const mine = results.filter((signup) => signup.shiftId === shiftId);
          t.same(
            mine.filter((s) => s.status === 'confirmed').map((s) => s.personId),
            f.adults.slice(0, 5),
            `${shiftId}: the first 5 arrivals are confirmed`,
          );
          t.same(
            mine.filter((s) => s.status === 'waitlisted').map((s) => s.waitlistPosition),
            Array.from({ length: 15 }, (_, i) => i + 1),
            `${shiftId}: waitlist positions follow arrival`,
          );
          const { rows, shift } = await shiftRows(f, shiftId);
          t.equal(shift.seatsTaken, 5);
          t.equal(shift.waitlistCount, 15);
          t.same(
            rows.filter((r) => r.status === 'waitlisted').map((r) => r.person_id),
            f.adults.slice(5, 20),
            `${shiftId}: join order = arrival order`,
          );
        }
      },
    );

    t.test('a batch started while the last one commits reads what it wrote', async (t) => {
      const shiftId = await newShift(f, 3);
      const batcher = batcherOf(f, 'set-based');
      const [a, b, c, d] = f.adults.slice(190, 194) as [string, string, string, string];
      // a alone in the first batch; the second (a again, b, c, d) is queued meanwhile and
      // starts while the first commits: its lock waits for that commit, then it reads a's row.
      const first = batcher.submit(shiftId, command(shiftId, a));
      const rest = [a, b, c, d].map((p) => batcher.submit(shiftId, command(shiftId, p)));
      const results = await Promise.allSettled([first, ...rest]);
      t.same(outcomesOf(results), [
        'confirmed',
        'already_signed_up',
        'confirmed',
        'confirmed',
        'waitlisted',
      ]);
      t.equal(batcher.stats().batches, 2);
      t.equal(batcher.stats().fallbackBatches, 0, 'no batch tripped over the one before');
      const { shift } = await shiftRows(f, shiftId);
      t.equal(shift.seatsTaken, 3);
      t.equal(shift.waitlistCount, 1);
    });

    t.test('set-based: a volunteer on two overlapping shifts in one batch', async (t) => {
      const morning = await newShift(f, 5, true, { role: 'volunteer', daysAhead: 300 });
      const sameTime = await newShift(f, 5, true, { role: 'volunteer', daysAhead: 300 });
      const nextDay = await newShift(f, 5, true, { role: 'volunteer', daysAhead: 301 });
      const [x, y] = [f.adults[180]!, f.adults[181]!];
      const batcher = batcherOf(f, 'set-based');
      // The first submission runs at once, alone; the four below then share the next batch.
      const opener = batcher.submit(nextDay, command(nextDay, f.adults[182]!));
      const results = await Promise.allSettled(
        [
          command(morning, x),
          command(sameTime, x), // overlaps x's confirmed shift decided just before, same batch
          command(nextDay, x), // no overlap
          command(sameTime, y),
        ].map((c) => batcher.submit(c.shiftId, c)),
      );
      t.same(outcomesOf(results), ['confirmed', 'schedule_conflict', 'confirmed', 'confirmed']);
      t.equal((await opener).status, 'confirmed');
      t.equal(batcher.stats().fallbackBatches, 0, 'decided in memory, not by the constraint');
      t.same(
        [batcher.stats().batches, batcher.stats().largestBatch],
        [2, 4],
        'the four shared one transaction',
      );
      t.equal((await f.db.shifts.get(sameTime))!.seatsTaken, 1, 'only y holds a seat there');
    });

    t.test('a command that may not be batched runs apart, the others stay set-based', async (t) => {
      const shiftIds = [await newShift(f, 10), await newShift(f, 10)];
      const keyed = new Set([f.adults[62]!, f.adults[63]!]);
      const batcher = createSignupBatcher<SignupCommand, Signup>({
        db: f.kysely,
        run: (trx, c) => signUpInTransaction(trx, c, now()),
        runBatch: (trx, commands) =>
          signUpBatchInTransaction(
            trx,
            commands.map((c) => ({ command: c, now: now() })),
          ),
        batchable: (c) => !keyed.has(c.personId),
      });
      const opener = batcher.submit(shiftIds[0]!, command(shiftIds[0]!, f.adults[60]!));
      // Queued while the opener runs: 3 set-based, 2 not, 3 set-based, in that order.
      const people = f.adults.slice(64, 67).concat([...keyed], f.adults.slice(67, 70));
      const results = await Promise.all(
        people.map((personId, i) => {
          const shiftId = shiftIds[i % 2]!;
          return batcher.submit(shiftId, command(shiftId, personId));
        }),
      );
      await opener;
      t.same(
        results.map((s) => s.status),
        people.map(() => 'confirmed'),
      );
      t.same(
        [batcher.stats().batches, batcher.stats().largestBatch, batcher.stats().fallbackBatches],
        [4, 3, 0],
        'opener, then runs of 3, 2 and 3: no fallback, order kept',
      );
      const joined = await sql<{ person_id: string }>`select person_id from signups
        where shift_id = any(${shiftIds}::text[]) and person_id = any(${people}::text[])
        order by join_seq`.execute(f.kysely);
      t.same(
        joined.rows.map((r) => r.person_id),
        people,
        'join order = arrival order across the runs',
      );
    });

    t.test(
      'the next batch starts once the last one is committing, never before; answers follow commits',
      async (t) => {
        const events: string[] = [];
        let batches = 0;
        let transactions = 0;
        // The database as the batcher sees it, noting when each transaction is asked for and
        // when it has committed.
        const db = {
          transaction: () => ({
            execute: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
              transactions += 1;
              const n = transactions;
              events.push(`begin ${n}`);
              const value = await f.kysely.transaction().execute(work);
              events.push(`committed ${n}`);
              return value;
            },
          }),
        } as unknown as Kysely<Database>;
        const batcher = createSignupBatcher<string, string>({
          db,
          run: async () => 'unused',
          runBatch: async (trx, commands) => {
            batches += 1;
            const n = batches;
            events.push(`start ${n}`);
            await sql`select 1`.execute(trx);
            events.push(`end ${n}`);
            return commands.map((value) => ({ ok: true, value }));
          },
        });
        const answers = ['a', 'b', 'c'].map((c) =>
          batcher.submit('shift', c).then((value) => events.push(`answer ${value}`)),
        );
        await Promise.all(answers);
        await batcher.idle();
        const at = (event: string) => {
          const index = events.indexOf(event);
          t.not(index, -1, `${event} happened`);
          return index;
        };
        // a alone in batch 1; b and c queued meanwhile, in batch 2, whose transaction is asked
        // for once batch 1's statements are done (its COMMIT under way): in PostgreSQL its locks
        // then wait for that commit. Every answer comes after its own batch committed.
        t.equal(batches, 2);
        t.ok(at('begin 2') > at('end 1'), 'batch 2 begins only after batch 1 is committing');
        t.ok(at('start 2') > at('end 1'));
        t.ok(at('answer a') > at('committed 1'), 'a answered after its commit');
        t.ok(at('answer b') > at('committed 2'), 'b answered after its commit');
        t.ok(at('answer c') > at('committed 2'), 'c answered after its commit');
        t.ok(at('answer b') > at('answer a'), 'answers in order of the batches');
      },
    );

    t.test('lanes: a shift always takes the same lane; ids spread over the lanes', async (t) => {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 4000; i += 1) counts[laneOf(`shift-${i}`, 4)]! += 1;
      for (const count of counts) t.ok(count > 800 && count < 1200, `lane share ${count} of 4000`);
      t.equal(laneOf('abc', 4), laneOf('abc', 4));
      t.equal(laneOf('abc', 1), 0);
    });

    t.test(
      'two processes, crossing shifts, several lanes: no deadlock, every shift exact',
      async (t) => {
        const shiftIds: string[] = [];
        for (let i = 0; i < 6; i += 1) shiftIds.push(await newShift(f, 10));
        // Two batchers stand for two API processes; each takes the shifts in its own order.
        const first = batcherOf(f, 'set-based', undefined, 2);
        const second = batcherOf(f, 'set-based', undefined, 3);
        const people = f.adults.slice(20, 60);
        const submissions = people.flatMap((personId, i) => {
          const order = i % 2 === 0 ? shiftIds : [...shiftIds].reverse();
          const batcher = i % 2 === 0 ? first : second;
          return order.map((shiftId) => batcher.submit(shiftId, command(shiftId, personId)));
        });
        const results = await Promise.allSettled(submissions);
        t.equal(
          results.filter((r) => r.status === 'rejected').length,
          0,
          'every signup answered without error',
        );
        for (const shiftId of shiftIds) {
          const { rows, shift } = await shiftRows(f, shiftId);
          t.equal(shift.seatsTaken, 10, 'exactly capacity confirmed');
          t.equal(shift.waitlistCount, 30);
          t.equal(rows.length, 40);
          t.same(
            rows.filter((r) => r.status === 'waitlisted').map((r) => r.join_seq),
            rows
              .filter((r) => r.status === 'waitlisted')
              .map((r) => r.join_seq)
              .sort((a, b) => a - b),
            'waitlist in join order',
          );
        }
      },
    );

    t.test('a set-based batch that fails is undone and re-run command by command', async (t) => {
      const shiftId = await newShift(f, 3);
      const batcher = createSignupBatcher<SignupCommand, Signup>({
        db: f.kysely,
        run: (trx, c) => signUpInTransaction(trx, c, now()),
        runBatch: async (trx, commands) => {
          await signUpBatchInTransaction(
            trx,
            commands.map((c) => ({ command: c, now: now() })),
          );
          throw Object.assign(new Error('exclusion'), { code: '23P01' });
        },
      });
      const people = f.adults.slice(0, 5);
      const results = await Promise.all(
        people.map((personId) => batcher.submit(shiftId, command(shiftId, personId))),
      );
      t.same(
        results.map((s) => s.status),
        ['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted'],
      );
      t.ok(batcher.stats().fallbackBatches >= 1, 'the set-based attempt fell back');
      const { rows, shift } = await shiftRows(f, shiftId);
      t.equal(rows.length, 5, 'the failed attempt left no row behind');
      t.equal(shift.seatsTaken, 3);
      t.equal(shift.waitlistCount, 2);
    });

    t.test('a batch aborted as a whole (deadlock) is re-run one command at a time', async (t) => {
      const shiftId = await newShift(f, 10);
      let aborts = 0;
      const batcher = createSignupBatcher<SignupCommand, Signup>({
        db: f.kysely,
        lock: async () => {
          if (aborts === 0) {
            aborts += 1;
            throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
          }
        },
        run: (trx, c) => signUpInTransaction(trx, c, now()),
      });
      const results = await Promise.all(
        f.adults.slice(0, 4).map((personId) => batcher.submit(shiftId, command(shiftId, personId))),
      );
      t.same(
        results.map((s) => s.status),
        ['confirmed', 'confirmed', 'confirmed', 'confirmed'],
      );
      t.equal(batcher.stats().retriedBatches, 1);
      t.equal((await f.db.shifts.get(shiftId))!.seatsTaken, 4);
    });

    t.test('through the store: parallel signups, sold out, idempotent retries', async (t) => {
      const shiftId = await newShift(f, 20, false);
      const people = f.adults.slice(0, 100);
      const results = await Promise.allSettled(
        people.map((personId) => db.signups.create(command(shiftId, personId), now())),
      );
      const confirmed = results.filter((r) => r.status === 'fulfilled');
      const full = results.filter(
        (r) => r.status === 'rejected' && isRotaError(r.reason, 'shift_full'),
      );
      t.equal(confirmed.length, 20, 'exactly capacity confirmed');
      t.equal(full.length, 80, 'every other answer is shift_full');
      t.equal((await db.shifts.get(shiftId))!.seatsTaken, 20);

      // The same key and body sent 30 times at once: one signup, the same answer for all.
      const idempotentShift = await newShift(f, 5);
      const person = f.adults[150]!;
      const retries = await Promise.all(
        Array.from({ length: 30 }, () =>
          db.signups
            .create(command(idempotentShift, person), now(), {
              idempotency: { scope: 'token-1', key: 'key-1', requestHash: 'hash-1' },
            })
            .then(
              (signup) => signup.id,
              (error: unknown) => (isRotaError(error) ? error.code : String(error)),
            ),
        ),
      );
      const { rows } = await shiftRows(f, idempotentShift);
      t.equal(rows.length, 1, 'one signup written');
      t.same(
        [...new Set(retries)],
        [await idOf(f, idempotentShift)],
        'every answer names that one signup (first or replayed)',
      );
    });
  });
}

async function idOf(f: Fixture, shiftId: string): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`select id from signups where shift_id = ${shiftId}`.execute(f.kysely);
  return rows[0]!.id;
}
