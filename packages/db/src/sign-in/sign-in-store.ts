import { randomBytes } from 'node:crypto';
import { assertStorableText } from '@rota/core';
import type { RotaDb, SignInLink, TokenInfo } from '../rota-db.ts';
import type { SessionTable, SignInLinkTable } from '../schema.ts';
import type { StoreContext } from '../support/store-context.ts';
import { hashSecret } from '../tokens/token-store.ts';
import { readPersonAccess, revokePersonAccess } from './person-access.ts';

/** A session's last use is written at most this often: not one write per request. */
const TOUCH_EVERY_MS = 60_000;

type Row<T> = Omit<T, 'id'> & { id: string };

function toLink(row: Row<SignInLinkTable>): SignInLink {
  return {
    id: row.id,
    role: row.role,
    unitId: row.unit_id,
    personId: row.person_id,
    label: row.label,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    createdAt: row.created_at,
  };
}

function toActor(row: Row<SessionTable>): TokenInfo {
  return { id: row.id, role: row.role, unitId: row.unit_id, personId: row.person_id, label: null };
}

/**
 * One-time sign-in links and the sessions they open. Codes and session ids are random (18
 * and 32 bytes) and stored as SHA-256 hashes, like tokens.
 */
export function signInStore(context: StoreContext): RotaDb['signIn'] {
  const { db } = context;
  return {
    personAccess: (personId) => readPersonAccess(context, personId),
    revokePersonAccess: (personId, options) => revokePersonAccess(context, personId, options),

    async createLink(input) {
      assertStorableText(input);
      const code = randomBytes(18).toString('base64url');
      const row = await db
        .insertInto('sign_in_links')
        .values({
          code_hash: hashSecret(code),
          role: input.role,
          unit_id: input.role === 'organizer' ? (input.unitId ?? null) : null,
          person_id: input.role === 'volunteer' ? (input.personId ?? null) : null,
          label: input.label ?? null,
          expires_at: input.expiresAt,
          used_at: null,
          created_at: input.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...toLink(row), code };
    },

    async getLink(id) {
      const row = await db
        .selectFrom('sign_in_links')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : toLink(row);
    },

    async lastLinkLabelled(label) {
      const row = await db
        .selectFrom('sign_in_links')
        .selectAll()
        .where('label', '=', label)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : toLink(row);
    },

    async deleteLink(id) {
      // Sessions go with it (on delete cascade).
      const result = await db.deleteFrom('sign_in_links').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async exchange(code, now) {
      const codeHash = hashSecret(code);
      return db.transaction().execute(async (trx) => {
        // The conditional update is the single-use check: of two concurrent exchanges, the
        // second waits for the first's row lock, re-reads `used_at` and matches nothing.
        const link = await trx
          .updateTable('sign_in_links')
          .set({ used_at: now })
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (!link) {
          const known = await trx
            .selectFrom('sign_in_links')
            .select(['used_at'])
            .where('code_hash', '=', codeHash)
            .executeTakeFirst();
          const reason = !known ? 'unknown' : known.used_at !== null ? 'used' : 'expired';
          return { ok: false as const, reason };
        }
        const secret = randomBytes(32).toString('base64url');
        const session = await trx
          .insertInto('sessions')
          .values({
            secret_hash: hashSecret(secret),
            link_id: link.id,
            role: link.role,
            unit_id: link.unit_id,
            person_id: link.person_id,
            created_at: now,
            last_seen_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { ok: true as const, session: toActor(session), secret };
      });
    },

    async verifySession(secret, now, idleSince) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('secret_hash', '=', hashSecret(secret))
        .where('last_seen_at', '>', idleSince)
        .executeTakeFirst();
      if (!row) return undefined;
      if (Date.parse(now) - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now })
          .where('id', '=', row.id)
          .execute();
      }
      return toActor(row);
    },

    async endSession(id) {
      const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
