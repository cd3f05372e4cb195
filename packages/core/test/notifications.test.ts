// Reminder plans, SMS quiet hours and notice templates: pure functions of their inputs, in the
// event's time zone whatever the process zone (this suite runs under UTC and Asia/Shanghai).
import fc from 'fast-check';
import t from 'tap';
import {
  defaultReminderSettings,
  formatNoticeTime,
  personNoticeTypes,
  planReminders,
  renderNotice,
  smsSendAt,
} from '../src/index.ts';

t.test(
  'planReminders: the day before at a local time and hours before, never at or after the start',
  async (t) => {
    t.same(
      planReminders(
        '2026-12-05T09:00:00+08:00',
        'Asia/Shanghai',
        defaultReminderSettings,
        '2026-12-01T10:00:00+08:00',
      ),
      [
        { kind: 'day_before', dueAt: '2026-12-04T18:00:00+08:00' },
        { kind: 'hours_before_2', dueAt: '2026-12-05T07:00:00+08:00' },
      ],
    );
    // Across a DST change: the day before at 18:00 is local time, the hours are real hours.
    t.same(
      planReminders(
        '2026-03-08T09:00:00-04:00',
        'America/New_York',
        { dayBeforeAt: '18:00', hoursBefore: [24, 2, 2] },
        '2026-03-01T00:00:00Z',
      ),
      [
        { kind: 'day_before', dueAt: '2026-03-07T18:00:00-05:00' },
        { kind: 'hours_before_24', dueAt: '2026-03-07T08:00:00-05:00' },
        { kind: 'hours_before_2', dueAt: '2026-03-08T07:00:00-04:00' },
      ],
    );
    t.same(
      planReminders(
        '2026-12-05T09:00:00+08:00',
        'Asia/Shanghai',
        defaultReminderSettings,
        '2026-12-05T08:00:00+08:00',
      ),
      [],
      'a signup an hour before gets none',
    );
    t.same(
      planReminders(
        '2026-12-05T09:00:00+08:00',
        'Asia/Shanghai',
        { dayBeforeAt: null, hoursBefore: [] },
        '2026-12-01T00:00:00Z',
      ),
      [],
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.integer({ min: 0, max: 100 }),
        (startHour, leadHours) => {
          const start = new Date(Date.UTC(2026, 0, 1) + startHour * 3_600_000).toISOString();
          const now = new Date(Date.parse(start) - leadHours * 3_600_000).toISOString();
          for (const r of planReminders(
            start,
            'Europe/Berlin',
            { dayBeforeAt: '18:00', hoursBefore: [2, 24] },
            now,
          )) {
            if (!(Date.parse(r.dueAt) > Date.parse(now) && Date.parse(r.dueAt) < Date.parse(start)))
              return false;
          }
          return true;
        },
      ),
    );
  },
);

t.test('smsSendAt: nothing between 21:00 and 08:00 local time', async (t) => {
  t.equal(smsSendAt('2026-12-04T20:59:00+08:00', 'Asia/Shanghai'), '2026-12-04T20:59:00+08:00');
  t.equal(smsSendAt('2026-12-04T21:00:00+08:00', 'Asia/Shanghai'), '2026-12-05T08:00:00+08:00');
  t.equal(smsSendAt('2026-12-05T03:30:00+08:00', 'Asia/Shanghai'), '2026-12-05T08:00:00+08:00');
  t.equal(
    smsSendAt('2026-12-05T00:00:00Z', 'Asia/Shanghai'),
    '2026-12-05T00:00:00Z',
    '08:00 itself is fine',
  );
  t.equal(
    smsSendAt('2026-03-08T01:00:00-05:00', 'America/New_York'),
    '2026-03-08T08:00:00-04:00',
    'across a DST change',
  );
});

t.test('renderNotice: both languages, the event’s zone', async (t) => {
  const context = {
    eventTitle: '疫苗接种点',
    shiftName: '引导员',
    start: '2026-12-05T01:00:00Z',
    timeZone: 'Asia/Shanghai',
    previousStart: '2026-12-05T00:00:00Z',
    reason: 'occurrence_cancelled',
    waitlistPosition: 3,
  };
  t.equal(formatNoticeTime(context.start, context.timeZone, 'zh-CN'), '12月5日 09:00');
  t.equal(formatNoticeTime(context.start, context.timeZone, 'en'), '5 Dec 09:00');
  for (const type of personNoticeTypes) {
    for (const language of ['zh-CN', 'en'] as const) {
      const { title, body } = renderNotice(type, language, context);
      t.ok(title.includes('疫苗接种点'), `${type} ${language} title`);
      t.ok(body.length > 0 && !body.includes('undefined'), `${type} ${language} body`);
    }
  }
  t.match(renderNotice('signup.cancelled', 'zh-CN', context).body, /本场活动已取消）。$/);
  // The office's own words follow the coded reason, as written (trimmed), in the reader's frame.
  const rain = { ...context, note: ' 因降雨取消，下周同一时间照常 ' };
  t.equal(
    renderNotice('signup.cancelled', 'zh-CN', rain).body,
    '引导员, 12月5日 09:00：您的报名已取消（本场活动已取消）。社区留言：因降雨取消，下周同一时间照常',
  );
  t.equal(
    renderNotice('signup.cancelled', 'en', rain).body,
    '引导员, 5 Dec 09:00: your signup is cancelled (this date was cancelled). Message from the office: 因降雨取消，下周同一时间照常',
  );
  t.notMatch(renderNotice('signup.cancelled', 'en', { ...context, note: '  ' }).body, /office/);
  t.match(
    renderNotice('shift.changed', 'en', context).body,
    /now starts 5 Dec 09:00 \(was 5 Dec 08:00\)/,
  );
  t.match(renderNotice('signup.waitlisted', 'zh-CN', context).body, /第 3 位/);
});
