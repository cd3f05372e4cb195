// iCalendar output parsed back with an independent parser (ical.js): fields, VTIMEZONE
// offsets, RRULE/EXDATE/RDATE expansion against expandSchedule, RECURRENCE-ID overrides,
// CRLF, 75-octet folding that never splits a UTF-8 character, UID + DTSTAMP on every VEVENT.
import ICAL from 'ical.js';
import t, { type Test } from 'tap';
import {
  type Event,
  expandSchedule,
  type Occurrence,
  renderEventCalendar,
  renderPersonCalendar,
  type SignupWithShift,
} from '../src/index.ts';

const title =
  '社区清洁日, "大扫除"; 第1期\n请带手套 🧤 — a title long enough to be folded several times';
const event = {
  id: 'evt_1',
  unitId: 'unit_1',
  kind: 'cleanup_drive',
  template: null,
  title,
  description: '集合地点：幸福社区东门。'.repeat(8),
  location: { name: '幸福社区', address: '北京市朝阳区幸福路1号' },
  timeZone: 'America/New_York',
  start: '2026-02-23T09:00',
  durationMinutes: 90,
  recurrence: {
    rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=8',
    exdates: ['2026-03-16T09:00'],
    rdates: ['2026-03-04T10:00'],
  },
  signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
  slots: [],
  status: 'published',
  version: 1,
  cancelReason: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as unknown as Event;

const occurrence = (over: Partial<Occurrence>): Occurrence => ({
  id: 'occ',
  eventId: 'evt_1',
  start: '',
  end: '',
  localStart: '',
  originalLocalStart: '',
  status: 'scheduled',
  cancelReason: null,
  resources: [],
  resourceShortfall: null,
  shifts: [],
  ...over,
});
const moved = occurrence({
  id: 'occ_moved',
  originalLocalStart: '2026-03-09T09:00:00',
  localStart: '2026-03-10T14:00:00',
  start: '2026-03-10T14:00:00-04:00',
  end: '2026-03-10T15:30:00-04:00',
});
const cancelled = occurrence({
  id: 'occ_cancelled',
  originalLocalStart: '2026-03-23T09:00:00',
  localStart: '2026-03-23T09:00:00',
  start: '2026-03-23T09:00:00-04:00',
  end: '2026-03-23T10:30:00-04:00',
  status: 'cancelled',
});

const text = renderEventCalendar(event, [moved, cancelled], '2026-02-01T12:00:00+08:00');

function checkLines(t: Test, ics: string): void {
  t.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  t.notOk(/[^\r]\n/.test(ics), 'every line break is CRLF');
  const lines = ics.split('\r\n').slice(0, -1);
  const long = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
  t.strictSame(long, [], 'no line over 75 octets');
  const broken = lines.filter((l) => Buffer.from(l, 'utf8').toString('utf8') !== l);
  t.strictSame(broken, [], 'no folded line splits a character (no lone surrogates)');
  t.ok(
    lines.some((l) => l.startsWith(' ')),
    'long values are folded',
  );
}

t.test('event calendar: lines, fields and escaping', async (t) => {
  checkLines(t, text);
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents('vevent');
  t.equal(events.length, 2, 'master + one moved occurrence');
  for (const e of events) {
    t.equal(e.getFirstPropertyValue('uid'), 'evt_1@rota');
    t.equal(String(e.getFirstPropertyValue('dtstamp')), '2026-02-01T04:00:00Z');
  }
  const master = new ICAL.Event(events[0]!);
  t.equal(
    master.summary,
    title.replace('\n', '\n'),
    'summary round-trips (comma, quote, semicolon, newline, emoji, Chinese)',
  );
  t.equal(master.description, event.description);
  t.equal(master.location, '幸福社区, 北京市朝阳区幸福路1号');
  t.equal(events[0]!.getFirstPropertyValue('status'), 'CONFIRMED');
  t.equal(root.getFirstPropertyValue('prodid'), '-//Rota//Rota//EN');
});

t.test(
  'event calendar: time zone, recurrence and overrides agree with expandSchedule',
  async (t) => {
    const root = new ICAL.Component(ICAL.parse(text));
    const vtz = root.getFirstSubcomponent('vtimezone');
    t.ok(vtz, 'has a VTIMEZONE');
    t.equal(vtz?.getFirstPropertyValue('tzid'), 'America/New_York');
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz!));
    const [masterComp, overrideComp] = root.getAllSubcomponents('vevent');
    const master = new ICAL.Event(masterComp!);
    t.equal(master.startDate.toUnixTime() * 1000, Date.parse('2026-02-23T09:00:00-05:00'));
    t.equal(master.endDate.toUnixTime() * 1000, Date.parse('2026-02-23T10:30:00-05:00'));
    // ical.js expands RRULE + RDATE - EXDATE with the VTIMEZONE we wrote.
    const iterator = master.iterator();
    const fromIcal: number[] = [];
    for (let next = iterator.next(); next && fromIcal.length < 20; next = iterator.next()) {
      fromIcal.push(next.toUnixTime() * 1000);
    }
    const ours = expandSchedule(
      {
        ...event,
        rrule: event.recurrence!.rrule,
        exdates: [...event.recurrence!.exdates, cancelled.originalLocalStart],
        rdates: event.recurrence!.rdates,
      },
      { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
    ).map((o) => Date.parse(o.start));
    t.strictSame(fromIcal, ours, 'same instants (EDT and EST) as expandSchedule');
    t.equal(ours.length, 7, '8 by COUNT, one exdate, one cancelled, one rdate');
    const override = new ICAL.Event(overrideComp!);
    t.ok(override.isRecurrenceException());
    t.equal(override.recurrenceId.toUnixTime() * 1000, Date.parse('2026-03-09T09:00:00-04:00'));
    t.equal(override.startDate.toUnixTime() * 1000, Date.parse(moved.start));
    t.equal(override.endDate.toUnixTime() * 1000, Date.parse(moved.end));
    t.ok(text.includes('EXDATE;TZID=America/New_York:20260316T090000,20260323T090000'));
  },
);

t.test('a zone without DST, a cancelled event and no recurrence', async (t) => {
  const single = renderEventCalendar(
    {
      ...event,
      timeZone: 'Asia/Shanghai',
      start: '2026-12-05T08:00',
      recurrence: null,
      status: 'cancelled',
    } as Event,
    [],
    '2026-12-01T00:00:00Z',
  );
  checkLines(t, single);
  const root = new ICAL.Component(ICAL.parse(single));
  ICAL.TimezoneService.register(new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!));
  const vevent = root.getFirstSubcomponent('vevent')!;
  t.equal(vevent.getFirstPropertyValue('rrule'), null);
  t.equal(vevent.getFirstPropertyValue('status'), 'CANCELLED');
  t.equal(
    new ICAL.Event(vevent).startDate.toUnixTime() * 1000,
    Date.parse('2026-12-05T08:00:00+08:00'),
  );
});

t.test('person calendar', async (t) => {
  const signup = (id: string, status: 'confirmed' | 'waitlisted', start: string, end: string) =>
    ({
      id,
      shiftId: 'sh',
      personId: 'per_1',
      status,
      shift: { start, end, name: '登记员', role: 'volunteer' },
      event: {
        id: 'evt_1',
        title: '疫苗接种门诊',
        kind: 'vaccination_clinic',
        timeZone: 'Asia/Shanghai',
      },
    }) as unknown as SignupWithShift;
  const feed = renderPersonCalendar(
    { id: 'per_1', name: '王芳' },
    [
      signup('sig_1', 'confirmed', '2026-12-05T08:00:00+08:00', '2026-12-05T12:00:00+08:00'),
      signup('sig_2', 'waitlisted', '2026-12-06T08:00:00+08:00', '2026-12-06T12:00:00+08:00'),
    ],
    '2026-12-01T00:00:00Z',
  );
  t.ok(feed.endsWith('\r\n'));
  const root = new ICAL.Component(ICAL.parse(feed));
  t.equal(root.getFirstPropertyValue('x-wr-calname'), '王芳 (Rota)');
  const events = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  t.equal(events.length, 1, 'only confirmed signups');
  t.equal(events[0]!.uid, 'sig_1@rota');
  t.equal(events[0]!.summary, '疫苗接种门诊: 登记员');
  t.equal(events[0]!.startDate.toUnixTime() * 1000, Date.parse('2026-12-05T00:00:00Z'));
  t.equal(events[0]!.endDate.toUnixTime() * 1000, Date.parse('2026-12-05T04:00:00Z'));
  t.equal(String(events[0]!.component.getFirstPropertyValue('dtstamp')), '2026-12-01T00:00:00Z');
});
