import { instantToLocal } from '@rota/core';

/** Local wall-clock times of the demo, relative to "now" in one time zone. */
export interface DemoWeek {
  /** `YYYY-MM-DDTHH:mm` on day `n` of next week (0 = Monday) at `time` (`HH:mm`). */
  day(n: number, time: string): string;
  /** A local start at short notice: the next half hour at least an hour from now. */
  soon: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The days of next week (Monday to Sunday) in `timeZone`, seen from `now`, so that the demo
 * data is always in the near future whatever day the database is seeded. The arithmetic runs
 * on wall-clock times as if they were UTC ("floating"), which is exact for whole days and for
 * zones without a DST change in the week, such as Asia/Shanghai.
 *
 * @example
 * const week = demoWeek('2026-11-28T12:00:00Z', 'Asia/Shanghai'); // a Saturday
 * week.day(0, '09:00'); // '2026-11-30T09:00' (the next Monday)
 */
export function demoWeek(now: string, timeZone: string): DemoWeek {
  const local = instantToLocal(now, timeZone);
  const floating = Date.parse(`${local.slice(0, 19)}Z`);
  const today = Date.parse(`${local.slice(0, 10)}T00:00:00Z`);
  const weekday = new Date(today).getUTCDay(); // 0 = Sunday
  const monday = today + ((8 - weekday) % 7 || 7) * DAY;
  const halfHour = 30 * MINUTE;
  const soon = Math.ceil((floating + 60 * MINUTE) / halfHour) * halfHour;
  return {
    day(n, time) {
      return `${new Date(monday + n * DAY).toISOString().slice(0, 10)}T${time}`;
    },
    soon: new Date(soon).toISOString().slice(0, 16),
  };
}
