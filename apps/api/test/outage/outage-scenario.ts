// Signups under load while the database goes away and comes back, and the checks that must
// hold afterwards. Shared by the outage suite (faults through a proxy and pg_terminate_backend
// of the suite's own database) and the restart suite (a real PostgreSQL restart, CI only).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { expectStatus, publishedEvent } from '../helpers/unit-tree.ts';
import { type Call, clientFor } from '../support/api-client.ts';

export interface Attempt {
  personId: string;
  token: string;
  shiftId: string;
  key: string | undefined;
  answers: Call[];
}

/** What the load saw, for the suite's own assertions. */
export interface OutageRun {
  attempts: Attempt[];
  /** Answers during the faults: status -> count. */
  statuses: Record<string, number>;
  unavailable: number;
  healthDown: number;
  /** From the end of the faults to /health answering 200 again. */
  recoveredInMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PEOPLE = 40;
const CAPACITY = 15;

/** Creates a unit, PEOPLE volunteers with tokens, and three published one-shift events. */
export async function seedOutage(app: FastifyInstance, admin: string) {
  const call = clientFor(app);
  const unit = (
    await expectStatus(
      call(admin, 'POST', '/v1/units', { name: '永泰街道', kind: 'subdistrict' }),
      201,
      'unit',
    )
  ).body.id as string;
  const people: { id: string; token: string }[] = [];
  for (let i = 0; i < PEOPLE; i += 1) {
    const person = await expectStatus(
      call(admin, 'POST', '/v1/people', { name: `志愿者${i}`, unitId: unit }),
      201,
      'person',
    );
    const token = await expectStatus(
      call(admin, 'POST', '/v1/tokens', { role: 'volunteer', personId: person.body.id }),
      201,
      'token',
    );
    people.push({ id: person.body.id, token: token.body.token });
  }
  const shifts: string[] = [];
  for (const day of ['05', '06', '07']) {
    const { shiftId } = await publishedEvent(call, admin, unit, {
      start: `2026-12-${day}T09:00`,
      slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: CAPACITY }],
    });
    shifts.push(shiftId);
  }
  return { people, shifts };
}

function isUnavailable(answer: Call): boolean {
  return (
    answer.status === 503 &&
    answer.body?.code === 'database_unavailable' &&
    answer.headers['content-type']?.toString().startsWith('application/problem+json') === true &&
    Number(answer.headers['retry-after']) > 0
  );
}

/**
 * Runs every person's signup for every shift, `concurrency` at a time, while `faults` runs;
 * then retries, with the same Idempotency-Key, every attempt that got a 503, until the
 * database answers. Polls /health throughout.
 */
export async function signUpThroughFaults(
  t: Test,
  app: FastifyInstance,
  seed: Awaited<ReturnType<typeof seedOutage>>,
  faults: () => Promise<void>,
  concurrency = 12,
  paceMs = 200,
): Promise<OutageRun> {
  const call = clientFor(app);
  const attempts: Attempt[] = [];
  for (const shiftId of seed.shifts) {
    seed.people.forEach((person, index) => {
      attempts.push({
        personId: person.id,
        token: person.token,
        shiftId,
        // Half the attempts carry a key: a retry after a 503 must then replay or run, never
        // wait on a claim left by the failed try (idempotency_key_in_flight).
        key: index % 2 === 0 ? randomUUID() : undefined,
        answers: [],
      });
    });
  }
  const statuses: Record<string, number> = {};
  let unavailable = 0;
  let healthDown = 0;
  const attempt = async (entry: Attempt) => {
    const answer = await call(
      entry.token,
      'POST',
      '/v1/signups',
      { shiftId: entry.shiftId, personId: entry.personId },
      entry.key ? { 'idempotency-key': entry.key } : {},
    );
    entry.answers.push(answer);
    return answer;
  };

  let loadDone = false;
  const health = (async () => {
    while (!loadDone) {
      const res = await app.inject({ method: 'GET', url: '/health' });
      if (res.statusCode === 503) {
        healthDown += 1;
        t.equal(res.json().code, 'database_unavailable', '/health names the outage');
      } else if (res.statusCode !== 200) {
        t.fail(`/health answered ${res.statusCode}: ${res.body}`);
      }
      await sleep(50);
    }
  })();

  // The load is paced so that it spans the faults: some attempts meet the database up, some
  // meet it down.
  const queue = [...attempts];
  const workers = Array.from({ length: concurrency }, async () => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      const answer = await attempt(entry);
      const name = `${answer.status} ${answer.body?.code ?? ''}`.trim();
      statuses[name] = (statuses[name] ?? 0) + 1;
      if (isUnavailable(answer)) unavailable += 1;
      await sleep(paceMs);
    }
  });
  await Promise.all([faults(), ...workers]);
  loadDone = true;
  await health;

  // Service resumes by itself: /health is ready again within seconds, then what the outage
  // refused is retried (with the same key) until it settles.
  const recovering = Date.now();
  while ((await app.inject({ method: 'GET', url: '/health' })).statusCode !== 200) {
    if (Date.now() - recovering > 30_000) throw new Error('the API did not recover in 30 s');
    await sleep(100);
  }
  const recoveredInMs = Date.now() - recovering;
  const retry = attempts.filter((entry) => isUnavailable(entry.answers.at(-1)!));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let entry = retry.shift(); entry !== undefined; entry = retry.shift()) {
        for (let tries = 0; isUnavailable(entry.answers.at(-1)!); tries += 1) {
          if (tries > 50) throw new Error('a signup still met 503s after the recovery');
          if (tries > 0) await sleep(100);
          await attempt(entry);
        }
      }
    }),
  );
  return { attempts, statuses, unavailable, healthDown, recoveredInMs };
}

/**
 * The answers were all clear, and the invariants held: no shift oversold, its seats taken
 * equal to its confirmed seats, every acknowledged signup present exactly once.
 */
export async function checkAfterOutage(
  t: Test,
  app: FastifyInstance,
  admin: string,
  run: OutageRun,
): Promise<void> {
  const call = clientFor(app);
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200, '/health is ready again');

  const allowed = new Set([
    '201',
    '409 shift_full',
    '409 already_signed_up',
    '503 database_unavailable',
  ]);
  for (const entry of run.attempts) {
    for (const answer of entry.answers) {
      const name = `${answer.status} ${answer.status === 201 ? '' : (answer.body?.code ?? '')}`;
      if (!allowed.has(name.trim())) {
        t.fail(`an answer outside the contract: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      if (answer.status === 503) {
        t.ok(Number(answer.headers['retry-after']) > 0, '503 carries Retry-After');
      }
    }
    const last = entry.answers.at(-1)!;
    t.not(last.status, 503, 'every attempt settled after the outage');
  }

  const acknowledged = new Map<string, number>();
  for (const entry of run.attempts) {
    for (const answer of entry.answers) {
      if (answer.status === 201) {
        acknowledged.set(answer.body.id, (acknowledged.get(answer.body.id) ?? 0) + 1);
      }
    }
  }
  const shiftIds = [...new Set(run.attempts.map((entry) => entry.shiftId))];
  let confirmedTotal = 0;
  for (const shiftId of shiftIds) {
    const shift = (await expectStatus(call(admin, 'GET', `/v1/shifts/${shiftId}`), 200, 'shift'))
      .body;
    const roster = (
      await expectStatus(call(admin, 'GET', `/v1/shifts/${shiftId}/roster`), 200, 'roster')
    ).body.items as { id: string; status: string; seats: number; personId: string }[];
    const confirmed = roster.filter((signup) => signup.status === 'confirmed');
    const seats = confirmed.reduce((sum, signup) => sum + signup.seats, 0);
    confirmedTotal += confirmed.length;
    t.ok(seats <= shift.capacity, `shift not oversold (${seats} <= ${shift.capacity})`);
    t.equal(shift.seatsTaken, seats, 'seats taken equal the confirmed seats');
    const people = confirmed.map((signup) => signup.personId);
    t.equal(new Set(people).size, people.length, 'nobody confirmed twice on a shift');
    for (const signup of roster) acknowledged.delete(signup.id);
    const expectedFull = run.attempts.filter((entry) => entry.shiftId === shiftId).length;
    t.equal(seats, Math.min(shift.capacity, expectedFull), 'the shift filled once retried');
  }
  t.same([...acknowledged.keys()], [], 'every acknowledged signup is on its roster');
  t.ok(confirmedTotal > 0, 'signups went through');
  t.comment(`answers during the faults: ${JSON.stringify(run.statuses)}`);
  t.comment(
    `503s: ${run.unavailable}; /health down ${run.healthDown} times; ready again ${run.recoveredInMs} ms after the faults`,
  );
  t.ok(run.recoveredInMs < 10_000, 'service resumed within seconds');
}
