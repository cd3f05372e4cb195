import type { TFunction } from 'i18next';
import { WEEKDAYS, type Weekday, weekdayOf } from './rule-presets.ts';

/** What the sentence is about: the start (local wall clock) and the recurrence. */
export interface DescribedSchedule {
  /** `YYYY-MM-DDTHH:mm[:ss]` in the event's zone. */
  start: string;
  rrule: string | null;
  exdates?: readonly string[];
  rdates?: readonly string[];
}

const intlLocale = (language: string) => (language === 'en' ? 'en-GB' : 'zh-CN');

/** A calendar date (`YYYY-MM-DD`) in words: "2027年1月31日" / "31 January 2027". */
export function dateInWords(date: string, language: string, weekday = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Formatting a UTC date in UTC prints exactly the calendar date we built it from.
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(weekday ? { weekday: language === 'en' ? 'long' : 'short' } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function parts(rrule: string): Map<string, string> | null {
  const map = new Map<string, string>();
  for (const part of rrule.trim().toUpperCase().split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

/** The repetition without time and end ("每周六" / "Every Saturday"), or null when unusual. */
function repetition(rule: Map<string, string>, start: string, t: TFunction, language: string) {
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);
  if ([...rule.keys()].some((name) => !known.has(name))) return null;
  const interval = Number(rule.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const every = interval > 1;
  const n = interval;
  const dayName = (day: Weekday) => t(`org.events.rule.weekday.${day}`);
  const list = (items: string[]) =>
    new Intl.ListFormat(intlLocale(language), { type: 'conjunction' }).format(items);
  const byday = rule.get('BYDAY')?.split(',');
  const bymonthday = rule.get('BYMONTHDAY');
  const startDate = start.slice(0, 10);
  switch (rule.get('FREQ')) {
    case 'DAILY':
      if (byday || bymonthday) return null;
      return every ? t('org.events.rule.dailyEvery', { n }) : t('org.events.rule.daily');
    case 'WEEKLY': {
      if (bymonthday) return null;
      const days = byday ?? [weekdayOf(startDate)];
      if (!days.every((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day))) {
        return null;
      }
      const sorted = WEEKDAYS.filter((day) => days.includes(day));
      if (!every && sorted.join(',') === 'MO,TU,WE,TH,FR') return t('org.events.rule.weekdays');
      const names = list(sorted.map(dayName));
      return every
        ? t('org.events.rule.weeklyEvery', { n, days: names })
        : t('org.events.rule.weekly', { days: names });
    }
    case 'MONTHLY': {
      if (byday && bymonthday) return null;
      if (byday) {
        const m = byday.length === 1 ? /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday[0]!) : null;
        if (!m) return null;
        const nth = t(`org.events.rule.nth.${m[1] === '-1' ? 'last' : m[1]}`);
        const day = dayName(m[2] as Weekday);
        return every
          ? t('org.events.rule.monthlyNthEvery', { n, nth, day })
          : t('org.events.rule.monthlyNth', { nth, day });
      }
      if (bymonthday !== undefined && !/^\d{1,2}$/.test(bymonthday)) return null;
      const dayOfMonth = Number(bymonthday ?? startDate.slice(8, 10));
      return every
        ? t('org.events.rule.monthlyDayEvery', { n, day: dayOfMonth })
        : t('org.events.rule.monthlyDay', { day: dayOfMonth });
    }
    case 'YEARLY': {
      if (byday || bymonthday || every) return null;
      const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
      const date = new Intl.DateTimeFormat(intlLocale(language), {
        timeZone: 'UTC',
        month: 'long',
        day: 'numeric',
      }).format(new Date(Date.UTC(y, m - 1, d)));
      return t('org.events.rule.yearly', { date });
    }
    default:
      return null;
  }
}

/**
 * The schedule said in the chosen language: "每周六 09:00，共 4 次" / "Every Saturday at
 * 09:00, 4 times". A rule the sentence cannot say simply (BYHOUR, BYSETPOS, ...) is named
 * as written. Skipped and added dates are counted. The rule is assumed valid (the editor
 * validates it with core first).
 *
 * @example
 * describeSchedule({ start: '2026-12-12T09:00', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4' }, t, 'zh-CN');
 * // '每周六 09:00，共 4 次'
 */
export function describeSchedule(
  schedule: DescribedSchedule,
  t: TFunction,
  language: string,
): string {
  const time = schedule.start.slice(11, 16);
  const date = schedule.start.slice(0, 10);
  let text: string;
  if (!schedule.rrule) {
    text = t('org.events.rule.once', { date: dateInWords(date, language, true), time });
  } else {
    const rule = parts(schedule.rrule);
    const said = rule && repetition(rule, schedule.start, t, language);
    text = said
      ? t('org.events.rule.at', { rule: said, time })
      : t('org.events.rule.custom', { rule: schedule.rrule.trim(), time });
    const count = rule?.get('COUNT');
    const until = rule?.get('UNTIL');
    if (count) text = t('org.events.rule.times', { text, count: Number(count) });
    else if (until && /^\d{8}/.test(until)) {
      const day = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
      text = t('org.events.rule.until', { text, date: dateInWords(day, language) });
    }
  }
  const skipped = schedule.exdates?.length ?? 0;
  const added = schedule.rdates?.length ?? 0;
  if (skipped > 0) text = t('org.events.rule.skipped', { text, count: skipped });
  if (added > 0) text = t('org.events.rule.added', { text, count: added });
  return text;
}
