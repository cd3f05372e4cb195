/**
 * Wall-clock time <-> instants in an IANA zone, on the runtime's Intl only (no process TZ:
 * every computation goes through `Date.UTC` and an `Intl.DateTimeFormat` pinned to the zone).
 * Rules match Temporal's `disambiguation: 'compatible'`: a wall time in a spring-forward gap
 * moves forward by the gap, an ambiguous one (fall-back) takes the earlier instant.
 * Resolution is one second (RFC 3339 output without fractions).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets by zone and epoch second. Bounded: cleared when it grows, since schedules hit the
// same few instants (each occurrence start is looked up two or three times).
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at epoch `ms`, in milliseconds (east positive). */
export function offsetAt(ms: number, timeZone: string): number {
  const second = Math.floor(ms / 1000) * 1000;
  const key = `${timeZone}|${second}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(second)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = utcMs(year, month, day, hour, minute, sec);
  const offset = wall - second;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** `Date.UTC` that also handles years 0-99 literally. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  // Date.UTC reads years 0-99 as 1900-1999; only those need the Date object (hot: every
  // instant a re-plan parses comes through here).
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y);
  return date.getTime();
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Epoch ms of a wall-clock string read as if it were UTC ("floating" time on one line). */
export function floatingMs(local: string): number {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`Not a local time YYYY-MM-DDTHH:mm[:ss]: ${local}`);
  return utcMs(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Wall-clock string `YYYY-MM-DDTHH:mm:ss` of a floating epoch ms (read as UTC). */
export function floatingString(ms: number): string {
  // Years 1970-9999 by arithmetic (days to civil date, H. Hinnant's algorithm): a re-plan
  // formats two per shift, and a Date with toISOString per call was a fifth of its time.
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return new Date(ms).toISOString().slice(0, 19);
  const days = Math.floor(ms / DAY);
  const daySeconds = Math.floor((ms - days * DAY) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(daySeconds / 3600);
  const minute = Math.floor((daySeconds % 3600) / 60);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(daySeconds % 60)}`;
}

/** Epoch ms of a wall-clock floating ms in `timeZone`, Temporal 'compatible' disambiguation. */
export function floatingToEpoch(floating: number, timeZone: string): number {
  // At most one transition lies within a day on either side, so the offsets a day before
  // and a day after are the only candidates.
  const before = offsetAt(floating - DAY, timeZone);
  const after = offsetAt(floating + DAY, timeZone);
  if (before === after) {
    // Common case; still verify (a zone may have changed within the day twice: rare).
    const t = floating - before;
    if (offsetAt(t, timeZone) === before) return t;
  }
  const earlier = floating - before;
  const later = floating - after;
  const earlierOk = offsetAt(earlier, timeZone) === before;
  const laterOk = offsetAt(later, timeZone) === after;
  if (earlierOk && laterOk) return Math.min(earlier, later);
  if (earlierOk) return earlier;
  if (laterOk) return later;
  // Gap: read the wall time with the offset in force before it, which lands after the gap.
  return floating - before;
}

/** `+08:00` / `-04:00` / `+00:00` for an offset in ms (seconds of historic LMT dropped). */
function offsetString(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.trunc(Math.abs(offsetMs) / MINUTE);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** RFC 3339 with `timeZone`'s offset for an epoch ms (truncated to the second). */
export function formatEpoch(ms: number, timeZone: string): string {
  const second = Math.floor(ms / 1000) * 1000;
  const offset = offsetAt(second, timeZone);
  return `${floatingString(second + offset)}${offsetString(offset)}`;
}

/**
 * A formatter like {@link formatEpoch} for instants in `[fromMs, toMs]`: when that span is at
 * most a day and the zone's offset is the same at both ends, no transition lies inside (at
 * most one transition falls within a day, as {@link floatingToEpoch} also assumes) and every
 * instant is formatted with that one offset, without asking Intl per instant (an occurrence of
 * 111 five-minute appointments would otherwise look up 111 offsets). Otherwise, formatEpoch.
 */
export function epochFormatter(
  fromMs: number,
  toMs: number,
  timeZone: string,
): (ms: number) => string {
  const offset = offsetAt(fromMs, timeZone);
  if (toMs - fromMs > DAY || toMs < fromMs || offsetAt(toMs, timeZone) !== offset) {
    return (ms) => formatEpoch(ms, timeZone);
  }
  const suffix = offsetString(offset);
  return (ms) => {
    if (ms < fromMs || ms > toMs) return formatEpoch(ms, timeZone);
    return `${floatingString(Math.floor(ms / 1000) * 1000 + offset)}${suffix}`;
  };
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shapes of {@link parseInstant} (`YYYY-MM-DDTHH:mm:ss[.fff](Z|±HH:mm)`) read
 * without the regular expression, which was most of a re-plan's comparison of 20,000 shifts'
 * times; NaN for anything else (the regular expression then decides).
 */
function parseCommonInstant(text: string): number {
  const n = text.length;
  const t = text[10];
  if (n < 20 || text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':')
    return Number.NaN;
  if (t !== 'T' && t !== 't' && t !== ' ') return Number.NaN;
  const c1 = digits2(text, 0);
  const c2 = digits2(text, 2);
  const mo = digits2(text, 5);
  const d = digits2(text, 8);
  const h = digits2(text, 11);
  const mi = digits2(text, 14);
  const s = digits2(text, 17);
  if (c1 < 0 || c2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return Number.NaN;
  let i = 19;
  let fraction = 0;
  if (text[i] === '.') {
    const from = i + 1;
    i = from;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === from) return Number.NaN;
    fraction = Number(`0.${text.slice(from, i)}`) * 1000;
  }
  const wall = utcMs(c1 * 100 + c2, mo, d, h, mi, s) + Math.floor(fraction);
  const z = text[i];
  if ((z === 'Z' || z === 'z') && i + 1 === n) return wall;
  if (z !== '+' && z !== '-') return Number.NaN;
  const oh = digits2(text, i + 1);
  const colon = text[i + 3] === ':' ? 1 : 0;
  const om = digits2(text, i + 3 + colon);
  if (oh < 0 || om < 0 || i + 5 + colon !== n) return Number.NaN;
  const offset = (oh * 60 + om) * MINUTE;
  return z === '-' ? wall + offset : wall - offset;
}

/** Epoch ms of an RFC 3339 instant (offset or `Z` required). Throws RangeError otherwise. */
export function parseInstant(instant: string): number {
  const common = parseCommonInstant(instant);
  if (!Number.isNaN(common)) return common;
  const m = INSTANT_RE.exec(instant);
  if (!m) throw new RangeError(`Not an RFC 3339 instant with offset: ${instant}`);
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const wall =
    utcMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) +
    Math.floor(fraction);
  if (m[8]) return wall;
  const offset = (Number(m[10]) * 60 + Number(m[11])) * MINUTE;
  return m[9] === '-' ? wall + offset : wall - offset;
}

/**
 * The instant (RFC 3339 with the zone's offset) of a local wall-clock time in `timeZone`.
 * A time in a spring-forward gap moves forward; an ambiguous one takes the earlier instant.
 *
 * @example
 * localToInstant('2026-12-05T08:00', 'Asia/Shanghai'); // '2026-12-05T08:00:00+08:00'
 * localToInstant('2026-03-08T02:30', 'America/New_York'); // '2026-03-08T03:30:00-04:00' (gap)
 * localToInstant('2026-11-01T01:30', 'America/New_York'); // '2026-11-01T01:30:00-04:00' (earlier)
 */
export function localToInstant(local: string, timeZone: string): string {
  return formatEpoch(floatingToEpoch(floatingMs(local), timeZone), timeZone);
}

/**
 * The local wall-clock time `YYYY-MM-DDTHH:mm:ss` of an instant in `timeZone`.
 *
 * @example
 * instantToLocal('2026-12-05T00:00:00Z', 'Asia/Shanghai'); // '2026-12-05T08:00:00'
 */
export function instantToLocal(instant: string, timeZone: string): string {
  const ms = Math.floor(parseInstant(instant) / 1000) * 1000;
  return floatingString(ms + offsetAt(ms, timeZone));
}

/**
 * The same instant rendered with `timeZone`'s offset (`2026-12-05T08:00:00+08:00`); never `Z`
 * (`+00:00` for UTC). To the second, as schedules are; `milliseconds: true` keeps them (as
 * `.123` when there are any) for records such as a signup's `createdAt` or `checkedInAt`,
 * written to the millisecond and shown in the event's zone like its shift times.
 *
 * @example
 * formatInstant('2026-12-05T00:00:00Z', 'Asia/Shanghai'); // '2026-12-05T08:00:00+08:00'
 * formatInstant(new Date(0), 'UTC'); // '1970-01-01T00:00:00+00:00'
 * formatInstant('2026-12-05T00:00:00.250Z', 'Asia/Shanghai', { milliseconds: true });
 * // '2026-12-05T08:00:00.250+08:00'
 */
export function formatInstant(
  instant: string | Date,
  timeZone: string,
  options: { milliseconds?: boolean } = {},
): string {
  const ms = typeof instant === 'string' ? parseInstant(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const text = formatEpoch(ms, timeZone);
  const fraction = ((ms % 1000) + 1000) % 1000;
  if (!options.milliseconds || fraction === 0) return text;
  // The offset is the last six characters (`+08:00`): the fraction goes before it.
  return `${text.slice(0, -6)}.${String(fraction).padStart(3, '0')}${text.slice(-6)}`;
}
