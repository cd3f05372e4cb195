// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// Secrets the server keeps for itself, shared by every process on the database: `cursor` signs
// the pagination cursors (HMAC), so that a cursor from one process verifies on another and a
// forged one is a 400. Random at creation (two v4 UUIDs: 244 random bits), never shown.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table secrets (
      name text primary key,
      value text not null
    )`.execute(db);
  await sql`
    insert into secrets (name, value)
    values ('cursor', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table secrets`.execute(db);
}
