// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql`create extension if not exists ltree`.execute(db);

  // Units form a tree; `path` (ltree of ids, '-' read as '_') makes a subtree one indexed
  // `path <@ ancestor` scan.
  await sql`
    create table units (
      id text primary key default gen_random_uuid()::text,
      name text not null,
      kind text not null check (kind in ('district','subdistrict','community','grid','organization')),
      parent_id text references units (id),
      path ltree not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index units_path_gist on units using gist (path)`.execute(db);
  await sql`create index units_parent on units (parent_id, created_at, id)`.execute(db);
  await sql`create index units_created on units (created_at, id)`.execute(db);

  await sql`
    create table people (
      id text primary key default gen_random_uuid()::text,
      name text not null,
      unit_id text not null references units (id),
      phone text,
      birth_date date,
      tags text[] not null default '{}',
      feed_key text not null unique,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index people_tags on people using gin (tags)`.execute(db);
  await sql`create index people_unit on people (unit_id)`.execute(db);

  // Only the SHA-256 of a token's secret is stored.
  await sql`
    create table tokens (
      id text primary key default gen_random_uuid()::text,
      secret_hash text not null unique,
      role text not null check (role in ('admin','organizer','volunteer')),
      unit_id text references units (id),
      person_id text references people (id),
      label text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index tokens_role on tokens (role)`.execute(db);

  await sql`
    create table events (
      id text primary key default gen_random_uuid()::text,
      unit_id text not null references units (id),
      kind text not null,
      template text,
      title text not null,
      description text,
      location jsonb,
      time_zone text not null,
      start_local text not null,
      starts_at timestamptz not null,
      duration_minutes integer not null,
      recurrence jsonb,
      signup_window jsonb not null,
      slots jsonb not null,
      status text not null check (status in ('draft','published','cancelled')),
      version integer not null default 1,
      cancel_reason text,
      published_at timestamptz,
      materialized_until timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index events_unit on events (unit_id)`.execute(db);
  await sql`create index events_created on events (created_at, id)`.execute(db);
  await sql`create index events_horizon on events (materialized_until) where status = 'published'`.execute(
    db,
  );

  // One row per concrete time of an event, keyed by the start the rule gave it.
  await sql`
    create table occurrences (
      id text primary key default gen_random_uuid()::text,
      event_id text not null references events (id),
      original_local_start text not null,
      local_start text not null,
      start timestamptz not null,
      "end" timestamptz not null,
      status text not null default 'scheduled' check (status in ('scheduled','cancelled')),
      cancel_reason text,
      constraint occurrences_original_unique unique (event_id, original_local_start)
    )`.execute(db);
  await sql`create index occurrences_event_start on occurrences (event_id, start, id)`.execute(db);

  // A shift carries its slot's eligibility so that the search is one query over this table.
  await sql`
    create table shifts (
      id text primary key default gen_random_uuid()::text,
      event_id text not null references events (id),
      occurrence_id text not null references occurrences (id),
      slot_key text not null,
      sequence integer not null,
      name text not null,
      role text not null check (role in ('volunteer','attendee')),
      start timestamptz not null,
      "end" timestamptz not null,
      local_date date not null,
      capacity integer not null check (capacity >= 1),
      seats_taken integer not null default 0,
      waitlist_count integer not null default 0 check (waitlist_count >= 0),
      min_needed integer not null default 0,
      max_party_size integer not null default 1,
      min_age integer,
      max_age integer,
      companion_min_age integer,
      companion_max_age integer,
      required_tags text[] not null default '{}',
      waitlist boolean not null default true,
      status text not null default 'open' check (status in ('open','cancelled')),
      constraint shifts_seats_within_capacity check (seats_taken between 0 and capacity),
      constraint shifts_slot_unique unique (occurrence_id, slot_key, sequence)
    )`.execute(db);
  await sql`create index shifts_start on shifts (start, id)`.execute(db);
  await sql`create index shifts_event on shifts (event_id, start)`.execute(db);

  // Join order for the waitlist: taken from one sequence while the shift row is locked.
  await sql`create sequence signup_join_seq`.execute(db);
  await sql`
    create table signups (
      id text primary key default gen_random_uuid()::text,
      shift_id text not null references shifts (id),
      person_id text not null references people (id),
      seats integer not null check (seats >= 1),
      companions jsonb not null default '[]',
      note text,
      status text not null check (status in ('confirmed','waitlisted','cancelled')),
      join_seq bigint not null default nextval('signup_join_seq'),
      role text not null check (role in ('volunteer','attendee')),
      period tstzrange not null,
      created_at timestamptz not null,
      cancelled_at timestamptz,
      cancel_reason text,
      checked_in_at timestamptz,
      checked_out_at timestamptz,
      no_show boolean not null default false,
      constraint signups_no_double_booking exclude using gist (person_id with =, period with &&)
        where (status = 'confirmed' and role = 'volunteer')
    )`.execute(db);
  await sql`create unique index signups_one_active_per_shift on signups (shift_id, person_id)
    where status in ('confirmed','waitlisted')`.execute(db);
  await sql`create index signups_shift_join on signups (shift_id, join_seq)`.execute(db);
  await sql`create index signups_waitlist on signups (shift_id, join_seq) where status = 'waitlisted'`.execute(
    db,
  );
  await sql`create index signups_person on signups (person_id, created_at)`.execute(db);

  await sql`
    create table idempotency_records (
      scope text not null,
      key text not null,
      request_hash text not null,
      status integer,
      body jsonb,
      claimed_at timestamptz not null,
      completed_at timestamptz,
      created_at timestamptz not null,
      primary key (scope, key)
    )`.execute(db);
  await sql`create index idempotency_created on idempotency_records (created_at)`.execute(db);

  // Whole years of age on a date; a 29 February birthday counts on 1 March (as core's ageOn).
  await sql`
    create function rota_age(birth date, on_date date) returns integer
    language sql immutable strict as $$
      select (extract(year from on_date) - extract(year from birth))::integer
        - case when to_char(on_date, 'MMDD') < to_char(birth, 'MMDD') then 1 else 0 end
    $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_records',
    'signups',
    'shifts',
    'occurrences',
    'events',
    'tokens',
    'people',
    'units',
  ]) {
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  }
  await sql`drop sequence if exists signup_join_seq`.execute(db);
  await sql`drop function if exists rota_age(date, date)`.execute(db);
}
