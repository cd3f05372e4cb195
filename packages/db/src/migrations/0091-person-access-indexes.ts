// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// An organizer lists and revokes a person's tokens, sign-in links and sessions (issue 15's
// People page): each by the person's id.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists tokens_person on tokens (person_id)
    where person_id is not null`.execute(db);
  await sql`create index if not exists sign_in_links_person on sign_in_links (person_id)
    where person_id is not null`.execute(db);
  await sql`create index if not exists sessions_person on sessions (person_id)
    where person_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists sessions_person`.execute(db);
  await sql`drop index if exists sign_in_links_person`.execute(db);
  await sql`drop index if exists tokens_person`.execute(db);
}
