// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// The shift search filters by a unit's subtree. Through `events.unit_id` the planner could not
// estimate the ltree subtree and drove the query from the units (a nested loop over every event
// of the subtree); with the event's unit path on the shift itself, the subtree is a filter on
// the start-ordered scan, or the GiST (unit_path, start) index for a small unit.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shifts add column unit_path ltree`.execute(db);
  await sql`update shifts s set unit_path = u.path from events e join units u on u.id = e.unit_id
    where e.id = s.event_id`.execute(db);
  // Rows inserted without it (bulk SQL fixtures, older code) take it from their event.
  await sql`
    create function shifts_fill_unit_path() returns trigger language plpgsql as $$
    begin
      if new.unit_path is null then
        select u.path into new.unit_path from events e join units u on u.id = e.unit_id
        where e.id = new.event_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger shifts_fill_unit_path before insert on shifts
    for each row execute function shifts_fill_unit_path()`.execute(db);
  await sql`alter table shifts alter column unit_path set not null`.execute(db);
  await sql`create index shifts_unit_path_start on shifts using gist (unit_path, start)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists shifts_fill_unit_path on shifts`.execute(db);
  await sql`drop function if exists shifts_fill_unit_path()`.execute(db);
  await sql`alter table shifts drop column unit_path`.execute(db);
}
