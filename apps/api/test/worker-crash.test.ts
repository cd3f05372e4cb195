// At least once, across a crash: a worker process (`npm run worker`) is SIGKILLed while it
// delivers to a slow local receiver; a new one takes over. Every event arrives, in order of
// first arrival, and any duplicate carries the same webhook-id (receivers deduplicate on it).
// PostgreSQL only: the embedded database belongs to one process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { buildEventDraft } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { startReceiver, until } from './notifications/receivers.ts';

const NOW = '2026-12-01T00:00:00.000Z';
const workerFile = new URL('../src/worker.ts', import.meta.url).pathname;

if (!process.env.DATABASE_URL) {
  t.comment('skipped: needs DATABASE_URL (a worker process of its own needs PostgreSQL)');
} else {
  t.test(
    'SIGKILL a worker mid-deliveries, restart: everything delivered at least once',
    async (t) => {
      const { db, url, drop } = await createTestDatabase({ backend: 'postgres' });
      // Each answer takes 150 ms: the kill lands while a delivery is in flight.
      let arrivals = 0;
      const receiver = await startReceiver(() => {
        arrivals++;
        return { status: 200, delayMs: 150 };
      });
      const workers: ChildProcess[] = [];
      t.teardown(async () => {
        for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
        await receiver.close();
        await drop();
      });
      const startWorker = () => {
        const child = spawn(process.execPath, [workerFile], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            ROTA_WEBHOOK_ALLOW_PRIVATE: '1',
            ROTA_WORKER_EXPIRE_SECONDS: '4',
            ROTA_WORKER_RETRY_DELAY_SECONDS: '1',
            ROTA_WORKER_POLL_SECONDS: '0.5',
            ROTA_WORKER_TICK_MS: '100',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stderr?.on('data', (d) => t.comment(`worker: ${String(d).trim()}`));
        workers.push(child);
        return child;
      };

      const unit = await db.units.create({ name: '王家园社区', kind: 'community' });
      await db.webhooks.create(
        { unitId: unit.id, url: `${receiver.url}/hook`, events: ['signup.confirmed'] },
        NOW,
      );
      const event = await db.events.create(
        buildEventDraft({
          unitId: unit.id,
          kind: 'general',
          title: '社区清扫',
          start: '2026-12-12T09:00',
          durationMinutes: 120,
          status: 'published',
          slots: [{ key: 'crew', name: 'crew', role: 'attendee', capacity: 100 }],
        }),
        NOW,
      );
      const shift = (
        await db.events.occurrences(event.id, { from: NOW, to: '2027-01-01T00:00:00Z' })
      ).items[0]?.shifts[0];
      if (shift === undefined) throw new Error('no shift');
      const expected: string[] = [];
      for (let i = 0; i < 30; i++) {
        const person = await db.people.create({ name: `居民${i}`, unitId: unit.id });
        const signup = await db.signups.create(
          { shiftId: shift.id, personId: person.id, seats: 1, companions: [] },
          NOW,
        );
        expected.push(signup.id);
      }

      const first = startWorker();
      await until(
        () => receiver.received.length >= 8 && arrivals > receiver.received.length,
        60_000,
        'a delivery in flight after the first ones',
      );
      first.kill('SIGKILL');
      await once(first, 'exit');
      const beforeRestart = receiver.received.length;
      t.ok(beforeRestart < 30, `killed mid-way (${beforeRestart} of 30 delivered)`);

      const second = startWorker();
      await until(
        () => new Set(receiver.received.map((r) => r.headers['webhook-id'])).size >= 30,
        90_000,
        'every event delivered after the restart',
      );
      const signupIds = receiver.received.map((r) => JSON.parse(r.body).data.id as string);
      const firstArrivals = signupIds.filter((id, i) => signupIds.indexOf(id) === i);
      t.same(firstArrivals, expected, 'every event, none lost, in order of first arrival');
      const idBySignup = new Map<string, Set<string>>();
      for (const r of receiver.received) {
        const signupId = JSON.parse(r.body).data.id as string;
        const ids = idBySignup.get(signupId) ?? new Set();
        ids.add(String(r.headers['webhook-id']));
        idBySignup.set(signupId, ids);
      }
      t.ok(
        [...idBySignup.values()].every((ids) => ids.size === 1),
        'a duplicate carries the same webhook-id',
      );
      // The receiver kept the request in flight at the kill (it answered to a closed socket):
      // the worker never recorded it, so the new one delivered it again.
      t.ok(receiver.received.length > 30, `${receiver.received.length - 30} duplicate(s)`);

      // Graceful stop: SIGTERM waits for deliveries in flight, then exits 0.
      second.kill('SIGTERM');
      const [code] = await once(second, 'exit');
      t.equal(code, 0, 'the restarted worker stops cleanly');
    },
  );
}
