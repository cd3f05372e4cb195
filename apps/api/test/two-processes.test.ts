// Two real API processes on one PostgreSQL database, hammered over HTTP with concurrent
// signups for one hot shift (capacity 30, with a waitlist): no overbooking, one signup per
// person, idempotent replays identical across processes, waitlist positions 1..n with no gap.
// Runs only with DATABASE_URL (a throwaway database on that server).
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const ADMIN = 'two-processes-admin-token-0123456789';
const CAPACITY = 30;
const PEOPLE = 275;
/** People who also send a second, plain signup to the other process. */
const DUPLICATES = 50;
/** People who sign up with one Idempotency-Key sent to both processes at once. */
const KEYED = 25;

interface Answer {
  status: number;
  body: { id?: string; code?: string; status?: string; [key: string]: unknown };
  replayed: boolean;
  type: string;
}

async function startServer(
  url: string,
  teardown: (fn: () => void) => void,
): Promise<ServerProcess> {
  const server = await startServerProcess(url, ADMIN);
  teardown(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

async function send(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? {} : JSON.parse(text),
    replayed: res.headers.get('idempotent-replayed') === 'true',
    type: res.headers.get('content-type') ?? '',
  };
}

if (!process.env.DATABASE_URL) {
  t.plan(0, 'needs DATABASE_URL (PostgreSQL): two processes cannot share the embedded database');
} else {
  t.test('two API processes on one PostgreSQL, concurrent signups', async (t) => {
    const { db, url, drop } = await createTestDatabase({ backend: 'postgres' });
    t.teardown(drop);
    if (!url) throw new Error('createTestDatabase gave no url');

    // The people and their volunteer tokens go straight to the database (setup, not load).
    const unit = await db.units.create({ name: '永泰街道', kind: 'subdistrict' });
    const people: { id: string; token: string }[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const person = await db.people.create({ name: `志愿者${i}`, unitId: unit.id });
      const token = await db.tokens.create({ role: 'volunteer', personId: person.id });
      people.push({ id: person.id, token: token.token });
    }
    await db.close();

    const teardown = (fn: () => void) => t.teardown(fn);
    const [a, b] = await Promise.all([startServer(url, teardown), startServer(url, teardown)]);
    const bases = [a.base, b.base] as const;

    // The event, published through process A, is visible at once through process B.
    const start = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
    const event = await send(a.base, ADMIN, 'POST', '/v1/events', {
      unitId: unit.id,
      kind: 'general',
      title: '热门班次',
      timeZone: 'UTC',
      start,
      durationMinutes: 120,
      slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: CAPACITY }],
      status: 'published',
    });
    t.equal(event.status, 201, JSON.stringify(event.body));
    const occurrences = await send(b.base, ADMIN, 'GET', `/v1/events/${event.body.id}/occurrences`);
    t.equal(occurrences.status, 200);
    const shiftId = (occurrences.body.items as { shifts: { id: string }[] }[])[0]?.shifts[0]?.id;
    if (!shiftId) throw new Error('no shift');

    // The load: every person once (alternating processes), some twice, some with a key sent
    // to both processes at once; all in flight together.
    const signUp = (i: number, base: string, headers: Record<string, string> = {}) =>
      send(
        base,
        people[i]!.token,
        'POST',
        '/v1/signups',
        { shiftId, personId: people[i]!.id },
        headers,
      );
    const keyOf = (i: number) => ({ 'idempotency-key': `two-processes-${i}` });
    const plain: Promise<Answer>[] = [];
    const duplicate: Promise<Answer>[] = [];
    const keyed: Promise<Answer>[][] = [];
    const begin = Date.now();
    for (let i = 0; i < PEOPLE; i++) {
      if (i < KEYED) {
        keyed.push([signUp(i, bases[0], keyOf(i)), signUp(i, bases[1], keyOf(i))]);
      } else {
        plain.push(signUp(i, bases[i % 2]!));
        if (i < KEYED + DUPLICATES) duplicate.push(signUp(i, bases[(i + 1) % 2]!));
      }
    }
    const plainAnswers = await Promise.all(plain);
    const duplicateAnswers = await Promise.all(duplicate);
    const keyedAnswers = await Promise.all(keyed.map((pair) => Promise.all(pair)));
    const elapsed = Date.now() - begin;
    // Once every first request has finished, the same key replays on both processes.
    const replays = await Promise.all(
      keyed.map((_, i) =>
        Promise.all([signUp(i, bases[1], keyOf(i)), signUp(i, bases[0], keyOf(i))]),
      ),
    );
    const all = [...plainAnswers, ...duplicateAnswers, ...keyedAnswers.flat(), ...replays.flat()];
    t.comment(`${all.length} requests over two processes; the burst took ${elapsed} ms`);

    t.same(
      all.filter((x) => x.status >= 500).map((x) => x.body),
      [],
      'no 5xx',
    );
    for (const answer of all.filter((x) => x.status >= 400)) {
      t.match(answer.type, /^application\/problem\+json/, 'refusals are problem+json');
    }
    t.ok(
      plainAnswers.slice(DUPLICATES).every((x) => x.status === 201),
      'every signup of a person who sent one is accepted (confirmed or waitlisted)',
    );

    // The plain person's second signup: one of the pair wins, the other is already_signed_up.
    for (let j = 0; j < DUPLICATES; j++) {
      const pair = [plainAnswers[j]!, duplicateAnswers[j]!];
      const wins = pair.filter((x) => x.status === 201);
      t.equal(wins.length, 1, `person ${KEYED + j}: one signup of two`);
      t.same(
        pair.filter((x) => x.status !== 201).map((x) => [x.status, x.body.code]),
        [[409, 'already_signed_up']],
      );
    }

    // The same key on both processes at once: the same signup, or 409 in flight; replays
    // afterwards are identical to the first answer and say so.
    for (let i = 0; i < KEYED; i++) {
      const [first, second] = keyedAnswers[i]!;
      const created = [first!, second!].filter((x) => x.status === 201);
      t.ok(created.length >= 1, `key ${i}: at least one answer created the signup`);
      for (const x of [first!, second!].filter((y) => y.status !== 201)) {
        t.same([x.status, x.body.code], [409, 'idempotency_key_in_flight'], `key ${i}: in flight`);
      }
      const original = created.find((x) => !x.replayed) ?? created[0]!;
      for (const replay of [...created, ...replays[i]!]) {
        t.equal(replay.status, 201);
        t.same(replay.body, original.body, `key ${i}: identical body`);
      }
      t.ok(
        replays[i]!.every((x) => x.replayed),
        `key ${i}: replays say Idempotent-Replayed`,
      );
    }

    // The roster, through process B: the truth.
    const roster = await send(b.base, ADMIN, 'GET', `/v1/shifts/${shiftId}/roster`);
    t.equal(roster.status, 200);
    const items = roster.body.items as {
      id: string;
      personId: string;
      seats: number;
      status: string;
      waitlistPosition: number | null;
    }[];
    const active = items.filter((x) => x.status !== 'cancelled');
    const confirmed = active.filter((x) => x.status === 'confirmed');
    const waitlisted = active.filter((x) => x.status === 'waitlisted');
    const seats = confirmed.reduce((sum, x) => sum + x.seats, 0);
    t.equal(seats, CAPACITY, 'exactly the capacity is confirmed: no overbooking, no empty seat');
    t.equal(active.length, PEOPLE, 'one signup for every person');
    t.equal(new Set(active.map((x) => x.personId)).size, active.length, 'no duplicate per person');
    t.same(
      waitlisted.map((x) => x.waitlistPosition).sort((x, y) => (x ?? 0) - (y ?? 0)),
      waitlisted.map((_, i) => i + 1),
      'waitlist positions are 1..n without gaps',
    );
    const createdIds = new Set(all.filter((x) => x.status === 201).map((x) => x.body.id as string));
    t.same(
      [...createdIds].sort(),
      active.map((x) => x.id).sort(),
      'every 201 is a signup on the roster, and every signup was answered',
    );
    const shift = await send(a.base, ADMIN, 'GET', `/v1/shifts/${shiftId}`);
    t.match(shift.body, {
      capacity: CAPACITY,
      seatsTaken: CAPACITY,
      seatsLeft: 0,
      waitlistCount: waitlisted.length,
    });

    // Graceful shutdown of both children.
    const exits = [a.child, b.child].map(
      (child) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
    );
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    t.same(await Promise.all(exits), [0, 0], 'both processes close cleanly');
  });
}
