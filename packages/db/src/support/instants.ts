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
