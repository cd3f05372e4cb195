// Invariant 7 under real concurrency, on PostgreSQL only (PGlite has one connection): rounds of
// parallel publications competing for three loaders in overlapping windows, with occurrence
// moves and quantity changes racing them, through two separate pools (two "API processes").
// After every round one SQL query checks every booking: at no instant is more booked than the
// resource's quantity; and every refused request is checked to have written nothing.
import { isRotaError, type Occurrence } from '@rota/core';
import { createDatabase, type RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t from 'tap';
import { draft, kyselyOf, NOW, seedUnits, wholeOccurrence } from './fixtures/fixtures.ts';

const ROUNDS = Number(process.env.ROTA_RESOURCE_ROUNDS ?? 50);
const PUBLICATIONS = 20;

/** A small deterministic generator, so that a failing round can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  const started = Date.now();
  const { db, url, drop } = await createTestDatabase({ backend: 'postgres', poolSize: 12 });
  // A second pool on the same database: another API process.
  const other = await createDatabase({ url, poolSize: 12, migrate: false });
  t.teardown(async () => {
    await other.close();
    await drop();
  });
  const units = await seedUnits(db);
  const k = kyselyOf(db);
  const loaders = await db.resources.create(
    { unitId: units.subdistrict.id, name: '装载机', quantity: 3, kind: 'loader' },
    NOW,
  );

  /** Resources booked beyond their quantity at some instant: one query over every booking. */
  const overbooked = async () => {
    const { rows } = await sql<{ id: string; at: string; booked: number; quantity: number }>`
      select r.id, lower(b.period) as at, r.quantity,
        (select sum(x.quantity) from bookings x
         where x.resource_id = r.id and x.period @> lower(b.period))::int as booked
      from bookings b join resources r on r.id = b.resource_id
      where (select sum(x.quantity) from bookings x
             where x.resource_id = r.id and x.period @> lower(b.period)) > r.quantity`.execute(k);
    return rows;
  };

  const stats = {
    published: 0,
    refused: 0,
    moved: 0,
    moveRefused: 0,
    quantity: 0,
    quantityRefused: 0,
  };

  t.test(
    `${ROUNDS} rounds of ${PUBLICATIONS} parallel publications, moves and quantity changes`,
    async (t) => {
      const next = random(16);
      let previous: { occurrenceId: string; day: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Each round fights over one day (the 10th onward), hours 08:00-12:00 local.
        const day = 10 + (round % 15);
        const month = round < 15 ? '12' : round < 30 ? '01' : '02';
        const year = month === '12' ? '2026' : '2027';
        const date = `${year}-${month}-${String(day).padStart(2, '0')}`;
        const publications = Array.from({ length: PUBLICATIONS }, (_, i) => {
          const hour = 8 + next(4);
          const minute = next(2) * 30;
          const quantity = 1 + next(3);
          const title = `r${round}-p${i}`;
          const store = i % 2 === 0 ? db : other;
          return {
            title,
            quantity,
            run: () =>
              store.events.create(
                draft(units.community.id, {
                  title,
                  start: `${date}T${String(hour).padStart(2, '0')}:${minute === 0 ? '00' : '30'}`,
                  durationMinutes: 60 + next(3) * 60,
                  resources: [wholeOccurrence(loaders.id, quantity)],
                }),
                NOW,
              ),
          };
        });
        // Moves: occurrences booked in the previous round jump onto this round's day.
        const moves = previous.slice(0, 3).map((target) => {
          const hour = 8 + next(4);
          const before = async () =>
            (await db.occurrences.get(target.occurrenceId)) ?? Promise.reject(new Error('gone'));
          return {
            target,
            before,
            run: (store: RotaDb) =>
              store.occurrences.update(
                target.occurrenceId,
                { start: `${date}T${String(hour).padStart(2, '0')}:00` },
                NOW,
              ),
          };
        });
        const moveSnapshots = await Promise.all(moves.map((move) => move.before()));
        const quantityBefore = (await db.resources.get(loaders.id))?.quantity ?? 0;
        const wantedQuantity = [2, 3, 4][next(3)] as number;

        const outcomes = await Promise.allSettled([
          ...publications.map((p) => p.run()),
          ...moves.map((move, i) => move.run(i % 2 === 0 ? other : db)),
          (round % 2 === 0 ? db : other).resources.update(
            loaders.id,
            { quantity: wantedQuantity },
            { now: NOW },
          ),
        ]);

        const unexpected = outcomes.filter(
          (o) => o.status === 'rejected' && !isRotaError(o.reason, 'resource_conflict'),
        );
        if (unexpected.length > 0) {
          t.fail(`round ${round}: unexpected errors`, {
            errors: unexpected.map((o) => String((o as PromiseRejectedResult).reason)),
          });
          return;
        }
        const broken = await overbooked();
        if (broken.length > 0) {
          t.fail(`round ${round}: booked beyond the quantity`, { broken });
          return;
        }

        // Refused publications wrote nothing; accepted ones hold their booking.
        const titles = publications.map((p) => p.title);
        const { rows: written } = await sql<{ title: string; bookings: number }>`
        select e.title, (select count(*)::int from bookings b where b.event_id = e.id) as bookings
        from events e where e.title in (${sql.join(titles)})`.execute(k);
        const byTitle = new Map(written.map((row) => [row.title, row.bookings]));
        const created: { occurrenceId: string; day: number }[] = [];
        for (const [i, publication] of publications.entries()) {
          const outcome = outcomes[i];
          if (outcome?.status === 'fulfilled') {
            stats.published++;
            if (byTitle.get(publication.title) !== 1) {
              t.fail(`round ${round}: ${publication.title} published without its booking`);
              return;
            }
            const occurrences = await db.events.occurrences(outcome.value.id, {
              from: NOW,
              to: '2027-06-01T00:00:00Z',
            });
            const occurrence = occurrences.items[0];
            if (occurrence) created.push({ occurrenceId: occurrence.id, day });
          } else {
            stats.refused++;
            if (byTitle.has(publication.title)) {
              t.fail(`round ${round}: refused ${publication.title} left an event behind`);
              return;
            }
          }
        }
        // Refused moves left the occurrence (and its booking) where it was.
        for (const [i, move] of moves.entries()) {
          const outcome = outcomes[publications.length + i];
          const after = await db.occurrences.get(move.target.occurrenceId);
          if (outcome?.status === 'fulfilled') {
            stats.moved++;
            if (after?.resources[0]?.start !== (outcome.value as Occurrence).start) {
              t.fail(`round ${round}: a move left its booking behind`);
              return;
            }
          } else {
            stats.moveRefused++;
            if (JSON.stringify(after) !== JSON.stringify(moveSnapshots[i])) {
              t.fail(`round ${round}: a refused move changed the occurrence`);
              return;
            }
          }
        }
        // A refused quantity change left the quantity as it was.
        const quantityOutcome = outcomes[outcomes.length - 1];
        const quantityAfter = (await db.resources.get(loaders.id))?.quantity;
        if (quantityOutcome?.status === 'fulfilled') stats.quantity++;
        else {
          stats.quantityRefused++;
          if (quantityAfter !== quantityBefore) {
            t.fail(`round ${round}: a refused quantity change changed the quantity`);
            return;
          }
        }
        previous = created;
      }
      t.ok(stats.published > 0 && stats.refused > 0, 'both outcomes happened', { ...stats });
      t.ok(stats.moved + stats.moveRefused > 0, 'moves raced', { ...stats });
      t.ok(stats.quantity > 0 && stats.quantityRefused > 0, 'quantity changes both ways', {
        ...stats,
      });
      t.same(await overbooked(), [], 'never booked beyond the quantity');
      t.comment(`${ROUNDS} rounds in ${Date.now() - started} ms: ${JSON.stringify(stats)}`);
    },
  );
}
