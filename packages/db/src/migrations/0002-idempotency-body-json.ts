// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// A replayed response must be the first response byte for byte: `json` keeps the text as it
// was written (jsonb would reorder the keys).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_records alter column body type json using body::json`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_records alter column body type jsonb using body::jsonb`.execute(
    db,
  );
}
