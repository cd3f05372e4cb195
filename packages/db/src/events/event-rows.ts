import {
  type Event,
  type EventKind,
  formatInstant,
  type Location,
  type ReminderSettings,
  type ResourceRequest,
  type SignupWindow,
  type Slot,
} from '@rota/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** An events row as read (jsonb parsed). */
export interface EventRow {
  id: string;
  unit_id: string;
  kind: string;
  template: string | null;
  title: string;
  description: string | null;
  location: Location | null;
  time_zone: string;
  start_local: string;
  starts_at: string;
  duration_minutes: number;
  recurrence: { rrule: string | null; exdates: string[]; rdates: string[] } | null;
  signup_window: SignupWindow;
  slots: Slot[];
  resources: ResourceRequest[];
  reminders: ReminderSettings | null;
  status: 'draft' | 'published' | 'cancelled';
  version: number;
  cancel_reason: string | null;
  published_at: string | null;
  materialized_until: string | null;
  created_at: string;
  updated_at: string;
  /** The path of the event's unit (ltree text), when read through readEvent. */
  unit_path?: string;
}

export const eventColumns = sql`e.*`;

export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    unitId: row.unit_id,
    kind: row.kind as EventKind,
    template: row.template as EventKind | null,
    title: row.title,
    description: row.description,
    location: row.location,
    timeZone: row.time_zone,
    start: row.start_local,
    durationMinutes: row.duration_minutes,
    recurrence: row.recurrence,
    signupWindow: row.signup_window,
    // Slots stored before `onePerPerson` existed read as off (their shifts were made so).
    slots: row.slots.map((slot) => ({ ...slot, onePerPerson: slot.onePerPerson === true })),
    resources: row.resources ?? [],
    ...(row.reminders != null ? { reminders: row.reminders } : {}),
    status: row.status,
    version: row.version,
    cancelReason: row.cancel_reason,
    // Records, shown in the event's zone like its shift times (to the millisecond).
    createdAt: formatInstant(row.created_at, row.time_zone, { milliseconds: true }),
    updatedAt: formatInstant(row.updated_at, row.time_zone, { milliseconds: true }),
  };
}

/** An event row with its unit's path (which the shifts it materializes carry). */
export async function readEvent(db: Kysely<Database>, id: string): Promise<EventRow | undefined> {
  const { rows } = await sql<EventRow>`
    select e.*, u.path::text as unit_path from events e join units u on u.id = e.unit_id
    where e.id = ${id}`.execute(db);
  return rows[0];
}

/**
 * {@link readEvent}, locking the event row FOR UPDATE in `trx` until it ends: every command
 * that changes an event or its occurrences takes this lock first, so that two of them on one
 * event run one after the other.
 */
export async function lockEvent(
  trx: Transaction<Database>,
  id: string,
): Promise<EventRow | undefined> {
  const { rows } = await sql<EventRow>`
    select e.*, u.path::text as unit_path from events e join units u on u.id = e.unit_id
    where e.id = ${id} for update of e`.execute(trx);
  return rows[0];
}
