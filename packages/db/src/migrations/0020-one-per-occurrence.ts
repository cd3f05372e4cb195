// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// "One per person per occurrence" (issue 11): a slot can say that a person holds at most one
// place among its repeats on one occurrence (the 09:00, 09:30 and 10:00 appointments of one
// vaccination site). The shift carries the slot's setting; a signup carries the key it is
// unique on (`<occurrence id>:<slot key>`, null when the slot allows several), filled by a
// trigger from its shift so that every writer (the per-command path, the set-based batch, bulk
// SQL) is held to it; a partial unique index over the active signups enforces it, whatever
// the concurrency.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shifts add column one_per_person boolean not null default false`.execute(
    db,
  );
  await sql`alter table signups add column one_per_key text`.execute(db);
  await sql`
    create function signups_fill_one_per_key() returns trigger language plpgsql as $$
    begin
      select case when s.one_per_person then s.occurrence_id::text || ':' || s.slot_key end
        into new.one_per_key from shifts s where s.id = new.shift_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger signups_fill_one_per_key before insert on signups
    for each row execute function signups_fill_one_per_key()`.execute(db);
  await sql`create unique index signups_one_per_occurrence on signups (person_id, one_per_key)
    where one_per_key is not null and status in ('confirmed', 'waitlisted')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists signups_one_per_occurrence`.execute(db);
  await sql`drop trigger if exists signups_fill_one_per_key on signups`.execute(db);
  await sql`drop function if exists signups_fill_one_per_key()`.execute(db);
  await sql`alter table signups drop column one_per_key`.execute(db);
  await sql`alter table shifts drop column one_per_person`.execute(db);
}
