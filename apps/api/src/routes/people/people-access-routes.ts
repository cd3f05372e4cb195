import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentErrors } from '../../http/document-errors.ts';
import { booleanQuerySchema } from '../../http/list-query.ts';
import { idParams } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { loadPerson } from './person-access.ts';

const personAccessSchema = z
  .object({
    tokens: z
      .array(z.object({ id: z.string(), label: z.string().nullable(), createdAt: z.string() }))
      .describe('Volunteer tokens (revoke one with DELETE /v1/tokens/{id})'),
    sessions: z
      .array(z.object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string() }))
      .describe('Browsers signed in with one of the sign-in links'),
    signInLinks: z.array(
      z.object({
        id: z.string(),
        label: z.string().nullable(),
        expiresAt: z.string(),
        usedAt: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PersonAccess' });

const revokedSchema = z
  .object({
    sessionsEnded: z.int(),
    signInLinksRevoked: z.int(),
    tokensRevoked: z.int(),
  })
  .meta({ id: 'RevokedAccess' });

/** A person's ways in (tokens, sign-in links, sessions), for the organizers of their unit. */
export const peopleAccessRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/people/:id/access',
    {
      schema: {
        tags: ['people'],
        summary: "A person's tokens, sign-in links and sessions (organizers of their unit)",
        params: idParams,
        response: {
          200: personAccessSchema,
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, {
        self: false,
      });
      return app.db.signIn.personAccess(person.id);
    },
  );

  app.delete(
    '/v1/people/:id/sessions',
    {
      schema: {
        tags: ['people'],
        summary: 'Sign a person out everywhere (organizers of their unit)',
        description:
          'Ends every browser session of the person and revokes their sign-in links (used or ' +
          'not); with `tokens=true` their volunteer tokens too. A lost phone: do this, then ' +
          'give them a new link.',
        params: idParams,
        querystring: z.strictObject({
          tokens: booleanQuerySchema.describe('true: revoke the volunteer tokens as well'),
        }),
        response: {
          200: revokedSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, {
        self: false,
      });
      return app.db.signIn.revokePersonAccess(person.id, {
        tokens: request.query.tokens === true,
      });
    },
  );
};
