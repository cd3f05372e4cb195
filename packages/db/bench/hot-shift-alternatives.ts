// The hot-shift designs compared at the SQL level, without HTTP or the real stores, so that the
// design itself is measured: one locked counter row per signup (what the raw baseline does),
// the same with a group commit of concurrent signups, and capacity split over several rows
// claimed with FOR UPDATE SKIP LOCKED.

import { runSql } from '@rota/bench-kit';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { createSignupBatcher } from '../src/signups/group-commit/signup-batcher.ts';
import { closedLoop, type LoopResult } from './lib/closed-loop.ts';

/** Ten split rows per shift: more rows, more parallel commits, more empty-handed retries. */
const splitRows = 10;

/** The schema of this comparison (its own tables, in its own throwaway database). */
export async function createAlternativesSchema(url: string): Promise<void> {
  await runSql(
    url,
    `drop table if exists alt_signup, alt_shift, alt_shift_part;
     create table alt_shift (id int primary key, capacity int not null, taken int not null default 0);
     create table alt_shift_part (shift_id int not null, part int not null, capacity int not null,
       taken int not null default 0, primary key (shift_id, part));
     create table alt_signup (id bigserial primary key, shift_id int not null, person_id int not null,
       status text not null, created_at timestamptz not null default now(),
       unique (shift_id, person_id));`,
  );
}

async function resetShift(url: string, shiftId: number, capacity: number): Promise<void> {
  await runSql(
    url,
    `delete from alt_signup where shift_id = ${shiftId};
     delete from alt_shift where id = ${shiftId};
     delete from alt_shift_part where shift_id = ${shiftId};
     insert into alt_shift values (${shiftId}, ${capacity}, 0);
     insert into alt_shift_part select ${shiftId}, g, ${Math.ceil(capacity / splitRows)}, 0
       from generate_series(1, ${splitRows}) g;`,
  );
}

interface Command {
  shiftId: number;
  personId: number;
}

// One signup as the store does it: lock the shift, decide, insert, count.
// biome-ignore lint/suspicious/noExplicitAny: the comparison's own tables
async function signUpLocked(trx: Transaction<any>, command: Command): Promise<string> {
  const shift = await sql<{ capacity: number; taken: number }>`
    select capacity, taken from alt_shift where id = ${command.shiftId} for update`.execute(trx);
  const row = shift.rows[0]!;
  const status = row.taken + 1 <= row.capacity ? 'confirmed' : 'waitlisted';
  await sql`insert into alt_signup (shift_id, person_id, status)
    values (${command.shiftId}, ${command.personId}, ${status})`.execute(trx);
  if (status === 'confirmed') {
    await sql`update alt_shift set taken = taken + 1 where id = ${command.shiftId}`.execute(trx);
  }
  return status;
}

// One signup on split rows: claim any part with room that no one else holds right now.
// biome-ignore lint/suspicious/noExplicitAny: the comparison's own tables
async function signUpSplit(trx: Transaction<any>, command: Command): Promise<string> {
  const part = await sql<{ part: number }>`
    select part from alt_shift_part where shift_id = ${command.shiftId} and taken < capacity
      limit 1 for update skip locked`.execute(trx);
  const claimed = part.rows[0];
  // With every part locked or full, a real design must wait or re-check; the waitlist then
  // needs its own lock, which is where its fairness gets hard.
  const status = claimed ? 'confirmed' : 'waitlisted';
  await sql`insert into alt_signup (shift_id, person_id, status)
    values (${command.shiftId}, ${command.personId}, ${status})`.execute(trx);
  if (claimed) {
    await sql`update alt_shift_part set taken = taken + 1
      where shift_id = ${command.shiftId} and part = ${claimed.part}`.execute(trx);
  }
  return status;
}

// A whole batch at once: lock, decide in memory, one INSERT, one UPDATE.
async function signUpSet(
  // biome-ignore lint/suspicious/noExplicitAny: the comparison's own tables
  trx: Transaction<any>,
  commands: Command[],
): Promise<{ ok: true; value: string }[]> {
  const shiftId = commands[0]!.shiftId;
  const shift = await sql<{ capacity: number; taken: number }>`
    select capacity, taken from alt_shift where id = ${shiftId} for update`.execute(trx);
  let taken = shift.rows[0]!.taken;
  const statuses = commands.map(() => {
    const fits = taken + 1 <= shift.rows[0]!.capacity;
    if (fits) taken += 1;
    return fits ? 'confirmed' : 'waitlisted';
  });
  await trx
    .insertInto('alt_signup')
    .values(
      commands.map((c, i) => ({ shift_id: shiftId, person_id: c.personId, status: statuses[i] })),
    )
    .execute();
  await sql`update alt_shift set taken = ${taken} where id = ${shiftId}`.execute(trx);
  return statuses.map((value) => ({ ok: true, value }));
}

export type Alternative = 'locked-row' | 'group-commit' | 'group-commit-set' | 'split-rows';

/** Runs one alternative for `seconds` at `clients` concurrent callers; returns signups/s. */
export async function runAlternative(
  url: string,
  alternative: Alternative,
  options: { clients: number; seconds: number; shiftId: number },
): Promise<LoopResult> {
  await resetShift(url, options.shiftId, 1_000_000_000);
  // biome-ignore lint/suspicious/noExplicitAny: the comparison's own tables
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 20 }) }),
  });
  try {
    const batcher = createSignupBatcher<Command, string>({
      db,
      run: signUpLocked,
      runBatch:
        alternative === 'group-commit-set'
          ? (trx, commands) => signUpSet(trx, commands)
          : undefined,
    });
    const operation =
      alternative === 'group-commit' || alternative === 'group-commit-set'
        ? (i: number) =>
            batcher.submit(String(options.shiftId), { shiftId: options.shiftId, personId: i })
        : (i: number) =>
            db.transaction().execute((trx) =>
              (alternative === 'split-rows' ? signUpSplit : signUpLocked)(trx, {
                shiftId: options.shiftId,
                personId: i,
              }),
            );
    return await closedLoop(options.clients, options.seconds, operation);
  } finally {
    await db.destroy();
  }
}
