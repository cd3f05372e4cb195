// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// The shift search hides drafts' and cancelled events' shifts. Through a join to `events` that
// filter could only run after the join, so the search joined every shift of the subtree's week
// (~800 index probes into events) to return a page of 50. With the event's status on the shift,
// the page is found on `shifts` alone and only its rows are joined.
// Triggers keep the copy true whatever writes: a new shift takes its event's status (the store
// passes it; bulk SQL inserts may not), and a change of `events.status` (publish, cancel) is
// copied to every shift of the event in the same statement.
// `rota_unit_path(id)` lets the search name its unit by id in the one statement and still be
// planned for the subtree's size: declared IMMUTABLE, it is evaluated while a statement sent
// with its parameters is planned (every statement the stores send), so ltree's selectivity sees
// the path as a constant (a subquery is a parameter, guessed at 0.1% of the shifts). It reads a
// table, which is true to the declaration only because units never move: nothing changes a
// unit's path once created. Do not use it in an index or a statement prepared once.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shifts add column event_status text`.execute(db);
  await sql`update shifts s set event_status = e.status from events e
    where e.id = s.event_id`.execute(db);
  await sql`alter table shifts alter column event_status set not null`.execute(db);
  await sql`alter table shifts add constraint shifts_event_status_check
    check (event_status in ('draft','published','cancelled'))`.execute(db);
  await sql`
    create function shifts_fill_event_status() returns trigger language plpgsql as $$
    begin
      if new.event_status is null then
        select e.status into new.event_status from events e where e.id = new.event_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger shifts_fill_event_status before insert on shifts
    for each row execute function shifts_fill_event_status()`.execute(db);
  await sql`
    create function events_copy_status_to_shifts() returns trigger language plpgsql as $$
    begin
      update shifts set event_status = new.status where event_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger events_copy_status_to_shifts after update of status on events
    for each row when (old.status is distinct from new.status)
    execute function events_copy_status_to_shifts()`.execute(db);
  await sql`create function rota_unit_path(unit_id text) returns ltree
    language sql immutable parallel safe
    as $$ select path from units where id = unit_id $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists rota_unit_path(text)`.execute(db);
  await sql`drop trigger if exists events_copy_status_to_shifts on events`.execute(db);
  await sql`drop function if exists events_copy_status_to_shifts()`.execute(db);
  await sql`drop trigger if exists shifts_fill_event_status on shifts`.execute(db);
  await sql`drop function if exists shifts_fill_event_status()`.execute(db);
  await sql`alter table shifts drop column event_status`.execute(db);
}
