// Signups through the real store (`db.signups.create`), one hot shift, with and without the
// group commit, to see what the design buys once the store's whole read-decide-write runs.
import { buildEventDraft } from '@rota/core';
import { createDatabase } from '../src/create-database.ts';
import type { SignupCommand } from '../src/rota-db.ts';
import { closedLoop, type LoopResult } from './lib/closed-loop.ts';
import { runSql } from './lib/throwaway-database.ts';

export type StoreMode = 'store-unbatched' | 'store-batched';

/** People loaded once per database by one SQL statement (the store's create is per person). */
const peopleCount = 40_000;
let fixture: Promise<{ unitId: string; personIds: string[] }> | undefined;

async function loadFixture(url: string): Promise<{ unitId: string; personIds: string[] }> {
  const db = await createDatabase({ url });
  try {
    const unit = await db.units.create({ name: 'Bench district', kind: 'district' });
    await runSql(
      url,
      `insert into people (id, name, unit_id, feed_key, created_at)
       select 'bench-person-' || g, 'Person ' || g, '${unit.id}', 'bench-feed-' || g, now()
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
 * One fresh hot shift (capacity 100,000) per call; `clients` concurrent callers sign up distinct
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
    const db = await createDatabase({ url, hotShiftBatching: mode === 'store-batched' });
    try {
      const now = new Date().toISOString();
      const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
      const event = await db.events.create(
        buildEventDraft({
          unitId,
          kind: 'general',
          title: `Hot shift ${mode} ${options.run}`,
          timeZone: 'UTC',
          start,
          durationMinutes: 60,
          slots: [{ key: 'seat', name: 'Seat', role: 'attendee', capacity: 100_000 }],
          status: 'published',
        }),
        now,
      );
      const occurrences = await db.events.occurrences(event.id, {
        from: now,
        to: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      const shiftId = occurrences.items[0]!.shifts[0]!.id;
      const command = (i: number): SignupCommand => ({
        shiftId,
        personId: personIds[i % personIds.length]!,
        seats: 1,
        companions: [],
      });
      const result = await closedLoop(options.clients, options.seconds, (i) =>
        db.signups.create(command(i), new Date().toISOString()),
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
