// Shift instants carry the offset of the event's time zone (`2026-12-03T15:00:00+08:00`), so
// the wall clock of the event is in the string itself: shown as it is, whatever the phone's
// own zone.

interface WallClock {
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The event's local date and time written in an RFC 3339 instant with an offset. */
export function wallClock(instant: string): WallClock {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(instant);
  if (!match) throw new Error(`not an RFC 3339 instant: ${instant}`);
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  return {
    date: instant.slice(0, 10),
    year: y!,
    month: mo!,
    day: d!,
    hour: h!,
    minute: mi!,
  };
}

function hhmm(clock: WallClock): string {
  return `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
}

/**
 * "09:05": the event's wall-clock time of an instant written with the event's offset (shift
 * times, and record instants such as a check-in), whatever the device's own zone.
 *
 * @example
 * wallTime('2026-12-03T09:05:41.120+08:00') // '09:05'
 */
export function wallTime(instant: string): string {
  return hhmm(wallClock(instant));
}

/**
 * "12月3日 周四 15:00–16:30" / "Thu 3 Dec, 15:00–16:30", in the event's wall-clock time.
 *
 * @example
 * shiftWhen('2026-12-03T15:00:00+08:00', '2026-12-03T16:30:00+08:00', 'en') // 'Thu 3 Dec, 15:00–16:30'
 */
export function shiftWhen(start: string, end: string, language: string): string {
  const from = wallClock(start);
  const to = wallClock(end);
  // Formatting a UTC date in UTC prints exactly the wall clock we built it from.
  const date = new Date(Date.UTC(from.year, from.month - 1, from.day));
  const day = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: language === 'en' ? 'short' : 'numeric',
  }).format(date);
  const sameDay = from.date === to.date;
  return `${day}${language === 'en' ? ',' : ''} ${hhmm(from)}–${sameDay ? '' : `${to.date} `}${hhmm(to)}`;
}

/** The event's local date of a shift (`YYYY-MM-DD`): ages are counted on it. */
export function shiftDate(start: string): string {
  return wallClock(start).date;
}
