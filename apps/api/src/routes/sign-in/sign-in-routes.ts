import { idSchema, nameSchema, RotaError, storableText } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { idParams } from '../../http/page-schema.ts';
import {
  actorOf,
  DEFAULT_SESSION_IDLE_SECONDS,
  requireCsrfHeader,
  SESSION_COOKIE,
} from '../../plugins/auth.ts';
import { mayManage, tokenUnit } from '../tokens/token-routes.ts';

const MINUTE_MS = 60_000;
/** A sign-in link lasts 7 days unless its creator says otherwise (at most 30). */
const DEFAULT_LINK_MINUTES = 7 * 24 * 60;
const MAX_LINK_MINUTES = 30 * 24 * 60;
/** Browsers cap a cookie's life at 400 days; the server's inactivity limit ends it sooner. */
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

const linkInputSchema = z
  .strictObject({
    personId: idSchema.optional().describe("A volunteer's link: acts for this person"),
    unitId: idSchema.optional().describe("An organizer's link: acts in this unit's subtree"),
    expiresInMinutes: z
      .int()
      .min(1)
      .max(MAX_LINK_MINUTES)
      .optional()
      .describe('Default 10080 (7 days); at most 30 days'),
    label: nameSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.personId === undefined) === (body.unitId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [body.personId === undefined ? 'personId' : 'unitId'],
        message: 'give exactly one of personId and unitId',
      });
    }
  });

const createdLinkSchema = z
  .object({
    id: z.string(),
    url: z
      .string()
      .describe('`/sign-in#code=<code>` on this server: open it, or show it as a QR code'),
    code: z.string().describe('The one-time code: shown only in this answer'),
    expiresAt: z.string(),
    role: z.enum(['organizer', 'volunteer']),
    personId: z.string().nullable(),
    unitId: z.string().nullable(),
    label: z.string().nullable(),
  })
  .meta({ id: 'SignInLink' });

const meSchema = z
  .object({
    role: z.enum(['admin', 'organizer', 'volunteer']),
    via: z.enum(['token', 'session']).describe('A bearer token (programs) or a session (web)'),
    personId: z.string().optional().describe("A volunteer's person"),
    unitId: z.string().optional().describe("An organizer's unit, or a volunteer's person's unit"),
    name: z.string().describe("The person's name, the unit's name, or 管理员 for the admin"),
    unitName: z.string().optional(),
  })
  .meta({ id: 'Me' });

const sessionSchema = meSchema
  .extend({
    expiresAt: z.string().describe('When the session ends if it is not used before then'),
  })
  .meta({ id: 'Session' });

type Me = z.infer<typeof meSchema>;

/** Who the actor is, in words: the person's or unit's name. */
async function describe(
  db: RotaDb,
  actor: TokenInfo,
  via: 'token' | 'session',
): Promise<Me | undefined> {
  if (actor.role === 'admin') return { role: 'admin', via, name: '管理员' };
  if (actor.role === 'volunteer' && actor.personId) {
    const person = await db.people.get(actor.personId);
    if (!person) return undefined;
    const unit = await db.units.get(person.unitId);
    return {
      role: 'volunteer',
      via,
      personId: person.id,
      unitId: person.unitId,
      name: person.name,
      ...(unit ? { unitName: unit.name } : {}),
    };
  }
  if (actor.unitId) {
    const unit = await db.units.get(actor.unitId);
    if (!unit) return undefined;
    return { role: 'organizer', via, unitId: unit.id, name: unit.name, unitName: unit.name };
  }
  return undefined;
}

/** The session cookie's options: httpOnly, SameSite=Strict, Secure over HTTPS. */
function cookieOptions(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
    path: '/',
  };
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/** Sign-in links, the sessions they open, and "who am I". */
export const signInRoutes: FastifyPluginAsyncZod<{
  sessionIdleSeconds?: number | undefined;
}> = async (app, options) => {
  const idleSeconds = options.sessionIdleSeconds ?? DEFAULT_SESSION_IDLE_SECONDS;

  app.post(
    '/v1/sign-in-links',
    {
      schema: {
        tags: ['sign-in'],
        summary:
          'Create a one-time sign-in link for a person or a unit (admin; organizer in their subtree)',
        description:
          'The code is single-use and expires (default 7 days); it is stored hashed, so it ' +
          'is shown only in this answer. Opening the `url` signs the person in on that browser.',
        body: linkInputSchema,
        response: {
          201: createdLinkSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { personId, unitId, expiresInMinutes, label } = request.body;
      const target =
        personId !== undefined
          ? { role: 'volunteer' as const, unitId: null, personId }
          : { role: 'organizer' as const, unitId: unitId ?? null, personId: null };
      const targetUnit = await tokenUnit(app.db, target);
      if (targetUnit === undefined || !(await app.db.units.get(targetUnit))) {
        throw personId !== undefined
          ? notFound('person', personId)
          : notFound('unit', unitId ?? '');
      }
      if (!(await mayManage(app.db, actor, target))) {
        throw forbidden('You may only create sign-in links inside your own subtree');
      }
      const now = request.now();
      const minutes = expiresInMinutes ?? DEFAULT_LINK_MINUTES;
      const link = await app.db.signIn.createLink({
        role: target.role,
        personId,
        unitId,
        label,
        expiresAt: new Date(Date.parse(now) + minutes * MINUTE_MS).toISOString(),
        now,
      });
      return reply.code(201).send({
        id: link.id,
        url: `/sign-in#code=${link.code}`,
        code: link.code,
        expiresAt: link.expiresAt,
        role: link.role,
        personId: link.personId,
        unitId: link.unitId,
        label: link.label,
      });
    },
  );

  app.delete(
    '/v1/sign-in-links/:id',
    {
      schema: {
        tags: ['sign-in'],
        summary:
          'Revoke a sign-in link and end every session it opened (admin; the organizer who could create it)',
        params: idParams,
        response: {
          204: z.undefined().describe('Revoked'),
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const link = await app.db.signIn.getLink(request.params.id);
      if (!link) throw notFound('sign-in link', request.params.id);
      if (!(await mayManage(app.db, actor, link))) {
        throw forbidden('You may not revoke this sign-in link');
      }
      await app.db.signIn.deleteLink(link.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/sessions',
    {
      // A replay could not set the cookie again (its secret is never recorded): a code is
      // used once, and a retry after a lost answer is `invalid_sign_in_code` (`used`).
      config: { auth: false, idempotency: 'none' },
      schema: {
        tags: ['sign-in'],
        summary: 'Exchange a sign-in code, once, for a session (sets the session cookie)',
        description:
          'Needs the header `X-Rota-CSRF: 1` (so that no other site can sign a browser in). ' +
          'Sets `rota_session`, an httpOnly, SameSite=Strict cookie; the session ends after ' +
          'a period without use (default 14 days), at sign-out, or when its link is revoked. ' +
          'An unknown, used or expired code is a 401 `invalid_sign_in_code` with `reason`. ' +
          'An `Idempotency-Key` is ignored here: a retry after a lost answer finds the code ' +
          'used (`reason: used`); ask for a new link.',
        security: [],
        body: z.strictObject({ code: storableText.min(1).max(200) }),
        response: {
          201: sessionSchema,
          ...documentErrors('validation_failed', 'invalid_sign_in_code', 'csrf_failed'),
        },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      const now = request.now();
      const result = await app.db.signIn.exchange(request.body.code, now);
      if (!result.ok) {
        const detail = {
          unknown: 'This sign-in link is not known: check that it was copied whole',
          used: 'This sign-in link was already used: ask the organizer for a new one',
          expired: 'This sign-in link has expired: ask the organizer for a new one',
        }[result.reason];
        throw new RotaError('invalid_sign_in_code', detail, { extra: { reason: result.reason } });
      }
      const me = await describe(app.db, result.session, 'session');
      if (!me) throw new RotaError('invalid_sign_in_code', 'The link names no one any more');
      reply.setCookie(SESSION_COOKIE, result.secret, {
        ...cookieOptions(request),
        maxAge: COOKIE_MAX_AGE_SECONDS,
      });
      const expiresAt = new Date(Date.parse(now) + idleSeconds * 1000).toISOString();
      return reply.code(201).send({ ...me, expiresAt });
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign out: end this session and clear its cookie',
        description:
          'A request authenticated by a bearer token has no current session (404): revoke ' +
          'the token with DELETE /v1/tokens/{id} instead.',
        response: {
          204: z.undefined().describe('Signed out'),
          ...documentErrors('unauthorized', 'csrf_failed', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.authenticatedBy !== 'session') {
        throw new RotaError('not_found', 'No current session: this request used a bearer token');
      }
      await app.db.signIn.endSession(actor.id);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Who am I: the role, person or unit, and name of this token or session',
        response: { 200: meSchema, ...documentErrors('unauthorized') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const me = await describe(app.db, actor, request.authenticatedBy ?? 'token');
      if (!me) throw new RotaError('unauthorized', 'The token or session names no one any more');
      return me;
    },
  );
};
