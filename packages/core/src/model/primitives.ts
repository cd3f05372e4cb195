import * as z from 'zod';
import { storableText } from './storable-text.ts';

/** Year 0000 passes the ISO patterns but not PostgreSQL (there is no year 0): refuse it. */
const fromYearOne = (value: string) => !value.startsWith('0000');

/** `YYYY-MM-DD`, a real calendar date (years 0001-9999). */
export const dateSchema = z.iso.date().refine(fromYearOne, 'must be in years 1-9999');

/** `YYYY-MM-DDTHH:mm[:ss]`: a wall-clock time in an event's time zone (no offset). */
export const localDateTimeSchema = storableText
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be a local time YYYY-MM-DDTHH:mm[:ss]')
  .refine(isValidLocalDateTime, 'must be a real date and time');

/** An RFC 3339 instant with an offset (`2026-12-05T08:00:00+08:00` or `...Z`). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine(fromYearOne, 'must be in years 1-9999');

/** An IANA time zone name that this runtime knows (`Asia/Shanghai`). */
export const timeZoneSchema = storableText
  .min(1)
  .max(100)
  .refine(isValidTimeZone, 'unknown time zone');

export const nameSchema = storableText.trim().min(1).max(200);
export const descriptionSchema = storableText.max(5000);
export const noteSchema = storableText.max(500);
export const idSchema = storableText.min(1).max(100);
/** A qualification tag such as `medical` or `law-enforcement`. */
export const tagSchema = storableText.regex(
  /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,49}$/u,
  'must be 1-50 letters, digits, - or _',
);

/** True for `YYYY-MM-DDTHH:mm[:ss]` naming a real calendar date and clock time. */
export function isValidLocalDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  if (y! < 1 || mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || s! > 59) return false;
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return d! <= daysInMonth;
}

/** True when the runtime's Intl knows this IANA zone. Pure: Intl ships with the runtime. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
