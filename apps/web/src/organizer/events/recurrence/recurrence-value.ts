import { withSeconds } from './preview-occurrences.ts';
import { defaultEnd, type Preset, presetOf, presetRule, type RuleEnd } from './rule-presets.ts';

/** What the recurrence editor holds; `recurrenceOf` turns it into the API's `recurrence`. */
export interface RecurrenceValue {
  preset: Preset;
  end: RuleEnd;
  /** The RRULE typed for the "custom" preset. */
  custom: string;
  /** Local starts (`YYYY-MM-DDTHH:mm:ss`) left out: EXDATE. */
  skips: string[];
  /** A week moved: its start left out (EXDATE) and the new start added (RDATE). */
  moves: { from: string; to: string }[];
  /** Other extra local starts (RDATE), as an event stored them. */
  extras: string[];
}

export const emptyRecurrence: RecurrenceValue = {
  preset: 'weekly',
  end: defaultEnd,
  custom: '',
  skips: [],
  moves: [],
  extras: [],
};

/** The API's `recurrence` for the editor's value and start date, or null for "once". */
export function recurrenceOf(
  value: RecurrenceValue,
  date: string,
): { rrule: string | null; exdates: string[]; rdates: string[] } | null {
  const rrule = presetRule(value.preset, date, value.end, value.custom);
  const exdates = [...value.skips, ...value.moves.map((move) => move.from)];
  const rdates = [...value.extras, ...value.moves.map((move) => move.to)];
  if (rrule === null && exdates.length === 0 && rdates.length === 0) return null;
  return { rrule: rrule === '' ? null : rrule, exdates, rdates };
}

/** The editor's value for a stored event's recurrence (exceptions read as skips and extras). */
export function recurrenceValueOf(
  recurrence: { rrule: string | null; exdates: string[]; rdates: string[] } | null,
  date: string,
): RecurrenceValue {
  const { preset, end } = presetOf(recurrence?.rrule ?? null, date);
  return {
    preset,
    end,
    custom: recurrence?.rrule ?? '',
    skips: (recurrence?.exdates ?? []).map(withSeconds),
    moves: [],
    extras: (recurrence?.rdates ?? []).map(withSeconds),
  };
}
