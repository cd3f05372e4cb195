// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Idempotency records kept the Idempotency-Key and the recorded answer in plaintext for 24 h:
// a backup, a replica or a support query read live bearer tokens, sign-in codes, webhook
// secrets and feed keys (the answers of their POSTs) and the keys that replay them. Now a
// record holds the key's SHA-256 (`key_hash`, hex of the UTF-8, as tokens) and the answer
// sealed with AES-256-GCM under HKDF-SHA-256(key, salt = scope) (`sealed_body`, format `v1`
// of `idempotency/sealed-answer.ts`). The raw keys are still here, so every completed record
// is sealed now rather than left readable until it expires: retries in flight keep replaying,
// and no plaintext answer outlives the migration in the table.

const BATCH = 500;

/** `v1.` + base64url(iv ‖ ciphertext ‖ tag), AAD `v1:<status>`: sealed-answer.ts, frozen. */
function sealV1(key: string, scope: string, status: number, text: string): string {
  const aesKey = Buffer.from(
    hkdfSync('sha256', Buffer.from(key, 'utf8'), scope, 'rota idempotency answer v1', 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  cipher.setAAD(Buffer.from(`v1:${status}`, 'utf8'));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${Buffer.concat([iv, sealed]).toString('base64url')}`;
}

type Row = { scope: string; key: string; status: number | null; body: string | null };

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_records add column sealed_body text`.execute(db);
  // Completed records, a batch at a time in key order (the table holds up to a day of POSTs).
  // A record completed without a status replays as 201, as the code before this did.
  let after: { scope: string; key: string } | undefined;
  for (;;) {
    const { rows } = await sql<Row>`
      select scope, key, status, body::text as body from idempotency_records
      where completed_at is not null
        ${after ? sql`and (scope, key) > (${after.scope}, ${after.key})` : sql``}
      order by scope, key limit ${BATCH}`.execute(db);
    for (const row of rows) {
      const status = row.status ?? 201;
      await sql`update idempotency_records
        set status = ${status}, sealed_body = ${sealV1(row.key, row.scope, status, row.body ?? 'null')}
        where scope = ${row.scope} and key = ${row.key}`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BATCH) break;
    after = last;
  }
  await sql`update idempotency_records
    set key = encode(sha256(convert_to(key, 'UTF8')), 'hex')`.execute(db);
  await sql`alter table idempotency_records rename column key to key_hash`.execute(db);
  await sql`alter table idempotency_records drop column body`.execute(db);
}

// Neither a hash nor a sealed answer gives the key or the answer back: going down forgets every
// record (a retry then runs as a new request; records live a day at most anyway).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from idempotency_records`.execute(db);
  await sql`alter table idempotency_records drop column sealed_body`.execute(db);
  await sql`alter table idempotency_records rename column key_hash to key`.execute(db);
  await sql`alter table idempotency_records add column body json`.execute(db);
}
