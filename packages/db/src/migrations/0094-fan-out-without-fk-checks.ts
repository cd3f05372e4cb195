// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// The dispatcher writes one notice per signup and two reminders per confirmed signup; each row's
// foreign key check is a query that locks the parent row (FOR KEY SHARE: a tuple lock, a dirty
// page and WAL on `people` or `signups`), a third of the cost of writing a reminder. The
// dispatcher writes a notice only for a person it has just read, and a reminder only for a
// signup it has just read, by key, in the same transaction; people and signups are never
// deleted (history is kept: invariant 9). So the two checks guard nothing the dispatcher does
// not already guarantee, and go (docs/decisions/0018).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop constraint if exists notifications_person_id_fkey`.execute(
    db,
  );
  await sql`alter table reminders drop constraint if exists reminders_signup_id_fkey`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications add constraint notifications_person_id_fkey
    foreign key (person_id) references people (id)`.execute(db);
  await sql`alter table reminders add constraint reminders_signup_id_fkey
    foreign key (signup_id) references signups (id)`.execute(db);
}
