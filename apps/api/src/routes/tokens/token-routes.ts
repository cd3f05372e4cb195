import { idSchema, locales, mayManageToken, nameSchema, RotaError } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { idParams } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';

const tokenLanguageSchema = z
  .enum(locales)
  .optional()
  .describe(
    'The language of error answers and CSV headers for this token when a request sends no ' +
      '`Accept-Language` (default: the person’s language for a volunteer token, else English)',
  );

const tokenInputSchema = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('organizer'),
    unitId: idSchema,
    label: nameSchema.optional(),
    language: tokenLanguageSchema,
  }),
  z.strictObject({
    role: z.literal('volunteer'),
    personId: idSchema,
    label: nameSchema.optional(),
    language: tokenLanguageSchema,
  }),
]);

const createdTokenSchema = z.object({
  id: z.string(),
  token: z.string().describe('The secret: shown only in this answer'),
  role: z.enum(['admin', 'organizer', 'volunteer']),
  unitId: z.string().nullable(),
  personId: z.string().nullable(),
  label: z.string().nullable(),
  language: z.enum(locales).nullable().describe('The language chosen at creation, or null'),
});

/**
 * The unit a token acts in (its own unit, or its person's unit); undefined when that unit or
 * person does not exist.
 */
export async function tokenUnit(
  db: RotaDb,
  target: { role: string; unitId?: string | null; personId?: string | null },
): Promise<string | undefined> {
  if (target.role === 'organizer' && target.unitId) return target.unitId;
  if (target.role === 'volunteer' && target.personId) {
    return (await db.people.get(target.personId))?.unitId;
  }
  return undefined;
}

/**
 * Whether `actor` may create (and so delete) a token, or a sign-in link, like `target`: an
 * admin any; an organizer one for their subtree's units and people.
 */
export async function mayManage(
  db: RotaDb,
  actor: TokenInfo,
  target: Pick<TokenInfo, 'role' | 'unitId' | 'personId'>,
): Promise<boolean> {
  if (actor.role === 'admin') return true;
  const unitId = target.role === 'admin' ? undefined : await tokenUnit(db, target);
  const path = unitId === undefined ? undefined : await db.units.path(unitId);
  return mayManageToken(actor, target, path ?? null);
}

/** Tokens: organizers' and volunteers' bearer secrets (stored hashed). */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an organizer or volunteer token (admin; organizer in their subtree)',
        body: tokenInputSchema,
        response: {
          201: createdTokenSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const target =
        body.role === 'organizer'
          ? { role: body.role, unitId: body.unitId, personId: null }
          : { role: body.role, unitId: null, personId: body.personId };
      const unitId = await tokenUnit(app.db, target);
      if (unitId === undefined || !(await app.db.units.get(unitId))) {
        throw body.role === 'organizer'
          ? notFound('unit', body.unitId)
          : notFound('person', body.personId);
      }
      if (!(await mayManage(app.db, actor, target))) {
        throw forbidden('You may only create tokens inside your own subtree');
      }
      const created = await app.db.tokens.create(body);
      return reply.code(201).send({ ...created, language: created.language ?? null });
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token (admin; the organizer who could create it)',
        params: idParams,
        response: {
          204: z.undefined().describe('Revoked'),
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = await app.db.tokens.get(request.params.id);
      if (!token) throw notFound('token', request.params.id);
      if (!(await mayManage(app.db, actor, token))) {
        throw new RotaError('forbidden', 'You may not revoke this token');
      }
      await app.db.tokens.delete(token.id);
      return reply.code(204).send();
    },
  );
};
