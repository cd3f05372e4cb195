// Signups through the real store (`db.signups.create`), one hot shift, with and without the
// group commit, to see what the design buys once the store's whole read-decide-write runs.

import { runSql } from '@rota/bench-kit';
import type { Kysely } from 'kysely';
import { createDatabase } from '../src/create-database.ts';
import type { SignupCommand } from '../src/rota-db.ts';
import type { Database } from '../src/schema.ts';
import { createSignupBatcher } from '../src/signups/group-commit/signup-batcher.ts';
import { signUpInTransaction } from '../src/signups/sign-up-in-transaction.ts';
import { closedLoop, type LoopResult } from './lib/closed-loop.ts';

export type StoreMode =
  | 'store: no batching'
  | 'store: group commit, savepoint per signup'
  | 'store: group commit, set-based';

/** People loaded once per database by one SQL statement (the store's create is per person). */
const peopleCount = 40_000;
let fixture: Promise<{ unitId: string; personIds: string[] }> | undefined;

async function loadFixture(url: string): Promise<{ unitId: string; personIds: string[] }> {
  const db = await createDatabase({ url });
  try {
    const unit = await db.units.create({ name: 'Bench district', kind: 'district' });
    await runSql(
      url,
      `insert into people (id, name, unit_id, created_at)
       select 'bench-person-' || g, 'Person ' || g, '${unit.id}', now()
         from generate_series(1, ${peopleCount}) g`,
    );
    return {
      unitId: unit.id,
      personIds: Array.from({ length: peopleCount }, (_, i) => `bench-person-${i + 1}`),
    };
  } finally {
    await db.close();
  }
}

/**
 * One fresh hot shift (capacity 100,000, written as rows as materialization leaves them) per call; `clients` concurrent callers sign up distinct
 * people for `seconds`. Returns undefined when the store cannot run yet.
 */
export async function runStoreSignups(
  url: string,
  mode: StoreMode,
  options: { clients: number; seconds: number; run: number },
): Promise<LoopResult | undefined> {
  try {
    fixture ??= loadFixture(url);
    const { unitId, personIds } = await fixture;
    const db = await createDatabase({ url, groupCommitSignups: mode !== 'store: no batching' });
    try {
      const shiftId = `bench-${mode}-${options.run}`;
      await runSql(
        url,
        `insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
           duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
         values ('${shiftId}', '${unitId}', 'general', 'Hot', 'UTC', '2030-01-01T09:00:00',
           '2030-01-01T09:00:00Z', 60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]',
           'published', now(), now(), now());
         insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
         values ('${shiftId}', '${shiftId}', '2030-01-01T09:00:00', '2030-01-01T09:00:00',
           '2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z');
         insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start,
           "end", local_date, capacity, max_party_size, waitlist)
         values ('${shiftId}', '${shiftId}', '${shiftId}', 'seat', 0, 'Seat', 'attendee',
           '2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z', '2030-01-01', 100000, 1, true);`,
      );
      const command = (i: number): SignupCommand => ({
        shiftId,
        personId: personIds[i % personIds.length]!,
        seats: 1,
        companions: [],
      });
      // The per-command variant: the batcher without its set-based path, as the store had it first.
      const perCommand = createSignupBatcher<SignupCommand, unknown>({
        db: (db as unknown as { kysely: Kysely<Database> }).kysely,
        run: (trx, c) => signUpInTransaction(trx, c, new Date().toISOString()),
      });
      const result = await closedLoop(options.clients, options.seconds, (i) =>
        mode === 'store: group commit, savepoint per signup'
          ? perCommand.submit(shiftId, command(i))
          : db.signups.create(command(i), new Date().toISOString()),
      );
      const shift = await db.shifts.get(shiftId);
      if (shift && shift.seatsTaken !== result.operations - result.errors) {
        throw new Error(`seats taken ${shift.seatsTaken} != successful signups`);
      }
      return result;
    } finally {
      await db.close();
    }
  } catch (error) {
    console.log(`${mode}: skipped (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

/** Shifts of the spread benchmark: request i goes to shift i mod this. */
export const spreadShiftCount = 1000;
// Coprime with the shift count: a (shift, person) pair repeats only after ~40M requests.
const spreadPeople = 39_989;
let spreadFixture: Promise<string[]> | undefined;
let spreadNext = 0;

async function loadSpreadShifts(url: string): Promise<string[]> {
  fixture ??= loadFixture(url);
  const { unitId } = await fixture;
  await runSql(
    url,
    `insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
       duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
     select 'spread-' || g, '${unitId}', 'general', 'Spread ' || g, 'UTC', '2030-01-01T09:00:00',
       '2030-01-01T09:00:00Z', 60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]',
       'published', now(), now(), now() from generate_series(1, ${spreadShiftCount}) g;
     insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
     select id, id, '2030-01-01T09:00:00', '2030-01-01T09:00:00', '2030-01-01T09:00:00Z',
       '2030-01-01T10:00:00Z' from events where id like 'spread-%';
     insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role, start,
       "end", local_date, capacity, max_party_size, waitlist)
     select id, id, id, 'seat', 0, 'Seat', 'attendee', '2030-01-01T09:00:00Z',
       '2030-01-01T10:00:00Z', '2030-01-01', 100000, 1, true from events where id like 'spread-%';
     analyze events; analyze occurrences; analyze shifts;`,
  );
  return Array.from({ length: spreadShiftCount }, (_, i) => `spread-${i + 1}`);
}

/**
 * Signups spread over 1000 shifts through the store as the server builds it (group commit
 * across shifts, one lane): what the store alone does, without HTTP, beside pgbench's spread
 * updates.
 */
export async function runStoreSpread(
  url: string,
  options: { clients: number; seconds: number },
): Promise<LoopResult> {
  spreadFixture ??= loadSpreadShifts(url);
  const shiftIds = await spreadFixture;
  const { personIds } = await fixture!;
  const db = await createDatabase({ url, migrate: false });
  try {
    const offset = spreadNext;
    const result = await closedLoop(options.clients, options.seconds, (i) =>
      db.signups.create(
        {
          shiftId: shiftIds[(offset + i) % shiftIds.length]!,
          personId: personIds[(offset + i) % spreadPeople]!,
          seats: 1,
          companions: [],
        },
        new Date().toISOString(),
      ),
    );
    spreadNext = offset + result.operations;
    if (result.errors > 0) throw new Error(`${result.errors} spread signups failed`);
    return result;
  } finally {
    await db.close();
  }
}
