import { mayCreateUnit, RotaError, storableText, unitInputSchema, unitSchema } from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound, requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { pageQuery } from '../../http/list-query.ts';
import { idParams, pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';

/** Units: the tree district > subdistrict > community > grid. */
export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Create a unit (admin; an organizer under their own subtree)',
        body: unitInputSchema,
        response: {
          201: unitSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { parentId } = request.body;
      if (parentId === undefined || parentId === null) {
        if (!mayCreateUnit(actor, null)) throw forbidden('Only an admin creates a top-level unit');
      } else {
        await requireOrganizer(app.db, actor, parentId, 'parent unit');
      }
      const unit = await app.db.units.create(request.body);
      return reply.code(201).send(unit);
    },
  );

  app.get(
    '/v1/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Get a unit',
        params: idParams,
        response: { 200: unitSchema, ...documentErrors('unauthorized', 'not_found') },
      },
    },
    async (request) => {
      const unit = await app.db.units.get(request.params.id);
      if (!unit) throw notFound('unit', request.params.id);
      return unit;
    },
  );

  app.get(
    '/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'List units (children of `parentId`, or every unit)',
        querystring: z.strictObject({ ...pageQuery, parentId: storableText.min(1).optional() }),
        response: {
          200: pageOf(unitSchema),
          ...documentErrors('unauthorized', 'validation_failed', 'not_found'),
        },
      },
    },
    async (request) => {
      const { limit, cursor, parentId } = request.query;
      if (parentId !== undefined && !(await app.db.units.get(parentId))) {
        throw new RotaError('not_found', `No unit ${parentId}`);
      }
      return app.db.units.list({ limit, cursor, parentId });
    },
  );
};
