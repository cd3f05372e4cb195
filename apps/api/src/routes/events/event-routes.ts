import {
  applyEventPatch,
  buildEventDraft,
  eventInputSchema,
  eventKinds,
  eventPatchSchema,
  eventStatuses,
  renderEventCalendar,
  storableText,
} from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import {
  booleanQuerySchema,
  pageQuery,
  resolveWindow,
  windowQuery,
} from '../../http/list-query.ts';
import { idParams, pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { occurrenceSchema } from '../shifts/shift-schemas.ts';
import {
  includeDraftsFor,
  loadOrganizedEvent,
  loadVisibleEvent,
  parseIfMatch,
} from './event-access.ts';
import { eventDryRunSchema, eventSchema } from './event-schemas.ts';

const cancelBodySchema = z
  .strictObject({ reason: storableText.trim().min(1).max(500).optional() })
  .nullish();

/** Events: what organizers create; their occurrences; their iCalendar. */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: "Create an event (organizer of `unitId`'s subtree)",
        description:
          'A `template` fills slots and defaults for its kind; given fields override it. ' +
          'A published event has its occurrences and shifts at once, and books its `resources` ' +
          'for every occurrence in the horizon: when one does not fit, 409 `resource_conflict` ' +
          'lists `conflicts` (per occurrence: resource, wanted, free, heldBy) and nothing is written.',
        body: eventInputSchema,
        response: {
          201: eventSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
            'resource_conflict',
            'in_the_past',
          ),
        },
      },
    },
    async (request, reply) => {
      // The checks a schema cannot express (RRULE, slots inside the occurrence) are a 400
      // too, so they come before the 404/403 of the unit.
      const draft = buildEventDraft(request.body);
      await requireOrganizer(app.db, actorOf(request), draft.unitId);
      const event = await app.db.events.create(draft, request.now());
      return reply.code(201).header('etag', `"${event.version}"`).send(event);
    },
  );

  app.get(
    '/v1/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Get an event (drafts: organizers only)',
        params: idParams,
        response: { 200: eventSchema, ...documentErrors('unauthorized', 'not_found') },
      },
    },
    async (request, reply) => {
      const event = await loadVisibleEvent(app.db, actorOf(request), request.params.id);
      return reply.header('etag', `"${event.version}"`).send(event);
    },
  );

  app.get(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'List events with an occurrence in the window',
        description:
          'Drafts are listed for admins, and for organizers filtering on a unit of their subtree.',
        querystring: z.strictObject({
          ...pageQuery,
          ...windowQuery,
          unitId: storableText.min(1).optional().describe("Includes the unit's subtree"),
          kind: z.enum(eventKinds).optional(),
          status: z.enum(eventStatuses).optional(),
        }),
        response: {
          200: pageOf(eventSchema),
          ...documentErrors('validation_failed', 'unauthorized'),
        },
      },
    },
    async (request) => {
      const { limit, cursor, unitId, kind, status } = request.query;
      const window = resolveWindow(request.query, request.now());
      const includeDrafts = await includeDraftsFor(app.db, actorOf(request), unitId);
      return app.db.events.list({ limit, cursor, unitId, kind, status, includeDrafts, ...window });
    },
  );

  app.patch(
    '/v1/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Change an event (organizer); re-plans future occurrences',
        description:
          'Send `If-Match: "<version>"` to refuse a stale edit (412). Shifts that no longer ' +
          'exist are cancelled with their signups (`event_changed`). With `?dryRun=true` ' +
          'nothing is written: the answer is `{ dryRun: true, event, effects }`, the event as ' +
          'the edit would leave it and what it would do (signups cancelled, shifts added, ' +
          'removed or changed, occurrences moved, waitlists promoted), after the same checks ' +
          'and refusals as the edit itself.',
        params: idParams,
        querystring: z.strictObject({
          dryRun: booleanQuerySchema.describe('true: answer what the edit would do, write nothing'),
        }),
        headers: z.looseObject({ 'if-match': z.string().optional() }),
        body: eventPatchSchema,
        response: {
          200: z.union([eventSchema, eventDryRunSchema]),
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
            'resource_conflict',
            'version_conflict',
            'in_the_past',
          ),
        },
      },
    },
    async (request, reply) => {
      const ifVersion = parseIfMatch(request.headers['if-match']);
      const event = await loadOrganizedEvent(app.db, actorOf(request), request.params.id);
      const draft = applyEventPatch(event, request.body);
      if (request.query.dryRun === true) {
        const preview = await app.db.events.previewUpdate(event.id, draft, {
          ifVersion,
          now: request.now(),
        });
        // Nothing changed: the version to send back in If-Match is still the current one.
        return reply.header('etag', `"${event.version}"`).send({ dryRun: true, ...preview });
      }
      const updated = await app.db.events.update(event.id, draft, {
        ifVersion,
        now: request.now(),
      });
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  );

  app.post(
    '/v1/events/:id/publish',
    {
      schema: {
        tags: ['events'],
        summary: 'Publish a draft (organizer): occurrences and shifts appear at once',
        params: idParams,
        response: {
          200: eventSchema,
          ...documentErrors(
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
            'resource_conflict',
            'in_the_past',
          ),
        },
      },
    },
    async (request) => {
      const event = await loadOrganizedEvent(app.db, actorOf(request), request.params.id);
      return app.db.events.publish(event.id, request.now());
    },
  );

  app.post(
    '/v1/events/:id/cancel',
    {
      schema: {
        tags: ['events'],
        summary: 'Cancel an event (organizer); every future signup is cancelled',
        params: idParams,
        body: cancelBodySchema,
        response: {
          200: eventSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
          ),
        },
      },
    },
    async (request) => {
      const event = await loadOrganizedEvent(app.db, actorOf(request), request.params.id);
      return app.db.events.cancel(event.id, request.body?.reason, request.now());
    },
  );

  app.get(
    '/v1/events/:id/occurrences',
    {
      schema: {
        tags: ['events'],
        summary: 'The occurrences of an event in the window, with their shifts',
        params: idParams,
        querystring: z.strictObject({ ...pageQuery, ...windowQuery }),
        response: {
          200: pageOf(occurrenceSchema),
          ...documentErrors('validation_failed', 'unauthorized', 'not_found'),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const window = resolveWindow(request.query, request.now());
      const event = await loadVisibleEvent(app.db, actorOf(request), request.params.id);
      return app.db.events.occurrences(event.id, { limit, cursor, ...window });
    },
  );

  app.get(
    '/v1/events/:id/calendar.ics',
    {
      schema: {
        tags: ['events'],
        summary: 'The event as iCalendar: RRULE, EXDATE, moved and cancelled occurrences',
        params: idParams,
        response: {
          200: {
            description: 'iCalendar (RFC 5545)',
            content: { 'text/calendar': { schema: z.string() } },
          },
          ...documentErrors('unauthorized', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const event = await loadVisibleEvent(app.db, actorOf(request), request.params.id);
      const overrides = await app.db.events.overrides(event.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .send(renderEventCalendar(event, overrides, request.now()));
    },
  );
};
