import {
  resourceInputSchema,
  resourceKindSchema,
  resourcePatchSchema,
  storableText,
} from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound, requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import {
  booleanQuerySchema,
  pageQuery,
  resolveWindow,
  windowQuery,
} from '../../http/list-query.ts';
import { idParams, pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { parseIfMatch } from '../events/event-access.ts';
import { occurrenceSchema } from '../shifts/shift-schemas.ts';
import { availabilitySchema, resourceSchema } from './resource-schemas.ts';

/** `minFree`: a decimal integer 0-100000 in the query string. */
const minFreeSchema = z
  .string()
  .regex(/^[0-9]{1,6}$/, 'must be an integer from 0 to 100000')
  .transform(Number)
  .pipe(z.int().min(0).max(100_000))
  .optional()
  .describe('Only resources with at least this many free at every instant of the window');

/** Resources: equipment a unit owns, booked by events (invariant 7); their availability. */
export const resourceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/resources',
    {
      schema: {
        tags: ['resources'],
        summary: 'Add equipment to a unit (organizer of the unit)',
        description: 'Events of the unit and of every unit below it may book it.',
        body: resourceInputSchema,
        response: {
          201: resourceSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      await requireOrganizer(app.db, actorOf(request), request.body.unitId);
      const resource = await app.db.resources.create(request.body, request.now());
      return reply.code(201).header('etag', `"${resource.version}"`).send(resource);
    },
  );

  app.get(
    '/v1/resources',
    {
      schema: {
        tags: ['resources'],
        summary: 'Find resources (with `minFree`: those free over the whole window)',
        description:
          '`unitId`: the resources an event of that unit may book (its own and those of the ' +
          'units above it). Retired resources are left out unless `includeRetired=true`.',
        querystring: z.object({
          ...pageQuery,
          ...windowQuery,
          unitId: storableText.min(1).optional(),
          kind: resourceKindSchema.optional(),
          minFree: minFreeSchema,
          includeRetired: booleanQuerySchema,
        }),
        response: {
          200: pageOf(resourceSchema),
          ...documentErrors('validation_failed', 'unauthorized'),
        },
      },
    },
    async (request) => {
      const { limit, cursor, unitId, kind, minFree, includeRetired } = request.query;
      const window = resolveWindow(request.query, request.now());
      return app.db.resources.list({
        limit,
        cursor,
        unitId,
        kind,
        includeRetired,
        window,
        minFree,
      });
    },
  );

  app.get(
    '/v1/resources/shortfalls',
    {
      schema: {
        tags: ['resources'],
        summary: 'Future occurrences whose resources did not fit when the horizon reached them',
        description:
          "Organizers: every marked occurrence of the unit's subtree (default: their own unit), " +
          'in start order. Cancel, move or change each one, or free the resource.',
        querystring: z.object({ ...pageQuery, unitId: storableText.min(1).optional() }),
        response: {
          200: pageOf(occurrenceSchema),
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const unitId = request.query.unitId ?? actor.unitId ?? undefined;
      if (unitId !== undefined) await requireOrganizer(app.db, actor, unitId);
      else if (actor.role !== 'admin') throw forbidden('Only organizers see shortfalls');
      const { limit, cursor } = request.query;
      return app.db.resources.shortfalls({ limit, cursor, unitId, from: request.now() });
    },
  );

  app.get(
    '/v1/resources/:id',
    {
      schema: {
        tags: ['resources'],
        summary: 'Get a resource',
        params: idParams,
        response: { 200: resourceSchema, ...documentErrors('unauthorized', 'not_found') },
      },
    },
    async (request, reply) => {
      const resource = await app.db.resources.get(request.params.id);
      if (resource === undefined) throw notFound('resource', request.params.id);
      return reply.header('etag', `"${resource.version}"`).send(resource);
    },
  );

  app.patch(
    '/v1/resources/:id',
    {
      schema: {
        tags: ['resources'],
        summary: 'Change a resource (organizer of its unit)',
        description:
          'A quantity (or `retired: true`) that a future booking would no longer fit is a 409 ' +
          '`resource_conflict` whose `bookings` name the bookings in the way. ' +
          'Send `If-Match: "<version>"` to refuse a stale edit (412).',
        params: idParams,
        headers: z.looseObject({ 'if-match': z.string().optional() }),
        body: resourcePatchSchema,
        response: {
          200: resourceSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'resource_conflict',
            'version_conflict',
          ),
        },
      },
    },
    async (request, reply) => {
      const ifVersion = parseIfMatch(request.headers['if-match']);
      const resource = await app.db.resources.get(request.params.id);
      if (resource === undefined) throw notFound('resource', request.params.id);
      await requireOrganizer(app.db, actorOf(request), resource.unitId, 'the unit of resource');
      const updated = await app.db.resources.update(resource.id, request.body, {
        ifVersion,
        now: request.now(),
      });
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  );

  app.get(
    '/v1/resources/:id/availability',
    {
      schema: {
        tags: ['resources'],
        summary: 'The free quantity over a window, as consecutive intervals',
        params: idParams,
        querystring: z.object(windowQuery),
        response: {
          200: availabilitySchema,
          ...documentErrors('validation_failed', 'unauthorized', 'not_found'),
        },
      },
    },
    async (request) => {
      const window = resolveWindow(request.query, request.now());
      const resource = await app.db.resources.get(request.params.id);
      if (resource === undefined) throw notFound('resource', request.params.id);
      const items = await app.db.resources.availability(resource.id, window);
      if (items === undefined) throw notFound('resource', request.params.id);
      return { resourceId: resource.id, quantity: resource.retired ? 0 : resource.quantity, items };
    },
  );
};
