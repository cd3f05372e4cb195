// The recurrence editor's logic without the page: presets ↔ RRULE, the rule said in both
// languages, the preview from core (DST zones included) and the server's checks in the browser.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkEventInput } from '../src/organizer/events/recurrence/check-event-input.ts';
import { describeSchedule } from '../src/organizer/events/recurrence/describe-schedule.ts';
import { previewOccurrences } from '../src/organizer/events/recurrence/preview-occurrences.ts';
import {
  recurrenceOf,
  recurrenceValueOf,
} from '../src/organizer/events/recurrence/recurrence-value.ts';
import {
  presetOf,
  presetRule,
  weekdayOf,
  weekOfMonth,
} from '../src/organizer/events/recurrence/rule-presets.ts';

const zh = i18next.getFixedT('zh-CN');
const en = i18next.getFixedT('en');
const say = (start: string, rrule: string | null, extra: object = {}) => ({
  zh: describeSchedule({ start, rrule, ...extra }, zh, 'zh-CN'),
  en: describeSchedule({ start, rrule, ...extra }, en, 'en'),
});

describe('presets', () => {
  it('take the weekday and the week of the month from the start date', () => {
    expect(weekdayOf('2026-12-12')).toBe('SA');
    expect(weekdayOf('2027-01-04')).toBe('MO');
    expect(weekOfMonth('2027-01-04')).toBe(1);
    expect(weekOfMonth('2027-01-29')).toBe(-1);
    const four = { kind: 'count', count: 4 } as const;
    expect(presetRule('weekly', '2026-12-12', four, '')).toBe('FREQ=WEEKLY;BYDAY=SA;COUNT=4');
    expect(presetRule('monthly', '2027-01-04', { kind: 'never' }, '')).toBe(
      'FREQ=MONTHLY;BYDAY=1MO',
    );
    expect(presetRule('monthly', '2027-01-29', { kind: 'until', until: '2027-06-30' }, '')).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630',
    );
    expect(presetRule('weekdays', '2026-12-14', four, '')).toBe(
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=4',
    );
    expect(presetRule('once', '2026-12-14', four, '')).toBeNull();
    expect(presetRule('custom', '2026-12-14', four, ' FREQ=DAILY ')).toBe('FREQ=DAILY');
  });

  it('a stored rule reads back as its preset, or as custom', () => {
    expect(presetOf('FREQ=WEEKLY;BYDAY=SA;COUNT=4', '2026-12-12')).toEqual({
      preset: 'weekly',
      end: { kind: 'count', count: 4 },
    });
    expect(presetOf('FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270630', '2027-01-04')).toEqual({
      preset: 'monthly',
      end: { kind: 'until', until: '2027-06-30' },
    });
    expect(presetOf('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-12-14').preset).toBe('weekdays');
    expect(presetOf(null, '2026-12-14').preset).toBe('once');
    // Saturday's rule on a Sunday start is not the weekly preset of that start.
    expect(presetOf('FREQ=WEEKLY;BYDAY=SA', '2026-12-13').preset).toBe('custom');
    expect(presetOf('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', '2026-12-12').preset).toBe('custom');
  });

  it('skips and moves become EXDATE and RDATE, and read back', () => {
    const value = {
      ...recurrenceValueOf(null, '2026-12-12'),
      preset: 'weekly' as const,
      end: { kind: 'count' as const, count: 4 },
      skips: ['2026-12-19T09:00:00'],
      moves: [{ from: '2026-12-26T09:00:00', to: '2026-12-27T14:30:00' }],
    };
    expect(recurrenceOf(value, '2026-12-12')).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4',
      exdates: ['2026-12-19T09:00:00', '2026-12-26T09:00:00'],
      rdates: ['2026-12-27T14:30:00'],
    });
    expect(recurrenceOf({ ...value, preset: 'once', skips: [], moves: [] }, '2026-12-12')).toBe(
      null,
    );
  });
});

describe('the rule in words', () => {
  it('says the weekly rule as the issue writes it, in both languages', () => {
    expect(say('2026-12-12T09:00', 'FREQ=WEEKLY;BYDAY=SA;COUNT=4')).toEqual({
      zh: '每周六 09:00，共 4 次',
      en: 'Every Saturday at 09:00, 4 times',
    });
  });

  it.each([
    [
      '2027-01-04T14:00',
      'FREQ=MONTHLY;BYDAY=1MO',
      '每月第一个周一 14:00',
      'The first Monday of every month at 14:00',
    ],
    [
      '2027-01-29T08:30',
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630',
      '每月最后一个周五 08:30，到 2027年6月30日 为止',
      'The last Friday of every month at 08:30, until 30 June 2027',
    ],
    [
      '2026-12-14T18:00',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10',
      '每个工作日 18:00，共 10 次',
      'Every weekday at 18:00, 10 times',
    ],
    [
      '2026-12-14T18:00',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
      '每 2 周的周一和周三 18:00',
      'Every 2 weeks on Monday and Wednesday at 18:00',
    ],
    ['2026-12-14T07:00', 'FREQ=DAILY;COUNT=1', '每天 07:00，共 1 次', 'Every day at 07:00, once'],
    ['2026-12-15T10:00', 'FREQ=MONTHLY', '每月 15 日 10:00', 'Every month on day 15 at 10:00'],
    ['2027-03-05T10:00', 'FREQ=YEARLY', '每年3月5日 10:00', 'Every year on 5 March at 10:00'],
    [
      '2026-12-14T10:00',
      'FREQ=HOURLY;INTERVAL=2;COUNT=3',
      '按规则 FREQ=HOURLY;INTERVAL=2;COUNT=3，10:00 开始，共 3 次',
      'By the rule FREQ=HOURLY;INTERVAL=2;COUNT=3, starting at 10:00, 3 times',
    ],
  ])('%s %s', (start, rrule, zhText, enText) => {
    expect(say(start, rrule)).toEqual({ zh: zhText, en: enText });
  });

  it('says "once" with the date, and counts skipped and added dates', () => {
    expect(say('2026-12-12T09:00', null)).toEqual({
      zh: '仅一次：2026年12月12日周六 09:00',
      en: 'Once: Saturday, 12 December 2026 at 09:00',
    });
    expect(
      say('2026-12-12T09:00', 'FREQ=WEEKLY;BYDAY=SA;COUNT=4', {
        exdates: ['2026-12-19T09:00', '2026-12-26T09:00'],
        rdates: ['2026-12-27T14:30'],
      }),
    ).toEqual({
      zh: '每周六 09:00，共 4 次，跳过 2 次，另加 1 次',
      en: 'Every Saturday at 09:00, 4 times, 2 skipped, 1 added',
    });
  });
});

describe('the preview (core, in the browser)', () => {
  it('keeps 09:00 across the Berlin spring-forward, with the offset of each day', () => {
    const preview = previewOccurrences(
      {
        start: '2027-03-20T09:00',
        timeZone: 'Europe/Berlin',
        durationMinutes: 90,
        rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4',
        exdates: ['2027-04-03T09:00'],
      },
      8,
    );
    expect(preview.map((o) => [o.start, o.skipped])).toEqual([
      ['2027-03-20T09:00:00+01:00', false],
      ['2027-03-27T09:00:00+01:00', false],
      ['2027-04-03T09:00:00+02:00', true],
      ['2027-04-10T09:00:00+02:00', false],
    ]);
    expect(preview[1]?.end).toBe('2027-03-27T10:30:00+01:00');
  });

  it('moves a 02:30 start out of the New York gap as the server does', () => {
    const preview = previewOccurrences(
      {
        start: '2027-03-13T02:30',
        timeZone: 'America/New_York',
        durationMinutes: 60,
        rrule: 'FREQ=DAILY;COUNT=3',
      },
      8,
    );
    expect(preview.map((o) => o.start)).toEqual([
      '2027-03-13T02:30:00-05:00',
      '2027-03-14T03:30:00-04:00',
      '2027-03-15T02:30:00-04:00',
    ]);
  });

  it('fills the preview from far windows for a yearly rule, and stops at the count asked', () => {
    const yearly = previewOccurrences(
      {
        start: '2027-03-05T10:00',
        timeZone: 'Asia/Shanghai',
        durationMinutes: 60,
        rrule: 'FREQ=YEARLY',
      },
      5,
    );
    expect(yearly.map((o) => o.localStart.slice(0, 4))).toEqual([
      '2027',
      '2028',
      '2029',
      '2030',
      '2031',
    ]);
    const added = previewOccurrences(
      {
        start: '2026-12-12T09:00',
        timeZone: 'Asia/Shanghai',
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;COUNT=2',
        rdates: ['2026-12-13T14:30'],
      },
      8,
    );
    expect(added.map((o) => [o.localStart, o.added])).toEqual([
      ['2026-12-12T09:00:00', false],
      ['2026-12-13T14:30:00', true],
      ['2026-12-19T09:00:00', false],
    ]);
  });
});

describe("the server's checks, in the browser", () => {
  const input = {
    unitId: 'u1',
    kind: 'general' as const,
    template: 'general' as const,
    title: '每周督办',
    start: '2026-12-12T09:00',
  };

  it('gives the server message for a bad rule, at the field the server names', () => {
    expect(checkEventInput({ ...input, recurrence: { rrule: 'FREQ=FORTNIGHTLY' } }, 'en')).toEqual([
      { path: 'recurrence.rrule', message: 'unknown FREQ FORTNIGHTLY' },
    ]);
    expect(
      checkEventInput(
        { ...input, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3;UNTIL=20270101' } },
        'en',
      ),
    ).toEqual([{ path: 'recurrence.rrule', message: 'COUNT and UNTIL must not both be given' }]);
    expect(
      checkEventInput({ ...input, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA' } }, 'en'),
    ).toEqual([]);
  });

  it('a rule that does not produce the start: the first start it gives, in both languages', () => {
    const friday = {
      ...input,
      start: '2026-12-11T09:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA' },
    };
    expect(checkEventInput(friday, 'en')).toEqual([
      {
        path: 'start',
        message:
          'the rule does not produce the start: its first occurrence is 2026-12-12T09:00: start there',
      },
    ]);
    expect(checkEventInput(friday, 'zh-CN')).toEqual([
      {
        path: 'start',
        message: '重复规则不会产生该开始时间：规则的第一次是 2026-12-12T09:00，请从那时开始',
      },
    ]);
  });

  it('slots: ages the wrong way round, a slot outside the occurrence', () => {
    const errors = checkEventInput(
      {
        ...input,
        durationMinutes: 60,
        slots: [
          { key: 'a', name: 'A', role: 'attendee', capacity: 5, minAge: 60, maxAge: 18 },
          { key: 'b', name: 'B', role: 'volunteer', capacity: 2, durationMinutes: 90 },
        ],
      },
      'zh-CN',
    );
    expect(errors).toEqual([
      { path: 'slots.0.maxAge', message: '不能小于 minAge（60）' },
      {
        path: 'slots.1.offsetMinutes',
        message: '岗位结束时间晚于场次结束（偏移 0 + 时长 90 > 60 分钟）',
      },
    ]);
  });
});
