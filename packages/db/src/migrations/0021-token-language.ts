// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// A token may carry the language its program wants error answers in (issue 11, item 12). A
// person's language is not here: it is notification_preferences.language, one field for the
// notices a person gets and the API's answers to them.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table tokens add column language text check (language in ('zh-CN','en'))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tokens drop column language`.execute(db);
}
