// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// A change of `events.status` is copied to its shifts (0004). The copy rewrote every shift of
// the event, even those already carrying the new status: cancelling an event whose future
// shifts the store had just cancelled (and marked) rewrote ~20,000 rows twice. Now only the
// rows that differ are written.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function events_copy_status_to_shifts() returns trigger
    language plpgsql as $$
    begin
      update shifts set event_status = new.status
      where event_id = new.id and event_status is distinct from new.status;
      return null;
    end $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function events_copy_status_to_shifts() returns trigger
    language plpgsql as $$
    begin
      update shifts set event_status = new.status where event_id = new.id;
      return null;
    end $$`.execute(db);
}
