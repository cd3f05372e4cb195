import {
  type Actor,
  feedWindow,
  futureBirthDates,
  hoursWindow,
  personInputSchema,
  personPatchSchema,
  personSchema,
  RotaError,
  renderPersonCalendar,
  signupStatuses,
  storableText,
} from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { pageQuery, resolveWindow, windowQuery } from '../../http/list-query.ts';
import { idParams, pageOf } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { signupWithShiftSchema } from '../signups/signup-schemas.ts';
import { loadPerson } from './person-access.ts';
import { feedKeySchema, hoursSchema } from './person-schemas.ts';

/** A birth date after today is a 400 on `birthDate` (before the 404/403 checks). */
function refuseFutureBirthDate(birthDate: string | null | undefined, now: string): void {
  const errors = futureBirthDates([{ path: 'birthDate', value: birthDate }], now);
  if (errors.length > 0) {
    throw new RotaError('validation_failed', 'birthDate: must not be in the future', { errors });
  }
}

/**
 * Where a phone must be new (duplicate_person): the organizer's subtree, everywhere for the
 * admin; nowhere when the body says `allowDuplicatePhone: true`.
 */
function duplicatePhoneScope(actor: Actor, allow: boolean | undefined): string | null | undefined {
  if (allow === true) return undefined;
  return actor.role === 'admin' ? null : actor.unitId;
}

/** People: volunteers and residents. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: "Create a person (admin; organizer of the person's unit subtree)",
        body: personInputSchema,
        response: {
          201: personSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'duplicate_person',
          ),
        },
      },
    },
    async (request, reply) => {
      refuseFutureBirthDate(request.body.birthDate, request.now());
      const actor = actorOf(request);
      await requireOrganizer(app.db, actor, request.body.unitId);
      const { allowDuplicatePhone, ...input } = request.body;
      const person = await app.db.people.create(input, {
        duplicatePhoneScope: duplicatePhoneScope(actor, allowDuplicatePhone),
      });
      return reply.code(201).send(person);
    },
  );

  app.get(
    '/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Get a person (organizer of their unit; the person themself)',
        params: idParams,
        response: {
          200: personSchema,
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => loadPerson(app.db, actorOf(request), request.params.id, { self: true }),
  );

  app.patch(
    '/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person (organizer of their unit, and of the new unit when moved)',
        params: idParams,
        body: personPatchSchema,
        response: {
          200: personSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'duplicate_person',
          ),
        },
      },
    },
    async (request) => {
      refuseFutureBirthDate(request.body.birthDate, request.now());
      const actor = actorOf(request);
      const person = await loadPerson(app.db, actor, request.params.id, { self: false });
      if (request.body.unitId !== undefined) {
        await requireOrganizer(app.db, actor, request.body.unitId);
      }
      const { allowDuplicatePhone, ...patch } = request.body;
      // An empty patch changes nothing (and would be an empty UPDATE in the store).
      if (Object.keys(patch).length === 0) return person;
      return app.db.people.update(request.params.id, patch, {
        duplicatePhoneScope: duplicatePhoneScope(actor, allowDuplicatePhone),
      });
    },
  );

  app.get(
    '/v1/people/:id/signups',
    {
      schema: {
        tags: ['people'],
        summary: "A person's signups whose shifts start in the window",
        params: idParams,
        querystring: z.strictObject({
          ...pageQuery,
          ...windowQuery,
          status: z.enum(signupStatuses).optional(),
        }),
        response: {
          200: pageOf(signupWithShiftSchema),
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const window = resolveWindow(request.query, request.now());
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      return app.db.people.signups(person.id, { limit, cursor, status, ...window });
    },
  );

  app.get(
    '/v1/people/:id/hours',
    {
      schema: {
        tags: ['people'],
        summary: 'Volunteer hours: confirmed signups whose shift ended, in the window',
        description:
          'Without `from` and `to` the window is the last 366 days up to now; with only ' +
          '`from`, it ends 31 days later.',
        params: idParams,
        querystring: z.strictObject(windowQuery),
        response: {
          200: hoursSchema,
          ...documentErrors('validation_failed', 'unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const now = request.now();
      const { from, to } = request.query;
      // Hours are about the past: core's hoursWindow (the last year when no window is given).
      const base = hoursWindow({ from, to }, now);
      const window =
        from === undefined && to === undefined
          ? { from: base.from, to: now }
          : resolveWindow(base, now);
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      return app.db.people.hours(person.id, window, now);
    },
  );

  app.get(
    '/v1/people/:id/calendar.ics',
    {
      config: { auth: false },
      schema: {
        tags: ['people'],
        summary: "A person's confirmed shifts as iCalendar (authorized by the feed key)",
        description:
          "Calendar apps cannot send headers: the `key` query parameter is the person's " +
          'feed key (`POST /v1/people/{id}/feed-key` makes one). A missing or wrong key, an ' +
          'old key after a rotation, or an unknown person, is a 401.',
        security: [],
        params: idParams,
        querystring: z.strictObject({ key: storableText.max(200).optional() }),
        response: {
          200: {
            description: 'iCalendar (RFC 5545)',
            content: { 'text/calendar': { schema: z.string() } },
          },
          ...documentErrors('unauthorized'),
        },
      },
    },
    async (request, reply) => {
      const { key } = request.query;
      if (!key) throw new RotaError('unauthorized', 'Add ?key=<feed key> to the feed URL');
      const person = await app.db.people.byFeedKey(request.params.id, key);
      if (!person) throw new RotaError('unauthorized', 'Unknown feed key');
      const now = request.now();
      const signups = await app.db.people.calendar(person.id, feedWindow(now));
      return reply
        .type('text/calendar; charset=utf-8')
        .send(renderPersonCalendar(person, signups, now));
    },
  );

  app.post(
    '/v1/people/:id/feed-key',
    {
      schema: {
        tags: ['people'],
        summary: 'Make a new calendar feed key (the person themself; organizer of their unit)',
        params: idParams,
        response: {
          201: feedKeySchema,
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request, reply) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      const key = await app.db.people.rotateFeedKey(person.id);
      if (key === undefined) throw notFound('person', person.id);
      return reply.code(201).send({
        feedUrl: `/v1/people/${encodeURIComponent(person.id)}/calendar.ics?key=${key}`,
        key,
      });
    },
  );
};
