import type { Schemas } from '@rota/client';
import type { EventInput } from '@rota/core';
import type { EventKind, SlotInput, Template } from './event-queries.ts';
import {
  emptyRecurrence,
  type RecurrenceValue,
  recurrenceOf,
  recurrenceValueOf,
} from './recurrence/recurrence-value.ts';

/** What the event form holds (create and edit alike). */
export interface EventFormValues {
  template: EventKind | undefined;
  kind: EventKind;
  unitId: string;
  title: string;
  description: string;
  locationName: string;
  locationAddress: string;
  timeZone: string;
  /** `YYYY-MM-DD` and `HH:mm`: the first occurrence, wall clock in `timeZone`. */
  date: string;
  time: string;
  durationMinutes: number;
  recurrence: RecurrenceValue;
  slots: SlotInput[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The next Saturday after `today` (`YYYY-MM-DD`): a new event's first guess. */
export function nextSaturday(today: Date): string {
  const day = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  const ahead = ((6 - day.getUTCDay() + 7) % 7) + 7 * Number(day.getUTCDay() === 6);
  day.setUTCDate(day.getUTCDate() + ahead);
  return day.toISOString().slice(0, 10);
}

/** A new event from a template: its kind, duration and slots; weekly, four times. */
export function valuesFromTemplate(
  template: Template,
  unitId: string,
  date: string,
): EventFormValues {
  return {
    template: template.kind,
    kind: template.kind,
    unitId,
    title: template.name,
    description: '',
    locationName: '',
    locationAddress: '',
    timeZone: DEFAULT_TIME_ZONE,
    date,
    time: '09:00',
    durationMinutes: template.durationMinutes,
    recurrence: emptyRecurrence,
    slots: template.slots.map((slot) => ({ ...slot })),
  };
}

/** A stored event in the form (for editing). */
export function valuesFromEvent(event: Schemas['Event']): EventFormValues {
  const date = event.start.slice(0, 10);
  return {
    template: event.template ?? undefined,
    kind: event.kind,
    unitId: event.unitId,
    title: event.title,
    description: event.description ?? '',
    locationName: event.location?.name ?? '',
    locationAddress: event.location?.address ?? '',
    timeZone: event.timeZone,
    date,
    time: event.start.slice(11, 16),
    durationMinutes: event.durationMinutes,
    recurrence: recurrenceValueOf(event.recurrence, date),
    slots: event.slots.map((slot) => ({ ...slot, requiredTags: [...slot.requiredTags] })),
  };
}

export function startOf(values: Pick<EventFormValues, 'date' | 'time'>): string {
  return `${values.date}T${values.time}`;
}

function locationOf(values: EventFormValues) {
  if (!values.locationName.trim()) return undefined;
  return {
    name: values.locationName.trim(),
    ...(values.locationAddress.trim() ? { address: values.locationAddress.trim() } : {}),
  };
}

/** The POST /v1/events body (`status` says draft or published). */
export function eventInputOf(
  values: EventFormValues,
  status: 'draft' | 'published' = 'draft',
): EventInput {
  const recurrence = recurrenceOf(values.recurrence, values.date);
  const location = locationOf(values);
  return {
    unitId: values.unitId,
    kind: values.kind,
    ...(values.template ? { template: values.template } : {}),
    title: values.title.trim(),
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
    ...(location ? { location } : {}),
    timeZone: values.timeZone,
    start: startOf(values),
    durationMinutes: values.durationMinutes,
    ...(recurrence ? { recurrence } : {}),
    slots: values.slots,
    status,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH body: only what changed, so that the server re-plans (and holds the new schedule
 * to its rules) only for what the organizer touched.
 */
export function eventPatchOf(
  values: EventFormValues,
  before: EventFormValues,
): Record<string, unknown> {
  const now = eventInputOf(values);
  const then = eventInputOf(before);
  const patch: Record<string, unknown> = {};
  for (const key of ['kind', 'title', 'timeZone', 'start', 'durationMinutes', 'slots'] as const) {
    if (!same(now[key], then[key])) patch[key] = now[key];
  }
  if (!same(now.description, then.description)) patch.description = now.description ?? null;
  if (!same(now.location, then.location)) patch.location = now.location ?? null;
  if (!same(now.recurrence, then.recurrence)) patch.recurrence = now.recurrence ?? null;
  return patch;
}
