// Frozen in time: this migration takes Kysely<any> and imports no application code (the key
// below is a copy of src/people/name-search-key.ts as it was when this was written).
import { type Kysely, sql } from 'kysely';
import { pinyin } from 'pinyin-pro';

// People search (GET /v1/people?q=): by name (a Chinese substring), by pinyin (full or
// initials: "zhang", "zs" find 张三) and by phone digits. `name_key` holds the pinyin key,
// computed by the store whenever a name is written and backfilled here; pg_trgm's GIN indexes
// serve `like '%…%'` on the key, the name and the phone (PostgreSQL ships pg_trgm in its
// contrib, PGlite in its contrib bundle).

function nameKey(name: string): string {
  const entries = pinyin(name, { toneType: 'none', type: 'all', surname: 'head', v: true });
  let full = '';
  let initials = '';
  for (const entry of entries) {
    const word = (entry.isZh ? entry.pinyin : entry.origin).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (word === '') continue;
    full += word;
    if (entry.isZh) initials += word[0];
  }
  const parts = [full, initials].filter((part) => part !== '');
  if (full.includes('v')) parts.push(full.replace(/v/g, 'u'));
  return parts.join(' ');
}

const BATCH = 1000;

/** Writes every person's key, in keyset batches (one statement per thousand people). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function backfillNameKeys(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from people where id > ${after} order by id limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    await sql`
      update people p set name_key = k.key
      from unnest(${rows.map((row) => row.id)}::text[],
        ${rows.map((row) => nameKey(row.name))}::text[]) as k(id, key)
      where p.id = k.id`.execute(db);
    after = rows[rows.length - 1]?.id ?? after;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`alter table people add column name_key text not null default ''`.execute(db);
  await backfillNameKeys(db);
  await sql`create index people_name_key_trgm on people using gin (name_key gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index people_name_trgm on people using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index people_phone_trgm on people using gin (phone gin_trgm_ops)`.execute(db);
  // The list's order (creation, then id) and the duplicate-phone check.
  await sql`create index people_created on people (created_at, id)`.execute(db);
  await sql`create index people_phone on people (phone) where phone is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists people_phone`.execute(db);
  await sql`drop index if exists people_created`.execute(db);
  await sql`drop index if exists people_phone_trgm`.execute(db);
  await sql`drop index if exists people_name_trgm`.execute(db);
  await sql`drop index if exists people_name_key_trgm`.execute(db);
  await sql`alter table people drop column if exists name_key`.execute(db);
}
