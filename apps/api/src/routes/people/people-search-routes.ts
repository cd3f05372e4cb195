import { type Actor, personSchema, RotaError, storableText, tagSchema } from '@rota/core';
import type { RotaDb } from '@rota/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { pageQuery } from '../../http/list-query.ts';
import { pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';

const unitQuery = storableText
  .min(1)
  .max(100)
  .optional()
  .describe("Includes the unit's subtree (default: the organizer's own unit; the admin: all)");

/**
 * The subtree an organizer's list covers: `unitId` when they organize it (404 unknown, 403
 * outside their subtree), else their own unit; for the admin `unitId` or everything
 * (undefined). Volunteers list no one: 403.
 */
export async function organizerScope(
  db: RotaDb,
  actor: Actor,
  unitId: string | undefined,
): Promise<string | undefined> {
  if (actor.role === 'volunteer') {
    throw new RotaError('forbidden', 'Only organizers list people and their tags');
  }
  if (unitId !== undefined) {
    await requireOrganizer(db, actor, unitId);
    return unitId;
  }
  if (actor.role === 'admin') return undefined;
  if (actor.unitId === null) throw notFound('unit', '');
  return actor.unitId;
}

const tagCountSchema = z
  .object({
    tag: z.string(),
    count: z.int().describe('How many people of the subtree have it (0: only slots require it)'),
  })
  .meta({ id: 'TagCount' });

/** Organizers' lists over their subtree: people (searched) and the tags in use. */
export const peopleSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: "Search the people of a unit's subtree (organizers; the admin: everyone)",
        description:
          '`q` matches a name substring (Chinese or Latin), its pinyin in full or by ' +
          'initials ("zhang", "zhangsan" and "zs" find 张三), or phone digits ("1381234", ' +
          '"138 1234 5678", "+86 138…"); `tag` keeps people with that tag. Ordered by ' +
          'creation, cursor-paged. Volunteers: 403.',
        querystring: z.strictObject({
          ...pageQuery,
          unitId: unitQuery,
          q: storableText.max(200).optional().describe('Name, pinyin or phone digits'),
          tag: tagSchema.optional().describe('Only people with this tag'),
        }),
        response: {
          200: pageOf(personSchema),
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const { unitId, ...filter } = request.query;
      // Everyone listed is in the organizer's subtree, so mayReadContactDetails holds for
      // each: the items carry the same contact details as GET /v1/people/:id.
      const scope = await organizerScope(app.db, actorOf(request), unitId);
      return app.db.people.search({ ...filter, unitId: scope });
    },
  );

  app.get(
    '/v1/tags',
    {
      schema: {
        tags: ['people'],
        summary: "The tags used in a unit's subtree, most used first (organizers)",
        description:
          'Tags people of the subtree have (`count`: how many) and tags the slots of its ' +
          'events require (`count` 0 when nobody has them yet): pick from these rather than ' +
          'typing a new spelling. At most 500.',
        querystring: z.strictObject({ unitId: unitQuery }),
        response: {
          200: z.object({ items: z.array(tagCountSchema) }),
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const scope = await organizerScope(app.db, actorOf(request), request.query.unitId);
      return { items: await app.db.people.tags(scope) };
    },
  );
};
