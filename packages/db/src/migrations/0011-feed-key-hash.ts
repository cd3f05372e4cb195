// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// Calendar feed keys were stored as they are: anyone who read the table (a backup, a replica,
// a support query) could read every person's shifts. Now only SHA-256 (hex, of the key's
// UTF-8) is stored, as for tokens and sign-in codes; the key is shown once, when it is made
// (`POST /v1/people/:id/feed-key`). Existing keys are hashed in place, so feed URLs already in
// calendar apps keep working. NULL: no key made yet (a person created since). The unique
// index goes: a key is checked by the person's id, never looked up by itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table people rename column feed_key to feed_key_hash`.execute(db);
  await sql`alter table people drop constraint people_feed_key_key`.execute(db);
  await sql`alter table people alter column feed_key_hash drop not null`.execute(db);
  await sql`update people
    set feed_key_hash = encode(sha256(convert_to(feed_key_hash, 'UTF8')), 'hex')`.execute(db);
}

// A hash gives no key back: going down, every person gets a new random key (feed URLs stop
// working).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table people rename column feed_key_hash to feed_key`.execute(db);
  await sql`update people
    set feed_key = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`.execute(
    db,
  );
  await sql`alter table people alter column feed_key set not null`.execute(db);
  await sql`alter table people add constraint people_feed_key_key unique (feed_key)`.execute(db);
}
