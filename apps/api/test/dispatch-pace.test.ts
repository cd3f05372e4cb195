// The dispatcher yields to a burst of signups (issue 18), on each back end, with the clock in
// the test's hands: light traffic is fanned out at the first look; under a steady stream the
// fan-out waits, yet after every look each signup older than the lag bound (less one look) has
// its notice, the notices follow the signups' order, and when the stream stops all of them go.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { startWorkers } from '../src/notifications/start-workers.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

const START = Date.parse('2026-12-01T00:00:00.000Z');
const maxLagMs = 5_000;
const lookEveryMs = 1_000;
const perLook = 8; // signups between two looks: a burst above 4 per second
const looks = 11;

for (const backend of backends) {
  t.test(`dispatch pacing on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    let clock = START;
    const now = () => new Date(clock).toISOString();
    const app = await buildApp({ db, now });
    const workers = await startWorkers(db, {
      allowPrivate: false,
      channels: [],
      now,
      // The loop looks once at start and then not for an hour: the test looks itself.
      tickMs: 3_600_000,
      pace: { maxLagMs, burstPerSecond: 4, lookEveryMs },
    });
    t.teardown(async () => {
      await workers.stop(5_000);
      await app.close();
      await drop();
    });
    const call = clientFor(app);
    const district = await db.units.create({ name: '平城区', kind: 'district' });
    const organizer = (await db.tokens.create({ role: 'organizer', unitId: district.id })).token;
    const event = await call(organizer, 'POST', '/v1/events', {
      unitId: district.id,
      kind: 'vaccination_clinic',
      title: '接种点',
      start: '2026-12-05T09:00',
      durationMinutes: 120,
      status: 'published',
      slots: [{ key: 'seat', name: '接种', role: 'attendee', capacity: 500 }],
    });
    t.equal(event.status, 201, event.text);
    const occurrences = await call(
      organizer,
      'GET',
      `/v1/events/${event.body.id}/occurrences?from=2026-12-01T00:00:00Z`,
    );
    const shiftId: string = occurrences.body.items[0].shifts[0].id;
    const people: { id: string }[] = [];
    for (let i = 0; i < 2 + perLook * looks; i += 1) {
      people.push(await db.people.create({ name: `居民${i}`, unitId: district.id }));
    }
    const signUp = async (personId: string) => {
      const res = await call(organizer, 'POST', '/v1/signups', { shiftId, personId });
      t.equal(res.status, 201, res.text);
    };
    const notified = async (personId: string) =>
      (await db.notifications.list(personId, { limit: 5 })).items.some(
        (n) => n.type === 'signup.confirmed',
      );
    // Whatever the setup wrote is fanned out; the next look has a previous one to compare with.
    await workers.look();
    await workers.look();

    t.test('light traffic: fanned out at the first look', async (t) => {
      clock += lookEveryMs;
      await signUp(people[0]!.id);
      await signUp(people[1]!.id);
      t.same(await workers.look(), { kind: 'dispatch', reason: 'light', upTo: null });
      t.ok(await notified(people[0]!.id));
      t.ok(await notified(people[1]!.id));
    });

    t.test('a steady stream: deferred, in order, never past the bound', async (t) => {
      const written: { personId: string; at: number }[] = [];
      const kinds: string[] = [];
      for (let look = 0; look < looks; look += 1) {
        clock += lookEveryMs;
        for (const person of people.slice(2 + look * perLook, 2 + (look + 1) * perLook)) {
          await signUp(person.id);
          written.push({ personId: person.id, at: clock });
        }
        const decision = await workers.look();
        kinds.push(decision.kind === 'dispatch' ? decision.reason : decision.kind);
        const done: boolean[] = [];
        for (const w of written) done.push(await notified(w.personId));
        // Oldest first: no signup has its notice while an earlier one still waits.
        t.same(
          done,
          done.map((_, i) => i < done.filter(Boolean).length),
          `look ${look + 1}: the notices are a prefix of the signups`,
        );
        // The bound: a signup as old as the bound less two looks has its notice after this look.
        const overdue = written.filter(
          (w, i) => w.at <= clock - (maxLagMs - 2 * lookEveryMs) && !done[i],
        );
        t.same(overdue, [], `look ${look + 1}: nothing waits past the bound`);
        if (decision.kind === 'defer') {
          t.notOk(done.at(-1), `look ${look + 1}: the newest signups wait`);
        }
      }
      // Three looks of waiting, then the due ones go (here all: one batch holds them), again,
      // and the stream stops while three looks' signups wait.
      t.same(kinds, [
        ...['defer', 'defer', 'defer', 'due'],
        ...['defer', 'defer', 'defer', 'due'],
        ...['defer', 'defer', 'defer'],
      ]);
      t.notOk((await Promise.all(written.map((w) => notified(w.personId)))).every(Boolean));
      // The next look finds light traffic and everything goes, without waiting for the bound.
      clock += lookEveryMs;
      t.same(await workers.look(), { kind: 'dispatch', reason: 'light', upTo: null });
      for (const w of written) {
        t.ok(await notified(w.personId), 'every notice, once the stream stops');
      }
    });
  });
}
