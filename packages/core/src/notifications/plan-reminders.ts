import {
  floatingMs,
  floatingString,
  floatingToEpoch,
  formatEpoch,
  instantToLocal,
  parseInstant,
} from '../recurrence/zoned-time.ts';
import type { ReminderSettings } from './notification-types.ts';

/** One reminder of a signup: `kind` names the lead time (`day_before`, `hours_before_2`). */
export interface PlannedReminder {
  kind: string;
  dueAt: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The reminders a confirmed signup gets for a shift starting at `start` (an instant) in the
 * event's `timeZone`: the day before at `dayBeforeAt` local time, and `hoursBefore` hours
 * before. Reminders already due at `now` (or at or after the start) are left out: a signup
 * made an hour before its shift gets no "2 hours before" message.
 *
 * @example
 * planReminders('2026-12-05T09:00:00+08:00', 'Asia/Shanghai',
 *   { dayBeforeAt: '18:00', hoursBefore: [2] }, '2026-12-01T10:00:00+08:00');
 * // [{ kind: 'day_before', dueAt: '2026-12-04T18:00:00+08:00' },
 * //  { kind: 'hours_before_2', dueAt: '2026-12-05T07:00:00+08:00' }]
 */
export function planReminders(
  start: string,
  timeZone: string,
  settings: ReminderSettings,
  now: string,
): PlannedReminder[] {
  const startMs = parseInstant(start);
  const nowMs = parseInstant(now);
  const planned: PlannedReminder[] = [];
  if (settings.dayBeforeAt !== null) {
    const localDate = instantToLocal(start, timeZone).slice(0, 10);
    const dayBefore = floatingString(floatingMs(`${localDate}T00:00`) - DAY).slice(0, 10);
    const due = floatingToEpoch(floatingMs(`${dayBefore}T${settings.dayBeforeAt}`), timeZone);
    planned.push({ kind: 'day_before', dueAt: formatEpoch(due, timeZone) });
  }
  for (const hours of [...new Set(settings.hoursBefore)].sort((a, b) => b - a)) {
    planned.push({
      kind: `hours_before_${hours}`,
      dueAt: formatEpoch(startMs - hours * HOUR, timeZone),
    });
  }
  return planned.filter((r) => {
    const due = parseInstant(r.dueAt);
    return due > nowMs && due < startMs;
  });
}
