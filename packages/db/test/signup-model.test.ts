// Model-based property test: random sequences of signup, cancel and capacity changes against
// a small in-memory model of the rules (join order, skip parties that do not fit, capacity
// never below seats taken). Runs on PGlite (one database, one fresh shift per run).
import { isRotaError } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import t from 'tap';
import { NOW, oneShift, person, seedUnits } from './fixtures/fixtures.ts';

interface Entry {
  person: number;
  seats: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  signupId: string;
}

interface Model {
  capacity: number;
  entries: Entry[];
}

interface Real {
  db: RotaDb;
  shiftId: string;
  people: string[];
}

const PEOPLE = 6;

function taken(model: Model): number {
  return model.entries.filter((e) => e.status === 'confirmed').reduce((n, e) => n + e.seats, 0);
}

/** The model's promotion: join order, skipping a party that does not fit. */
function promote(model: Model): void {
  let free = model.capacity - taken(model);
  for (const entry of model.entries) {
    if (entry.status === 'waitlisted' && entry.seats <= free) {
      entry.status = 'confirmed';
      free -= entry.seats;
    }
  }
}

async function check(model: Model, real: Real): Promise<void> {
  const roster = await real.db.shifts.roster(real.shiftId);
  const expected = model.entries.map((e) => [e.signupId, e.status]);
  const found = roster.map((r) => [r.id, r.status]);
  if (JSON.stringify(expected) !== JSON.stringify(found)) {
    throw new Error(`roster ${JSON.stringify(found)} != model ${JSON.stringify(expected)}`);
  }
  let position = 0;
  for (const entry of roster) {
    const want = entry.status === 'waitlisted' ? ++position : null;
    if (entry.waitlistPosition !== want)
      throw new Error(`position ${entry.waitlistPosition} != ${want}`);
  }
  const shift = await real.db.shifts.get(real.shiftId);
  if (shift?.seatsTaken !== taken(model) || shift.capacity !== model.capacity) {
    throw new Error(
      `shift ${shift?.seatsTaken}/${shift?.capacity} != model ${taken(model)}/${model.capacity}`,
    );
  }
  if (shift.waitlistCount !== position) throw new Error('waitlist count');
}

class SignUp implements fc.AsyncCommand<Model, Real> {
  readonly who: number;
  readonly seats: number;
  constructor(who: number, seats: number) {
    this.who = who;
    this.seats = seats;
  }
  check = () => true;
  async run(model: Model, real: Real) {
    const active = model.entries.some((e) => e.person === this.who && e.status !== 'cancelled');
    try {
      const signup = await real.db.signups.create(
        {
          shiftId: real.shiftId,
          personId: real.people[this.who]!,
          seats: this.seats,
          companions: Array.from({ length: this.seats - 1 }, (_, i) => ({ name: `同伴${i}` })),
        },
        NOW,
      );
      if (active) throw new Error('signed up twice');
      const fits = this.seats <= model.capacity - taken(model);
      const status = fits ? 'confirmed' : 'waitlisted';
      if (signup.status !== status) throw new Error(`got ${signup.status}, model ${status}`);
      model.entries.push({ person: this.who, seats: this.seats, status, signupId: signup.id });
    } catch (error) {
      if (!(active && isRotaError(error, 'already_signed_up'))) throw error;
    }
    await check(model, real);
  }
  toString = () => `signUp(${this.who}, ${this.seats})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  readonly who: number;
  constructor(who: number) {
    this.who = who;
  }
  check = (model: Readonly<Model>) =>
    model.entries.some((e) => e.person === this.who && e.status !== 'cancelled');
  async run(model: Model, real: Real) {
    const entry = model.entries.find((e) => e.person === this.who && e.status !== 'cancelled')!;
    const before = new Set(
      model.entries.filter((e) => e.status === 'waitlisted').map((e) => e.signupId),
    );
    const result = await real.db.signups.cancel(entry.signupId, 'cancelled_by_person', NOW);
    entry.status = 'cancelled';
    promote(model);
    const promoted = model.entries
      .filter((e) => before.has(e.signupId) && e.status === 'confirmed')
      .map((e) => e.signupId);
    if (JSON.stringify(result.promoted.map((s) => s.id)) !== JSON.stringify(promoted)) {
      throw new Error('promoted the wrong signups');
    }
    await check(model, real);
  }
  toString = () => `cancel(${this.who})`;
}

class SetCapacity implements fc.AsyncCommand<Model, Real> {
  readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  check = () => true;
  async run(model: Model, real: Real) {
    try {
      await real.db.shifts.setCapacity(real.shiftId, this.capacity, NOW);
      if (this.capacity < taken(model)) throw new Error('capacity below seats taken accepted');
      model.capacity = this.capacity;
      promote(model);
    } catch (error) {
      if (!(this.capacity < taken(model) && isRotaError(error, 'capacity_below_taken')))
        throw error;
    }
    await check(model, real);
  }
  toString = () => `setCapacity(${this.capacity})`;
}

t.test('signups, cancels and capacity changes follow the model', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  t.teardown(drop);
  const { community } = await seedUnits(db);
  const commands = [
    fc
      .tuple(fc.integer({ min: 0, max: PEOPLE - 1 }), fc.integer({ min: 1, max: 3 }))
      .map(([who, seats]) => new SignUp(who, seats)),
    fc.integer({ min: 0, max: PEOPLE - 1 }).map((who) => new Cancel(who)),
    fc.integer({ min: 1, max: 8 }).map((capacity) => new SetCapacity(capacity)),
  ];
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }),
      fc.commands(commands, { maxCommands: 25 }),
      async (capacity, cmds) => {
        runs++;
        const { shift } = await oneShift(db, community.id, {
          role: 'attendee',
          capacity,
          maxPartySize: 3,
        });
        const people: string[] = [];
        for (let i = 0; i < PEOPLE; i++) people.push((await person(db, community.id)).id);
        await fc.asyncModelRun(
          () => ({
            model: { capacity, entries: [] },
            real: { db, shiftId: shift.id, people },
          }),
          cmds,
        );
      },
    ),
    { numRuns: Number(process.env.ROTA_MODEL_RUNS ?? 15) },
  );
  t.ok(runs >= 15 || process.env.ROTA_MODEL_RUNS !== undefined, `${runs} runs`);
});
