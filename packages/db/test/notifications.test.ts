// The transactional outbox and its dispatcher: an event exists if and only if its change
// committed (faults injected inside the transaction, after the event was written); the
// dispatcher fans each event out once (webhooks of the unit's subtree, the person's inbox, email
// and SMS jobs), reminders follow the shift and never outlive a cancellation (a pinned clock).
import { queues } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t from 'tap';
import {
  backends,
  draft,
  kyselyOf,
  NOW,
  oneShift,
  person,
  seedUnits,
} from './fixtures/fixtures.ts';

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const k = kyselyOf(db);
    await db.jobs.start();
    const { district, community, other } = await seedUnits(db);
    const hook = await db.webhooks.create(
      {
        unitId: district.id,
        url: 'https://example.org/hook',
        events: ['signup.confirmed', 'signup.cancelled', 'signup.promoted'],
      },
      NOW,
    );
    const elsewhere = await db.webhooks.create(
      { unitId: other.id, url: 'https://example.org/other', events: ['signup.confirmed'] },
      NOW,
    );
    const count = async (table: string, where = sql`true`) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(k)
        ).rows[0]?.n,
      );
    const jobsOf = async (queue: string) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from pgboss.job where name = ${queue}`.execute(k)
        ).rows[0]?.n,
      );

    t.test(
      'a signup whose transaction fails after writing its event announces nothing',
      async (t) => {
        // A real fault inside the transaction, after the outbox row is written.
        await sql`create function boom() returns trigger language plpgsql as $$
        begin
          if new.data->>'note' = 'boom' then raise exception 'injected failure'; end if;
          return new;
        end $$`.execute(k);
        await sql`create trigger boom after insert on outbox for each row execute function boom()`.execute(
          k,
        );
        t.teardown(async () => {
          await sql`drop trigger boom on outbox`.execute(k);
          await sql`drop function boom()`.execute(k);
        });
        const { shift } = await oneShift(db, community.id);
        const a = await person(db, community.id);
        const b = await person(db, community.id);
        const before = await count('outbox');
        await t.rejects(
          db.signups.create(
            { shiftId: shift.id, personId: a.id, seats: 1, companions: [], note: 'boom' },
            NOW,
          ),
        );
        t.equal(await count('outbox'), before, 'no event');
        t.equal(await count('signups', sql`person_id = ${a.id}`), 0, 'no signup');
        // Concurrent ones share a group-commit batch on PostgreSQL: the failing one falls out alone.
        const [failed, ok] = await Promise.allSettled([
          db.signups.create(
            { shiftId: shift.id, personId: a.id, seats: 1, companions: [], note: 'boom' },
            NOW,
          ),
          db.signups.create({ shiftId: shift.id, personId: b.id, seats: 1, companions: [] }, NOW),
        ]);
        t.equal(failed.status, 'rejected');
        t.equal(ok.status, 'fulfilled');
        t.equal(await count('outbox'), before + 1, 'the committed one announced itself');
        const row = await sql<{ type: string; data: { personId: string } }>`
        select type, data from outbox order by seq desc limit 1`.execute(k);
        t.match(row.rows[0], { type: 'signup.confirmed', data: { personId: b.id } });
        await db.notifications.dispatch(NOW);
      },
    );

    t.test(
      'dispatch fans out once: subtree webhooks, the inbox, jobs in the same transaction',
      async (t) => {
        await db.notifications.dispatch(NOW);
        const { shift } = await oneShift(db, community.id, { capacity: 1 });
        const a = await person(db, community.id);
        const b = await person(db, community.id);
        await db.notifications.setPreferences(a.id, {
          channels: ['email', 'sms'],
          language: 'en',
          email: 'a@example.org',
        });
        const deliveriesBefore = await count('webhook_deliveries', sql`webhook_id = ${hook.id}`);
        const jobsBefore = await jobsOf(queues.webhook);
        const signup = await db.signups.create(
          { shiftId: shift.id, personId: a.id, seats: 1, companions: [] },
          NOW,
        );
        const waiting = await db.signups.create(
          { shiftId: shift.id, personId: b.id, seats: 1, companions: [] },
          NOW,
        );
        t.equal(waiting.status, 'waitlisted');
        await db.signups.cancel(signup.id, 'cancelled_by_person', NOW);
        // Two dispatchers at once (as two processes would): each event is taken once.
        const taken = await Promise.all([
          db.notifications.dispatch(NOW),
          db.notifications.dispatch(NOW),
        ]);
        t.equal(
          taken[0] + taken[1] + (await db.notifications.dispatch(NOW)),
          5,
          'published, confirmed, waitlisted, cancelled, promoted',
        );
        t.equal(await db.notifications.dispatch(NOW), 0, 'nothing left');
        const deliveries = await db.webhooks.deliveries(hook.id, { limit: 10 });
        t.same(
          deliveries.items
            .slice(0, 3)
            .map((d) => d.type)
            .reverse(),
          ['signup.confirmed', 'signup.cancelled', 'signup.promoted'],
          'in order, the waitlisted one not subscribed',
        );
        t.equal(
          (await count('webhook_deliveries', sql`webhook_id = ${hook.id}`)) - deliveriesBefore,
          3,
        );
        t.equal(
          await count('webhook_deliveries', sql`webhook_id = ${elsewhere.id}`),
          0,
          'another subtree sees nothing',
        );
        t.equal((await jobsOf(queues.webhook)) - jobsBefore, 3, 'one job per delivery');
        const inboxA = await db.notifications.list(a.id, {});
        t.same(inboxA.items.map((n) => n.type).sort(), ['signup.cancelled', 'signup.confirmed']);
        t.match(
          inboxA.items.find((n) => n.type === 'signup.confirmed'),
          {
            title: /^Signed up: /,
            body: /5 Dec 08:00/,
          },
        );
        const inboxB = await db.notifications.list(b.id, {});
        t.same(inboxB.items.map((n) => n.type).sort(), ['signup.promoted', 'signup.waitlisted']);
        t.match(inboxB.items[0]?.title, /候补|报名/, 'zh-CN by default');
        t.equal(
          await count('notification_sends', sql`address = 'a@example.org'`),
          2,
          'email for both notices',
        );
        t.equal(await count('notification_sends', sql`channel = 'sms'`), 2, 'sms for both notices');
        const read = await db.notifications.markRead(a.id, inboxA.items[0]!.id, NOW);
        t.ok(read?.readAt);
        t.equal(
          await db.notifications.markRead(b.id, inboxA.items[0]!.id, NOW),
          undefined,
          'not theirs',
        );
        t.equal((await db.notifications.list(a.id, { unread: true })).items.length, 1);
      },
    );

    t.test(
      'reminders: planned, sent once, dropped on cancel, following a moved shift',
      async (t) => {
        await db.notifications.dispatch(NOW);
        // The other tests' signups are on shifts at the same time: only this test's count here.
        await sql`delete from reminders`.execute(k);
        const { shift } = await oneShift(db, community.id);
        const a = await person(db, community.id);
        const b = await person(db, community.id);
        const sa = await db.signups.create(
          { shiftId: shift.id, personId: a.id, seats: 1, companions: [] },
          NOW,
        );
        const sb = await db.signups.create(
          { shiftId: shift.id, personId: b.id, seats: 1, companions: [] },
          NOW,
        );
        await db.notifications.dispatch(NOW);
        const planned = await sql<{ kind: string; due_at: string }>`
        select kind, due_at from reminders where signup_id = ${sa.id} order by due_at`.execute(k);
        // Shift 2026-12-05 08:00 Shanghai: the day before at 18:00, and 06:00.
        t.same(planned.rows, [
          { kind: 'day_before', due_at: '2026-12-04T10:00:00.000Z' },
          { kind: 'hours_before_2', due_at: '2026-12-04T22:00:00.000Z' },
        ]);
        t.equal(await db.notifications.sweepReminders('2026-12-04T09:59:59.000Z'), 0, 'not yet');
        t.equal(
          await db.notifications.sweepReminders('2026-12-04T10:00:00.000Z'),
          2,
          'both day-before ones',
        );
        t.equal(await db.notifications.sweepReminders('2026-12-04T10:00:01.000Z'), 0, 'once');
        // b cancels one second before the 2-hour reminder; the dispatcher has not run yet.
        await db.signups.cancel(sb.id, 'cancelled_by_person', '2026-12-04T21:59:59.000Z');
        // The shift moves an hour later: its reminders follow once the dispatcher re-plans them.
        const occurrence = (await db.shifts.get(shift.id))!.occurrenceId;
        await db.occurrences.update(
          occurrence,
          { start: '2026-12-05T09:00' },
          '2026-12-04T21:59:59.000Z',
        );
        t.equal(
          await db.notifications.sweepReminders('2026-12-04T22:00:00.000Z'),
          0,
          'moved: the old time is stale, the cancelled one dropped',
        );
        await db.notifications.dispatch('2026-12-04T22:00:00.000Z');
        t.equal(await db.notifications.sweepReminders('2026-12-04T22:30:00.000Z'), 0);
        t.equal(
          await db.notifications.sweepReminders('2026-12-04T23:00:00.000Z'),
          1,
          'a at the new time',
        );
        await db.notifications.dispatch('2026-12-04T23:00:00.000Z');
        const inbox = await db.notifications.list(a.id, {});
        t.same(
          inbox.items.map((n) => n.type).sort(),
          ['reminder.due', 'reminder.due', 'shift.changed', 'signup.confirmed'],
          'one notice per change',
        );
        t.equal(
          (await db.notifications.list(b.id, {})).items.filter((n) => n.type === 'reminder.due')
            .length,
          1,
        );
        t.equal(
          await db.notifications.sweepReminders('2026-12-05T02:00:00.000Z'),
          0,
          'never after the start',
        );
      },
    );

    t.test('an event sets its own lead times', async (t) => {
      const event = await db.events.create(
        draft(community.id, {
          start: '2026-12-07T08:00',
          reminders: { dayBeforeAt: null, hoursBefore: [1, 24] },
        }),
        NOW,
      );
      t.same(event.reminders, { dayBeforeAt: null, hoursBefore: [1, 24] });
      const page = await db.events.occurrences(event.id, { from: NOW, to: '2027-01-01T00:00:00Z' });
      const shift = page.items[0]!.shifts[0]!;
      const p = await person(db, community.id);
      const signup = await db.signups.create(
        { shiftId: shift.id, personId: p.id, seats: 1, companions: [] },
        NOW,
      );
      await db.notifications.dispatch(NOW);
      const planned = await sql<{ kind: string; due_at: string }>`
        select kind, due_at from reminders where signup_id = ${signup.id} order by due_at`.execute(
        k,
      );
      t.same(planned.rows, [
        { kind: 'hours_before_24', due_at: '2026-12-06T00:00:00.000Z' },
        { kind: 'hours_before_1', due_at: '2026-12-06T23:00:00.000Z' },
      ]);
    });

    t.test(
      'webhooks: secrets, rotation overlap, attempts, failing after the last retry',
      async (t) => {
        const created = await db.webhooks.create(
          { unitId: community.id, url: 'https://example.org/c', events: ['event.published'] },
          NOW,
        );
        t.match(created.secret, /^whsec_/);
        t.notOk('secret' in ((await db.webhooks.get(created.id)) ?? {}));
        const rotated = await db.webhooks.rotateSecret(created.id, 3600, NOW);
        await db.webhooks.ping(created.id, NOW);
        await db.notifications.dispatch(NOW);
        const [ping] = (await db.webhooks.deliveries(created.id, {})).items;
        t.equal(ping?.type, 'webhook.ping');
        const attempt = await db.webhooks.beginAttempt(ping!.id, NOW);
        t.match(
          attempt,
          { state: 'ready', secrets: [rotated.secret, created.secret] },
          'both during the overlap',
        );
        const later = await db.webhooks.beginAttempt(ping!.id, '2026-12-01T02:00:00.000Z');
        t.match(later, { state: 'ready', secrets: [rotated.secret] }, 'the old one expired');
        await db.webhooks.recordAttempt(
          ping!.id,
          {
            ok: false,
            responseStatus: 500,
            responseExcerpt: 'x'.repeat(1000),
            durationMs: 12,
            error: null,
          },
          { final: true, now: NOW },
        );
        const failed = (await db.webhooks.deliveries(created.id, {})).items[0];
        t.match(failed, { status: 'failed', attempts: 1, responseStatus: 500 });
        t.equal(failed?.responseExcerpt?.length, 200, 'an excerpt only');
        t.match(await db.webhooks.get(created.id), {
          status: 'failing',
          failureReason: /HTTP 500/,
        });
        t.match(await db.webhooks.beginAttempt(ping!.id, NOW), {
          state: 'held',
          reason: 'failing',
        });
        t.ok(await db.webhooks.redeliver(created.id, ping!.id, NOW));
        t.notOk(await db.webhooks.redeliver(hook.id, ping!.id, NOW), 'not that webhook’s');
        await db.webhooks.update(created.id, { status: 'active' }, NOW);
        await db.notifications.dispatch(NOW);
        t.match((await db.webhooks.deliveries(created.id, {})).items[0], { status: 'pending' });
        t.match(await db.webhooks.get(created.id), { status: 'active', failureReason: null });
        const listed = await db.webhooks.list({ unitId: district.id });
        t.ok(
          listed.items.some((w) => w.id === created.id),
          'the subtree lists it',
        );
        t.equal(await db.webhooks.delete(created.id), true);
        t.equal(await db.webhooks.get(created.id), undefined);
      },
    );
  });
}
