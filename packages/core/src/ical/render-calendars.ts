import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Event } from '../model/event.ts';
import type { Occurrence as MaterializedOccurrence } from '../model/shift.ts';
import type { SignupWithShift } from '../model/signup.ts';
import { floatingMs, floatingToEpoch, parseInstant } from '../recurrence/zoned-time.ts';
import { vtimezone } from './vtimezone.ts';

const PRODID = { company: 'Rota', product: 'Rota', language: 'EN' };
// VTIMEZONE observances cover this many years past the event's start (or the last override).
const ZONE_YEARS = 15;

/** A luxon DateTime of an epoch ms in `zone` (ical-generator writes its wall clock + TZID). */
// RFC 5545 ends every content line, the last one too, with CRLF; ical-generator omits it.
const withFinalCrlf = (text: string): string => (text.endsWith('\r\n') ? text : `${text}\r\n`);
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
const zoned = (ms: number, zone: string): DateTime => DateTime.fromMillis(ms, { zone });
/** `20261205T080000` from a local `YYYY-MM-DDTHH:mm[:ss]`. */
const icalLocal = (local: string): string => {
  const [date, time = ''] = local.split('T');
  return `${date!.replace(/-/g, '')}T${`${time.replace(/:/g, '')}00`.slice(0, 6)}`;
};

/**
 * An event as RFC 5545 text (CRLF, 75-octet folding that never splits a UTF-8 character,
 * escaped text): one master VEVENT with DTSTART/DTEND in the event's zone (TZID), RRULE,
 * EXDATE (the schedule's exdates plus cancelled occurrences), RDATE, a VTIMEZONE for the zone,
 * and one VEVENT per moved occurrence with the same UID and RECURRENCE-ID set to the start the
 * rule gave it. `now` (RFC 3339) stamps DTSTAMP; a cancelled event gets STATUS:CANCELLED.
 *
 * @example
 * renderEventCalendar(event, [movedOccurrence, cancelledOccurrence], '2026-12-01T00:00:00Z');
 * // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...BEGIN:VEVENT\r\nUID:evt_1@rota\r\n...RRULE:FREQ=WEEKLY...'
 */
export function renderEventCalendar(
  event: Event,
  overrides: readonly MaterializedOccurrence[],
  now: string,
): string {
  const zone = event.timeZone;
  // RFC 5545 3.8.7.4: SEQUENCE grows with every significant change, or calendar apps keep the
  // old time. The event's version grows with every change (an occurrence's move or cancel
  // included), from 1.
  const sequence = Math.max(0, event.version - 1);
  const stamp = DateTime.fromMillis(parseInstant(now), { zone: 'UTC' });
  const uid = `${event.id}@rota`;
  const startMs = floatingToEpoch(floatingMs(event.start), zone);
  const years = [new Date(floatingMs(event.start)).getUTCFullYear()];
  for (const o of overrides) years.push(new Date(parseInstant(o.start)).getUTCFullYear());
  const fromYear = Math.min(...years);
  const toYear = Math.max(...years, fromYear + ZONE_YEARS);

  const calendar = ical({
    prodId: PRODID,
    // ical-generator writes the calendar name unescaped: keep it on one line.
    name: oneLine(event.title),
    timezone: { name: '', generator: (tz) => vtimezone(tz, fromYear, toYear) },
  });
  const location = event.location
    ? [event.location.name, event.location.address].filter(Boolean).join(', ')
    : null;

  const cancelled = overrides.filter((o) => o.status === 'cancelled');
  const moved = overrides.filter(
    (o) => o.status !== 'cancelled' && o.localStart !== o.originalLocalStart,
  );
  const recurrence: string[] = [];
  if (event.recurrence?.rrule) recurrence.push(`RRULE:${event.recurrence.rrule.toUpperCase()}`);
  const exdates = [
    ...(event.recurrence?.exdates ?? []),
    ...cancelled.map((o) => o.originalLocalStart),
  ];
  if (exdates.length > 0) {
    recurrence.push(`EXDATE;TZID=${zone}:${[...new Set(exdates.map(icalLocal))].join(',')}`);
  }
  if (event.recurrence?.rdates.length) {
    recurrence.push(`RDATE;TZID=${zone}:${event.recurrence.rdates.map(icalLocal).join(',')}`);
  }

  calendar.createEvent({
    id: uid,
    stamp,
    start: zoned(startMs, zone),
    end: zoned(startMs + event.durationMinutes * 60_000, zone),
    timezone: zone,
    summary: event.title,
    description: event.description,
    location,
    repeating: recurrence.length > 0 ? recurrence.join('\r\n') : null,
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    sequence,
  });
  for (const o of moved) {
    calendar.createEvent({
      id: uid,
      stamp,
      recurrenceId: zoned(floatingToEpoch(floatingMs(o.originalLocalStart), zone), zone),
      start: zoned(parseInstant(o.start), zone),
      end: zoned(parseInstant(o.end), zone),
      timezone: zone,
      summary: event.title,
      description: event.description,
      location,
      status: ICalEventStatus.CONFIRMED,
      sequence,
    });
  }
  return withFinalCrlf(calendar.toString());
}

/**
 * A person's shifts as RFC 5545 text (a subscribable feed): one VEVENT per confirmed or
 * cancelled signup (UID from the signup id), in UTC, titled "<event title>: <shift name>", with
 * the event's location and description. A cancelled signup stays, as STATUS:CANCELLED with a
 * higher SEQUENCE, so that subscribed calendars show it was cancelled rather than dropping it
 * silently; waitlisted signups are left out. `now` stamps DTSTAMP.
 *
 * @example
 * renderPersonCalendar({ id: 'per_1', name: '王芳' }, signups, '2026-12-01T00:00:00Z');
 * // 'BEGIN:VCALENDAR\r\n...X-WR-CALNAME:王芳 (Rota)\r\n...BEGIN:VEVENT\r\nUID:sig_1@rota\r\n...'
 */
export function renderPersonCalendar(
  person: { id: string; name: string },
  signups: readonly SignupWithShift[],
  now: string,
): string {
  const stamp = DateTime.fromMillis(parseInstant(now), { zone: 'UTC' });
  const calendar = ical({ prodId: PRODID, name: oneLine(`${person.name} (Rota)`) });
  for (const signup of signups) {
    if (signup.status !== 'confirmed' && signup.status !== 'cancelled') continue;
    const cancelled = signup.status === 'cancelled';
    const { location, description } = signup.event;
    calendar.createEvent({
      id: `${signup.id}@rota`,
      stamp,
      start: DateTime.fromMillis(parseInstant(signup.shift.start), { zone: 'UTC' }),
      end: DateTime.fromMillis(parseInstant(signup.shift.end), { zone: 'UTC' }),
      summary: `${signup.event.title}: ${signup.shift.name}`,
      location: location ? [location.name, location.address].filter(Boolean).join(', ') : null,
      description: description ?? null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // The event's changes move the shift; a cancel is one more change on top.
      sequence: Math.max(0, (signup.event.version ?? 1) - 1) + (cancelled ? 1 : 0),
    });
  }
  return withFinalCrlf(calendar.toString());
}
