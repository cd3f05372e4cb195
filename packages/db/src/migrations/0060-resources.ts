// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// Resources (a shovel truck, three loaders) and their bookings: invariant 7, "a resource is never
// booked beyond its quantity at any instant", enforced by the database itself, whatever writes.
// See docs/decisions/0016-resource-bookings-lock-and-sum.md for the alternatives measured.
//
// - Every statement that inserts or changes bookings fires `rota_check_bookings` once
//   (a statement trigger over the transition table): it locks the resource rows it touches, in id
//   order, FOR NO KEY UPDATE (not FOR UPDATE: the foreign key of a booking takes KEY SHARE on its
//   resource, which FOR UPDATE would wait on, deadlocking two bookers), then sums the bookings
//   overlapping each new one at every instant where the sum can change (the starts). Under READ
//   COMMITTED each statement of the function takes a fresh snapshot, so the sum runs after the
//   lock and sees every booking committed before it: two bookers of one resource are serialized.
// - Lowering a resource's quantity, or retiring it, takes the same row lock (an UPDATE) and
//   `rota_check_resource_quantity` refuses it when a booking ending after "now" would no longer
//   fit. "Now" is the transaction's `rota.now` setting when the store sets it (tests pin the
//   clock), else the server's clock.
// - Refusals raise SQLSTATE RT409 with the conflicts as JSON in DETAIL; the stores turn that into
//   the 409 `resource_conflict` answer. Nothing else is written: the statement fails.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table resources (
      id text primary key default gen_random_uuid()::text,
      unit_id text not null references units (id),
      name text not null,
      kind text,
      quantity integer not null check (quantity between 0 and 100000),
      note text,
      retired_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index resources_unit on resources (unit_id, created_at, id)`.execute(db);
  await sql`create index resources_created on resources (created_at, id)`.execute(db);

  // What an event asks for, per occurrence: [{ resourceId, quantity, offsetMinutes,
  // durationMinutes (null: to the end of the occurrence) }].
  await sql`alter table events add column resources jsonb not null default '[]'`.execute(db);

  // One booking per (occurrence, resource): the event's claim for that occurrence's time span.
  // A released booking is deleted; past ones stay as the history.
  await sql`
    create table bookings (
      id text primary key default gen_random_uuid()::text,
      resource_id text not null references resources (id),
      event_id text not null references events (id),
      occurrence_id text not null references occurrences (id),
      quantity integer not null check (quantity >= 1),
      period tstzrange not null check (not isempty(period)),
      created_at timestamptz not null,
      constraint bookings_one_per_occurrence unique (occurrence_id, resource_id)
    )`.execute(db);
  await sql`create index bookings_resource_period on bookings using gist (resource_id, period)`.execute(
    db,
  );
  await sql`create index bookings_event on bookings (event_id)`.execute(db);

  // An occurrence reached by the horizon whose bookings did not fit: what was missing
  // ([{ resourceId, wanted, free, heldBy }]); null when everything it asks for is booked.
  await sql`alter table occurrences add column resource_shortfall jsonb`.execute(db);
  await sql`create index occurrences_resource_shortfall on occurrences (start)
    where resource_shortfall is not null`.execute(db);

  // The most booked at any instant of `period` (0 when nothing overlaps): the sum can only rise
  // at a booking's start, so it is the largest sum over the window's start and those starts.
  await sql`
    create function rota_peak_booked(rid text, p tstzrange) returns integer
    language sql stable as $$
      select coalesce(max((select sum(b.quantity) from bookings b
               where b.resource_id = rid and b.period @> pt.at)), 0)::integer
      from (select lower(p) as at
            union
            select lower(b.period) from bookings b
            where b.resource_id = rid and b.period && p and lower(b.period) > lower(p)) pt
    $$`.execute(db);

  await sql`
    create function rota_check_bookings() returns trigger language plpgsql as $$
    declare
      conflicts jsonb;
    begin
      perform 1 from resources r
        where r.id in (select distinct n.resource_id from new_bookings n)
        order by r.id for no key update;
      -- Who holds the rest is looked up for the conflicts only.
      with checked as (
        select n.id, n.resource_id, r.name, n.event_id, n.occurrence_id, n.period,
          n.quantity as wanted,
          case when r.retired_at is not null then 0
               else r.quantity - (rota_peak_booked(n.resource_id, n.period) - n.quantity) end as free
        from new_bookings n join resources r on r.id = n.resource_id
      )
      select jsonb_agg(jsonb_build_object(
          'bookingId', c.id, 'resourceId', c.resource_id, 'resourceName', c.name,
          'eventId', c.event_id, 'occurrenceId', c.occurrence_id,
          'occurrenceStart', (select oc.start from occurrences oc where oc.id = c.occurrence_id),
          'start', lower(c.period), 'end', upper(c.period),
          'wanted', c.wanted, 'free', greatest(c.free, 0),
          'heldBy', (select coalesce(jsonb_agg(distinct jsonb_build_object('eventId', e.id,
                        'title', e.title)), '[]'::jsonb)
                     from bookings o join events e on e.id = o.event_id
                     where o.resource_id = c.resource_id and o.period && c.period
                       and o.event_id <> c.event_id))
          order by lower(c.period), c.resource_id)
        into conflicts
      from checked c
      where c.free < c.wanted;
      if conflicts is not null then
        raise exception 'resource_conflict' using errcode = 'RT409', detail = conflicts::text;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger bookings_check_insert after insert on bookings
    referencing new table as new_bookings
    for each statement execute function rota_check_bookings()`.execute(db);
  await sql`create trigger bookings_check_update after update on bookings
    referencing new table as new_bookings
    for each statement execute function rota_check_bookings()`.execute(db);

  await sql`
    create function rota_check_resource_quantity() returns trigger language plpgsql as $$
    declare
      since timestamptz := coalesce(nullif(current_setting('rota.now', true), '')::timestamptz, now());
      conflicts jsonb;
    begin
      if new.quantity >= old.quantity and (new.retired_at is null or old.retired_at is not null) then
        return new;
      end if;
      with future as (
        select b.* from bookings b where b.resource_id = new.id and upper(b.period) > since
      ), over as (
        select distinct greatest(lower(f.period), since) as at from future f
        where new.retired_at is not null
           or (select sum(g.quantity) from future g
               where g.period @> greatest(lower(f.period), since)) > new.quantity
      )
      select jsonb_agg(jsonb_build_object(
          'bookingId', f.id, 'eventId', f.event_id, 'title', e.title,
          'occurrenceId', f.occurrence_id, 'start', lower(f.period), 'end', upper(f.period),
          'quantity', f.quantity) order by lower(f.period), f.id)
        into conflicts
      from future f join events e on e.id = f.event_id
      where exists (select 1 from over where f.period @> over.at);
      if conflicts is not null then
        raise exception 'resource_conflict' using errcode = 'RT409', detail = conflicts::text;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger resources_check_quantity before update of quantity, retired_at
    on resources for each row execute function rota_check_resource_quantity()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists bookings`.execute(db);
  await sql`drop trigger if exists resources_check_quantity on resources`.execute(db);
  await sql`drop function if exists rota_check_resource_quantity()`.execute(db);
  await sql`drop function if exists rota_check_bookings()`.execute(db);
  await sql`drop function if exists rota_peak_booked(text, tstzrange)`.execute(db);
  await sql`alter table occurrences drop column if exists resource_shortfall`.execute(db);
  await sql`alter table events drop column if exists resources`.execute(db);
  await sql`drop table if exists resources`.execute(db);
}
