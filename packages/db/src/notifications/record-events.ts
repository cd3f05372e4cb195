import type { NotificationType } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A domain event as the change's transaction records it. */
export interface OutboxEvent {
  type: NotificationType;
  occurredAt: string;
  /** The unit it belongs to; with only `shiftId`, the dispatcher takes the shift's event's unit. */
  unitId?: string | null | undefined;
  shiftId?: string | null | undefined;
  /** The signup, shift, occurrence or event as the API answers it (plus what changed). */
  data: unknown;
}

/**
 * Writes domain events to the outbox inside the change's transaction, in one statement: they
 * commit or roll back with the change (invariant 8). The dispatcher fans them out later.
 */
export async function recordEvents(
  trx: Transaction<Database>,
  events: readonly OutboxEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // One statement whatever the count (a group-commit batch records all its signups at once):
  // the rows travel as one JSON array.
  await sql`
    insert into outbox (type, occurred_at, unit_id, shift_id, data)
    select e.type, e.occurred_at, e.unit_id, e.shift_id, e.data
    from jsonb_to_recordset(${JSON.stringify(
      events.map((e) => ({
        type: e.type,
        occurred_at: e.occurredAt,
        unit_id: e.unitId ?? null,
        shift_id: e.shiftId ?? null,
        data: e.data,
      })),
    )}::jsonb) as e(type text, occurred_at timestamptz, unit_id text, shift_id text, data jsonb)`.execute(
    trx,
  );
}

/** Control records for the dispatcher (not domain events; never delivered as such). */
export type ControlType = 'webhook.ping' | 'webhook.redeliver' | 'webhook.resume';

/** Writes a control record: the dispatcher acts on it in order with the domain events. */
export async function recordControl(
  trx: Transaction<Database>,
  type: ControlType,
  data: Record<string, string>,
  now: string,
): Promise<void> {
  await sql`insert into outbox (type, occurred_at, data)
    values (${type}, ${now}::timestamptz, ${JSON.stringify(data)}::jsonb)`.execute(trx);
}
