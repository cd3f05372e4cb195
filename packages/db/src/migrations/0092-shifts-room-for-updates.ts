// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// Half of each new `shifts` page is left free, so that an update which changes no indexed
// column (a re-plan that only raises capacities or renames a slot, an event's cancellation,
// every signup's counters) writes the new row version on the same page without touching the
// five indexes (a HOT update). With full pages such an update was as costly as moving the
// shift: a capacity-only re-plan of 20,000 shifts wrote ~140,000 WAL records instead of
// ~20,000 (docs/performance.md, "Large events"). The table takes twice the pages. Existing
// pages are not rewritten (that would need VACUUM FULL, outside a migration's transaction):
// the setting applies to the pages written from now on.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shifts set (fillfactor = 50)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table shifts reset (fillfactor)`.execute(db);
}
