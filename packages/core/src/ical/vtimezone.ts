import { floatingString, offsetAt } from '../recurrence/zoned-time.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const icalLocal = (ms: number): string => floatingString(ms).replace(/[-:]/g, '');
const icalOffset = (offset: number): string => {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / MINUTE);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE block for `timeZone` built from the runtime's Intl data: one STANDARD or
 * DAYLIGHT observance per offset change between the start of `fromYear` and the end of
 * `toYear` (explicit DTSTARTs, no RRULE: exact for the years covered, including past rule
 * changes). A zone without changes in the range gets one STANDARD observance.
 *
 * @example
 * vtimezone('Asia/Shanghai', 2026, 2027);
 * // 'BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n...'
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  // Find each change by daily steps, then narrow it to the minute.
  const changes: { at: number; from: number; to: number }[] = [];
  let previous = offsetAt(start - DAY, timeZone);
  for (let t = start; t < end; t += DAY) {
    const current = offsetAt(t, timeZone);
    if (current === previous) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid, timeZone) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: previous, to: current });
    previous = current;
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const initial = offsetAt(start, timeZone);
  if (changes.length === 0 || changes[0]!.at > start) {
    const first = changes[0];
    // Before the first change in range: the offset in force at the range start.
    const before = first ? first.from : initial;
    const daylight = first ? before > first.to : false;
    lines.push(
      daylight ? 'BEGIN:DAYLIGHT' : 'BEGIN:STANDARD',
      `DTSTART:${icalLocal(start - DAY * 366 + before)}`,
      `TZOFFSETFROM:${icalOffset(before)}`,
      `TZOFFSETTO:${icalOffset(before)}`,
      daylight ? 'END:DAYLIGHT' : 'END:STANDARD',
    );
  }
  for (const change of changes) {
    // The larger of two neighbouring offsets is summer time (also south of the equator).
    const daylight = change.to > change.from;
    const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      // DTSTART is the local time just before the change, in the old offset.
      `DTSTART:${icalLocal(change.at + change.from)}`,
      `TZOFFSETFROM:${icalOffset(change.from)}`,
      `TZOFFSETTO:${icalOffset(change.to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return `${lines.join('\r\n')}\r\n`;
}
