import { sql } from 'kysely';
import type { PersonAccess } from '../rota-db.ts';
import type { StoreContext } from '../support/store-context.ts';

/**
 * How a person can act: their volunteer tokens, the sessions their sign-in links opened, and
 * the links themselves (used or not), newest first. Never a secret: only hashes are stored.
 */
export async function readPersonAccess(
  { db }: StoreContext,
  personId: string,
): Promise<PersonAccess> {
  const tokens = await sql<{ id: string; label: string | null; created_at: string }>`
    select id, label, created_at from tokens where person_id = ${personId}
    order by created_at desc, id`.execute(db);
  const sessions = await sql<{ id: string; created_at: string; last_seen_at: string }>`
    select id, created_at, last_seen_at from sessions where person_id = ${personId}
    order by last_seen_at desc, id`.execute(db);
  const links = await sql<{
    id: string;
    label: string | null;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  }>`
    select id, label, expires_at, used_at, created_at from sign_in_links
    where person_id = ${personId} order by created_at desc, id`.execute(db);
  return {
    tokens: tokens.rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at })),
    sessions: sessions.rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    })),
    signInLinks: links.rows.map((row) => ({
      id: row.id,
      label: row.label,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      createdAt: row.created_at,
    })),
  };
}

/**
 * Signs a person out everywhere: deletes their sign-in links, which ends every session the
 * links opened (the sessions cascade), and with `tokens` their volunteer tokens too. In one
 * transaction; answers how many of each went.
 */
export async function revokePersonAccess(
  { db }: StoreContext,
  personId: string,
  options: { tokens: boolean },
): Promise<{ sessionsEnded: number; signInLinksRevoked: number; tokensRevoked: number }> {
  return db.transaction().execute(async (trx) => {
    const sessions = await sql<{ n: number }>`
      select count(*)::int as n from sessions where person_id = ${personId}`.execute(trx);
    const links = await sql`delete from sign_in_links where person_id = ${personId}
      returning id`.execute(trx);
    // A session whose link is gone is gone too (cascade); any left without one is ended here.
    await sql`delete from sessions where person_id = ${personId}`.execute(trx);
    const tokens = options.tokens
      ? await sql`delete from tokens where person_id = ${personId} returning id`.execute(trx)
      : undefined;
    return {
      sessionsEnded: Number(sessions.rows[0]?.n ?? 0),
      signInLinksRevoked: links.rows.length,
      tokensRevoked: tokens?.rows.length ?? 0,
    };
  });
}
