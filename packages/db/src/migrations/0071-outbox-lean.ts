// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// Every signup writes an outbox row: each index on the table is paid on the signup path. The
// dispatcher reads undispatched rows by `seq` through the partial index alone, and nothing looks
// an event up by `id` (deliveries and notices copy it), so the primary key on `seq` and the
// unique index on `id` go; `id` stays unique by construction (gen_random_uuid).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop constraint if exists outbox_pkey`.execute(db);
  await sql`alter table outbox drop constraint if exists outbox_id_key`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox add primary key (seq)`.execute(db);
  await sql`alter table outbox add constraint outbox_id_key unique (id)`.execute(db);
}
