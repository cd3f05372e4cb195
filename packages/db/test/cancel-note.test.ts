// The office's own words reach the volunteer: a signup cancelled with its event or its date
// carries the organizer's reason (`cancelNote`) in the person's list, read in the list's own
// statement; the inbox notice of that cancellation quotes it, in zh-CN and English. A signup the
// person cancelled, or one cancelled without a reason, has no note.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { backends, draft, NOW, person, seedUnits, slot } from './fixtures/fixtures.ts';

const RAIN = '因降雨取消，下周同一时间照常';
const WINDOW = { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    await db.jobs.start();
    const { community } = await seedUnits(db);
    const zh = await person(db, community.id);
    const en = await person(db, community.id);
    await db.notifications.setPreferences(en.id, { channels: [], language: 'en' });

    /** A published event with `dates` weekly Saturdays from 5 December, one shift each. */
    const event = async (title: string, dates: number) => {
      const created = await db.events.create(
        draft(community.id, {
          title,
          slots: [slot({ key: 'crew' })],
          recurrence:
            dates > 1 ? { rrule: `FREQ=WEEKLY;COUNT=${dates}`, exdates: [], rdates: [] } : null,
        }),
        NOW,
      );
      const page = await db.events.occurrences(created.id, WINDOW);
      return { event: created, occurrences: page.items };
    };
    const signUp = (shiftId: string, personId: string) =>
      db.signups.create({ shiftId, personId, seats: 1, companions: [] }, NOW);
    const mine = async (personId: string) =>
      (await db.people.signups(personId, { ...WINDOW, limit: 50 })).items;

    // Cancelled with its event, with a reason.
    const rained = await event('清洁家园', 1);
    const rainedShift = rained.occurrences[0]!.shifts[0]!;
    await signUp(rainedShift.id, zh.id);
    await signUp(rainedShift.id, en.id);
    await db.events.cancel(rained.event.id, `  ${RAIN} `, NOW);

    // One date of a weekly event cancelled with a reason; the next date stays.
    const weekly = await event('每周督办', 2);
    const [first, second] = weekly.occurrences;
    await signUp(first!.shifts[0]!.id, zh.id);
    await signUp(second!.shifts[0]!.id, zh.id);
    await db.occurrences.update(
      first!.id,
      { status: 'cancelled', reason: 'rain; same time next week' },
      NOW,
    );

    // Cancelled with its event, no reason given.
    const quiet = await event('老年课堂', 1);
    await signUp(quiet.occurrences[0]!.shifts[0]!.id, zh.id);
    await db.events.cancel(quiet.event.id, undefined, NOW);

    // Cancelled by the person, on an event later cancelled with a reason.
    const own = await event('亲子活动', 1);
    const ownSignup = await signUp(own.occurrences[0]!.shifts[0]!.id, zh.id);
    await db.signups.cancel(ownSignup.id, 'cancelled_by_person', NOW);
    await db.events.cancel(own.event.id, '场地维修', NOW);

    t.test('the person list carries the note of the event or the date', async (t) => {
      const list = await mine(zh.id);
      const of = (title: string, start?: string) =>
        list.find(
          (s) => s.event.title === title && (start === undefined || s.shift.start === start),
        );
      t.match(of('清洁家园'), {
        status: 'cancelled',
        cancelReason: 'event_cancelled',
        cancelNote: RAIN,
      });
      t.match(of('每周督办', first!.shifts[0]!.start), {
        status: 'cancelled',
        cancelReason: 'occurrence_cancelled',
        cancelNote: 'rain; same time next week',
      });
      t.match(of('每周督办', second!.shifts[0]!.start), {
        status: 'confirmed',
        cancelNote: null,
      });
      t.match(of('老年课堂'), { cancelReason: 'event_cancelled', cancelNote: null });
      t.match(of('亲子活动'), { cancelReason: 'cancelled_by_person', cancelNote: null });
      const cancelledOnly = await db.people.signups(zh.id, { ...WINDOW, status: 'cancelled' });
      t.equal(cancelledOnly.items.find((s) => s.event.title === '清洁家园')?.cancelNote, RAIN);
    });

    t.test('the cancellation notice quotes the note, in the person language', async (t) => {
      while ((await db.notifications.dispatch(NOW)) > 0) {}
      const notice = async (personId: string, title: string) =>
        (await db.notifications.list(personId, {})).items.filter(
          (n) => n.type === 'signup.cancelled' && n.title.endsWith(title),
        );
      const [zhRain] = await notice(zh.id, '清洁家园');
      t.equal(zhRain?.body, `crew, 12月5日 08:00：您的报名已取消（活动已取消）。社区留言：${RAIN}`);
      const [enRain] = await notice(en.id, '清洁家园');
      t.equal(
        enRain?.body,
        `crew, 5 Dec 08:00: your signup is cancelled (the event was cancelled). Message from the office: ${RAIN}`,
      );
      const [zhDate] = await notice(zh.id, '每周督办');
      t.match(zhDate?.body, /社区留言：rain; same time next week$/);
      const [zhQuiet] = await notice(zh.id, '老年课堂');
      t.notMatch(zhQuiet?.body, /社区留言/, 'no reason, no note');
      const [zhOwn] = await notice(zh.id, '亲子活动');
      t.notMatch(zhOwn?.body, /社区留言|场地维修/, 'their own cancellation has no note');
    });
  });
}
