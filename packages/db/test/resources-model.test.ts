// A property test of invariant 7 (fast-check): random sequences of publications, moves,
// cancellations and quantity changes run against the stores (PGlite) and against an in-memory
// model of bookings built on core's peakBooked. After every command both agree on whether it
// was refused and on every booking held; the model never holds more than the quantity.
import { isRotaError, peakBooked, type ResourceConflict } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { draft, kyselyOf, NOW, seedUnits } from './fixtures/fixtures.ts';

const RUNS = Number(process.env.ROTA_MODEL_RUNS ?? 20);
const DATE = '2026-12-20';

interface ModelBooking {
  event: number;
  resource: number;
  quantity: number;
  start: number;
  end: number;
}

type Command =
  | {
      kind: 'publish';
      minute: number;
      duration: number;
      asks: { resource: number; quantity: number }[];
    }
  | { kind: 'move'; event: number; minute: number }
  | { kind: 'cancelOccurrence'; event: number }
  | { kind: 'cancelEvent'; event: number }
  | { kind: 'quantity'; resource: number; quantity: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('publish' as const),
      minute: fc.integer({ min: 0, max: 8 }).map((half) => 8 * 60 + half * 30),
      duration: fc.integer({ min: 1, max: 6 }).map((half) => half * 30),
      asks: fc.uniqueArray(
        fc.record({
          resource: fc.integer({ min: 0, max: 1 }),
          quantity: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 1, maxLength: 2, selector: (ask) => ask.resource },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      event: fc.nat(20),
      minute: fc.integer({ min: 0, max: 8 }).map((half) => 8 * 60 + half * 30),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancelOccurrence' as const), event: fc.nat(20) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancelEvent' as const), event: fc.nat(20) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('quantity' as const),
      resource: fc.integer({ min: 0, max: 1 }),
      quantity: fc.integer({ min: 0, max: 4 }),
    }),
  },
);

const local = (minute: number) =>
  `${DATE}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const instant = (minute: number) => Date.parse(`${local(minute)}:00+08:00`);

t.test('bookings agree with an in-memory model', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  t.teardown(drop);
  const units = await seedUnits(db);
  const k = kyselyOf(db);
  let run = 0;

  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
      run++;
      const resources = [];
      const quantities = [2, 3];
      for (const [i, quantity] of quantities.entries()) {
        resources.push(
          await db.resources.create(
            { unitId: units.community.id, name: `r${run}-${i}`, quantity },
            NOW,
          ),
        );
      }
      const ids = resources.map((r) => r.id);
      const events: {
        id: string;
        occurrenceId: string;
        duration: number;
        asks: { resource: number; quantity: number }[];
        live: boolean;
      }[] = [];
      let model: ModelBooking[] = [];

      const fits = (bookings: ModelBooking[], candidate: ModelBooking[]) =>
        candidate.every((c) => {
          const same = [...bookings, ...candidate].filter((b) => b.resource === c.resource);
          return peakBooked(same, c.start, c.end) <= (quantities[c.resource] as number);
        });
      const bookingsAt = (event: number, minute: number) => {
        const e = events[event];
        if (e === undefined) return [];
        return e.asks.map((ask) => ({
          event,
          resource: ask.resource,
          quantity: ask.quantity,
          start: instant(minute),
          end: instant(minute + e.duration),
        }));
      };

      for (const c of commands) {
        let expectOk = true;
        let outcome: 'ok' | 'conflict';
        let conflicts: ResourceConflict[] = [];
        const attempt = async (work: () => Promise<unknown>) => {
          try {
            await work();
            return 'ok' as const;
          } catch (error) {
            if (!isRotaError(error, 'resource_conflict')) throw error;
            conflicts = (error.extra?.conflicts ?? []) as ResourceConflict[];
            return 'conflict' as const;
          }
        };
        if (c.kind === 'publish') {
          const index = events.length;
          events.push({
            id: '',
            occurrenceId: '',
            duration: c.duration,
            asks: c.asks,
            live: false,
          });
          const candidate = bookingsAt(index, c.minute);
          expectOk = fits(model, candidate);
          let created: { id: string } | undefined;
          outcome = await attempt(async () => {
            created = await db.events.create(
              draft(units.community.id, {
                title: `e${index}`,
                start: local(c.minute),
                durationMinutes: c.duration,
                resources: c.asks.map((ask) => ({
                  resourceId: ids[ask.resource] as string,
                  quantity: ask.quantity,
                  offsetMinutes: 0,
                  durationMinutes: null,
                })),
              }),
              NOW,
            );
          });
          if (outcome === 'ok' && created) {
            const page = await db.events.occurrences(created.id, {
              from: NOW,
              to: '2027-01-01T00:00:00Z',
            });
            Object.assign(events[index] as object, {
              id: created.id,
              occurrenceId: page.items[0]?.id,
              live: true,
            });
            model = [...model, ...candidate];
          } else events.pop();
          if (outcome === 'conflict') {
            // Each conflict's `free` is what the model says is free at the worst instant.
            for (const conflict of conflicts) {
              const resource = ids.indexOf(conflict.resourceId);
              const mine = candidate.find((b) => b.resource === resource);
              if (!mine) return false;
              const others = model.filter((b) => b.resource === resource);
              const free =
                (quantities[resource] as number) - peakBooked(others, mine.start, mine.end);
              if (Math.max(free, 0) !== conflict.free) return false;
            }
          }
        } else if (c.kind === 'move') {
          const e = events[c.event];
          if (e === undefined || !e.live) continue;
          const rest = model.filter((b) => b.event !== c.event);
          const candidate = bookingsAt(c.event, c.minute);
          expectOk = fits(rest, candidate);
          outcome = await attempt(() =>
            db.occurrences.update(e.occurrenceId, { start: local(c.minute) }, NOW),
          );
          if (outcome === 'ok') model = [...rest, ...candidate];
        } else if (c.kind === 'cancelOccurrence' || c.kind === 'cancelEvent') {
          const e = events[c.event];
          if (e === undefined || !e.live) continue;
          outcome = await attempt(() =>
            c.kind === 'cancelEvent'
              ? db.events.cancel(e.id, undefined, NOW)
              : db.occurrences.update(e.occurrenceId, { status: 'cancelled' }, NOW),
          );
          e.live = false;
          model = model.filter((b) => b.event !== c.event);
        } else {
          const mine = model.filter((b) => b.resource === c.resource);
          const peak = peakBooked(mine, instant(0), instant(24 * 60));
          expectOk = peak <= c.quantity;
          outcome = await attempt(() =>
            db.resources.update(ids[c.resource] as string, { quantity: c.quantity }, { now: NOW }),
          );
          if (outcome === 'ok') quantities[c.resource] = c.quantity;
        }
        if ((outcome === 'ok') !== expectOk) return false;
        // The database holds exactly the model's bookings.
        const { rows } = await sql<{
          resource_id: string;
          quantity: number;
          start: string;
          end: string;
          title: string;
        }>`
          select b.resource_id, b.quantity, lower(b.period) as start, upper(b.period) as "end", e.title
          from bookings b join events e on e.id = b.event_id
          where b.resource_id in (${sql.join(ids)})`.execute(k);
        const actual = rows
          .map(
            (r) =>
              `${r.title}|${ids.indexOf(r.resource_id)}|${r.quantity}|${Date.parse(r.start)}|${Date.parse(r.end)}`,
          )
          .sort();
        const expected = model
          .map((b) => `e${b.event}|${b.resource}|${b.quantity}|${b.start}|${b.end}`)
          .sort();
        if (JSON.stringify(actual) !== JSON.stringify(expected)) return false;
        for (const [resource, quantity] of quantities.entries()) {
          const mine = model.filter((b) => b.resource === resource);
          if (peakBooked(mine, instant(0), instant(24 * 60)) > quantity) return false;
        }
      }
      return true;
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} random command sequences agreed with the model`);
});
