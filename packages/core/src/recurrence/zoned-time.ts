/**
 * The instant (RFC 3339 with the zone's offset) of a local wall-clock time in `timeZone`.
 * A time in a spring-forward gap moves forward; an ambiguous one takes the earlier instant.
 * TODO(core helper): implement.
 */
export function localToInstant(_local: string, _timeZone: string): string {
  throw new Error('not implemented');
}

/** The local wall-clock time `YYYY-MM-DDTHH:mm:ss` of an instant in `timeZone`. */
export function instantToLocal(_instant: string, _timeZone: string): string {
  throw new Error('not implemented');
}

/** The same instant rendered with `timeZone`'s offset (`2026-12-05T08:00:00+08:00`). */
export function formatInstant(_instant: string | Date, _timeZone: string): string {
  throw new Error('not implemented');
}
