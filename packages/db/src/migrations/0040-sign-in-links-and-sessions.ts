// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// One-time sign-in links and the browser sessions they open (issue 14). Like tokens, only the
// SHA-256 of a code or a session id is stored: a copy of the database signs no one in.
// A session belongs to the link that opened it, so revoking a link (a lost phone) ends its
// sessions too; deleting a session row is signing out.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sign_in_links (
      id text primary key default gen_random_uuid()::text,
      code_hash text not null unique,
      role text not null check (role in ('organizer','volunteer')),
      unit_id text references units (id),
      person_id text references people (id),
      label text,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null,
      check ((role = 'organizer') = (unit_id is not null)),
      check ((role = 'volunteer') = (person_id is not null))
    )`.execute(db);
  await sql`
    create table sessions (
      id text primary key default gen_random_uuid()::text,
      secret_hash text not null unique,
      link_id text not null references sign_in_links (id) on delete cascade,
      role text not null check (role in ('organizer','volunteer')),
      unit_id text references units (id),
      person_id text references people (id),
      created_at timestamptz not null,
      last_seen_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_link on sessions (link_id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists sessions`.execute(db);
  await sql`drop table if exists sign_in_links`.execute(db);
}
