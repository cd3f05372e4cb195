/**
 * PostgreSQL's text form of a timestamptz (`2026-12-05 00:00:00.123+00`, `...+05:30`) as an
 * ISO 8601 UTC string. Both drivers get this parser, so both return the same strings whatever
 * the session's TimeZone.
 *
 * @example timestamptzToIso('2026-12-05 08:00:00+08') // '2026-12-05T00:00:00.000Z'
 */
export function timestamptzToIso(raw: string): string {
  const m =
    /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(
      raw,
    );
  if (!m) return raw;
  const [, date, time, hours, minutes = '00'] = m;
  return new Date(`${date}T${time}${hours}:${minutes}`).toISOString();
}

/** `instant` plus `minutes`, as an ISO UTC string. */
export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** The instant as an ISO UTC string (normalizes any offset). */
export function toIso(instant: string): string {
  return new Date(instant).toISOString();
}

const DAY = 86_400_000;
// The last day formatted: a re-plan formats tens of thousands of instants, most on a day
// already seen (one occurrence's shifts), and `toISOString` cost ~0.5 us each.
let lastDay = Number.NaN;
let lastDayPrefix = '';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Epoch milliseconds as `toISOString()` writes them (`2026-12-05T00:00:00.000Z`), by arithmetic
 * for the common case (an integer from 1970 to 9999), else by `toISOString()`.
 *
 * @example isoFromEpochMs(1796083200000) // '2026-12-01T00:00:00.000Z'
 */
export function isoFromEpochMs(ms: number): string {
  if (!(ms >= 0 && ms < 253_402_300_800_000) || ms % 1 !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  if (day !== lastDay) {
    lastDayPrefix = new Date(day * DAY).toISOString().slice(0, 11);
    lastDay = day;
  }
  let rest = ms - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const fraction = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${lastDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${fraction}Z`;
}
