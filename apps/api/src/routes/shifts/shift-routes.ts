import { eventKinds, type Locale, slotRoles, storableText } from '@rota/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentErrors } from '../../http/document-errors.ts';
import {
  booleanQuerySchema,
  pageQuery,
  resolveWindow,
  windowQuery,
} from '../../http/list-query.ts';
import { idParams, pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { requestLocale } from '../../plugins/problem-details.ts';
import { includeDraftsFor } from '../events/event-access.ts';
import { loadPerson } from '../people/person-access.ts';
import { rosterEntrySchema } from '../signups/signup-schemas.ts';
import { readableRoster } from './roster-access.ts';
import { rosterCsv } from './roster-csv.ts';
import { loadOrganizedShift, loadVisibleShift } from './shift-access.ts';
import { shiftSchema } from './shift-schemas.ts';

/** Shifts: what people sign up for. */
export const shiftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/shifts',
    {
      schema: {
        tags: ['shifts'],
        summary: 'Find shifts starting in the window, ordered by start',
        querystring: z.strictObject({
          ...pageQuery,
          ...windowQuery,
          unitId: storableText.min(1).optional().describe("Includes the unit's subtree"),
          kind: z.enum(eventKinds).optional(),
          role: z.enum(slotRoles).optional(),
          available: booleanQuerySchema.describe('true: seatsLeft > 0'),
          understaffed: booleanQuerySchema.describe('true: confirmed seats < minNeeded'),
          eligibleFor: storableText
            .min(1)
            .optional()
            .describe(
              'A person id: only shifts whose age and tag rules the person meets (the person ' +
                "themself, or an organizer of the person's unit; else 403, 404 for an unknown id)",
            ),
        }),
        response: {
          200: pageOf(shiftSchema),
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
      // The page is built by the store from typed rows (core's `Shift`, in the schema's key
      // order): validating its 50 shifts against the schema again on every request cost as much
      // as the JSON itself. The schema still documents the answer (OpenAPI) and the API tests
      // check it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const { from, to, ...filter } = request.query;
      const window = resolveWindow({ from, to }, request.now());
      const actor = actorOf(request);
      // Filtering by a person's eligibility reveals their age and tags (a slot's graded
      // maxAge brackets it): only the person themself and organizers who may read them.
      if (filter.eligibleFor !== undefined) {
        await loadPerson(app.db, actor, filter.eligibleFor, { self: true });
      }
      const includeDrafts = await includeDraftsFor(app.db, actor, filter.unitId);
      return app.db.shifts.search({ ...filter, ...window, includeDrafts });
    },
  );

  app.get(
    '/v1/shifts/:id',
    {
      schema: {
        tags: ['shifts'],
        summary: 'Get a shift',
        params: idParams,
        response: { 200: shiftSchema, ...documentErrors('unauthorized', 'not_found') },
      },
    },
    async (request) => loadVisibleShift(app.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/v1/shifts/:id',
    {
      schema: {
        tags: ['shifts'],
        summary: "Change a shift's capacity (organizer); raising it promotes the waitlist",
        params: idParams,
        body: z.strictObject({ capacity: z.int().min(1).max(100_000) }),
        response: {
          200: shiftSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'capacity_below_taken',
            'shift_cancelled',
          ),
        },
      },
    },
    async (request) => {
      const shift = await loadOrganizedShift(app.db, actorOf(request), request.params.id);
      const { value } = await app.db.shifts.setCapacity(
        shift.id,
        request.body.capacity,
        request.now(),
      );
      return value;
    },
  );

  app.get(
    '/v1/shifts/:id/roster',
    {
      schema: {
        tags: ['shifts'],
        summary: 'Every signup of the shift, every status, in join order (organizer)',
        params: idParams,
        response: {
          200: {
            description: 'The roster',
            content: {
              'application/json': { schema: z.object({ items: z.array(rosterEntrySchema) }) },
            },
          },
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const shift = await loadOrganizedShift(app.db, actor, request.params.id);
      const items = await readableRoster(app.db, actor, shift.id);
      // Older callers asked for CSV here with `Accept: text/csv`: still answered, undocumented
      // (roster.csv is the documented route, so that a JSON caller's type is JSON only).
      if (wantsCsv(request.headers.accept)) {
        return sendRosterCsv(reply, shift.id, items, requestLocale(request));
      }
      return reply.type('application/json; charset=utf-8').send({ items });
    },
  );

  app.get(
    '/v1/shifts/:id/roster.csv',
    {
      schema: {
        tags: ['shifts'],
        summary: 'The roster as CSV, for a spreadsheet (organizer)',
        description:
          'The rows of `GET /v1/shifts/{id}/roster`: UTF-8 with a byte order mark (so that ' +
          'Excel shows Chinese names), a header row and one line per signup.',
        params: idParams,
        response: {
          200: {
            description: 'The roster as CSV',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const shift = await loadOrganizedShift(app.db, actor, request.params.id);
      return sendRosterCsv(
        reply,
        shift.id,
        await readableRoster(app.db, actor, shift.id),
        requestLocale(request),
      );
    },
  );
};

function sendRosterCsv(
  reply: FastifyReply,
  shiftId: string,
  items: Parameters<typeof rosterCsv>[0],
  locale: Locale,
): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="roster-${shiftId}.csv"`)
    .header('vary', 'Accept, Accept-Language')
    .send(rosterCsv(items, locale));
}

/** True when the client prefers CSV to JSON (a plain `Accept: text/csv` or listed first). */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
