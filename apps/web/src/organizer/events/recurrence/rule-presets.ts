// The recurrence editor's presets in plain words ("every Saturday", "the first Monday of each
// month", "every weekday", "once") and the RRULE each stands for. The weekday and the week of
// the month come from the start date: the server refuses a rule that does not produce the
// start (calendar programs disagree on such a start), so a preset always matches it.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const PRESETS = ['once', 'weekly', 'monthly', 'weekdays', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** How a repeating rule ends: after a number of times, on a date, or not at all. */
export type RuleEnd =
  | { kind: 'count'; count: number }
  | { kind: 'until'; until: string }
  | { kind: 'never' };

/** The weekday of a `YYYY-MM-DD` date (a calendar date: no zone involved). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7]!;
}

/**
 * Which of its weekday in the month a date is: 1 to 4, or -1 for the fifth (the last: a
 * "fifth Monday" is missing from most months, "the last Monday" is not).
 */
export function weekOfMonth(date: string): 1 | 2 | 3 | 4 | -1 {
  const day = Number(date.slice(8, 10));
  const nth = Math.ceil(day / 7);
  return nth >= 5 ? -1 : (nth as 1 | 2 | 3 | 4);
}

/** The RRULE's end part (`;COUNT=4`, `;UNTIL=20270131`), empty for "never". */
function endPart(end: RuleEnd): string {
  if (end.kind === 'count') return `;COUNT=${end.count}`;
  if (end.kind === 'until') return `;UNTIL=${end.until.replaceAll('-', '')}`;
  return '';
}

/**
 * The RRULE of a preset for a start date, or null for "once" (no rule). "custom" returns the
 * custom text as typed (trimmed).
 *
 * @example
 * presetRule('weekly', '2026-12-12', { kind: 'count', count: 4 }, ''); // 'FREQ=WEEKLY;BYDAY=SA;COUNT=4'
 * presetRule('monthly', '2027-01-04', { kind: 'never' }, ''); // 'FREQ=MONTHLY;BYDAY=1MO'
 */
export function presetRule(preset: Preset, date: string, end: RuleEnd, custom: string) {
  switch (preset) {
    case 'once':
      return null;
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${weekdayOf(date)}${endPart(end)}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${weekOfMonth(date)}${weekdayOf(date)}${endPart(end)}`;
    case 'weekdays':
      return `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR${endPart(end)}`;
    case 'custom':
      return custom.trim();
  }
}

/**
 * The preset and end a stored rule reads as for its start date (the editor opens an event
 * with them); "custom" when no preset writes that rule.
 *
 * @example
 * presetOf('FREQ=WEEKLY;BYDAY=SA;COUNT=4', '2026-12-12'); // { preset: 'weekly', end: { kind: 'count', count: 4 } }
 */
export function presetOf(rrule: string | null, date: string): { preset: Preset; end: RuleEnd } {
  if (rrule === null || rrule.trim() === '') return { preset: 'once', end: defaultEnd };
  const parts = rrule.trim().toUpperCase().split(';');
  const count = parts.find((p) => p.startsWith('COUNT='));
  const until = parts.find((p) => /^UNTIL=\d{8}$/.test(p));
  let end: RuleEnd = { kind: 'never' };
  if (count) end = { kind: 'count', count: Number(count.slice(6)) };
  else if (until) {
    const u = until.slice(6);
    end = { kind: 'until', until: `${u.slice(0, 4)}-${u.slice(4, 6)}-${u.slice(6, 8)}` };
  }
  const core = parts.filter((p) => !p.startsWith('COUNT=') && !p.startsWith('UNTIL=')).join(';');
  if (parts.some((p) => p.startsWith('UNTIL=')) && end.kind !== 'until') {
    return { preset: 'custom', end };
  }
  for (const preset of ['weekly', 'monthly', 'weekdays'] as const) {
    if (presetRule(preset, date, { kind: 'never' }, '') === core) return { preset, end };
  }
  return { preset: 'custom', end };
}

/** A new event repeats four times unless the organizer says otherwise. */
export const defaultEnd: RuleEnd = { kind: 'count', count: 4 };
