import {
  notificationChannels,
  notificationLanguages,
  notificationPreferencesSchema,
} from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { booleanQuerySchema, pageQuery } from '../../http/list-query.ts';
import { idParams, pageOf, pathIdSchema } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { loadPerson } from '../people/person-access.ts';

const noticeSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const preferencesSchema = z.object({
  channels: z.array(z.enum(notificationChannels)),
  language: z.enum(notificationLanguages),
  email: z.string().nullable(),
});

const tags = ['notifications'];
const errors = ['unauthorized', 'validation_failed', 'forbidden', 'not_found'] as const;

/** A person's in-app inbox and their channel and language choices. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/people/:id/notifications',
    {
      schema: {
        tags,
        summary: 'The person’s inbox, newest first (the person; an organizer of their unit)',
        params: idParams,
        querystring: z.object({ ...pageQuery, unread: booleanQuerySchema }),
        response: { 200: pageOf(noticeSchema), ...documentErrors(...errors) },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      const page = await app.db.notifications.list(person.id, request.query);
      return {
        items: page.items.map(({ personId: _p, ...notice }) => notice),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/v1/people/:id/notifications/:nid/read',
    {
      schema: {
        tags,
        summary: 'Mark a notice read',
        params: z.object({ id: pathIdSchema, nid: pathIdSchema }),
        response: { 200: noticeSchema, ...documentErrors(...errors) },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      const notice = await app.db.notifications.markRead(
        person.id,
        request.params.nid,
        request.now(),
      );
      if (!notice) throw notFound('notification', request.params.nid);
      const { personId: _p, ...rest } = notice;
      return rest;
    },
  );

  app.get(
    '/v1/people/:id/notification-preferences',
    {
      schema: {
        tags,
        summary: 'The channels (inbox always) and language (zh-CN default) the person chose',
        params: idParams,
        response: { 200: preferencesSchema, ...documentErrors(...errors) },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      return app.db.notifications.preferences(person.id);
    },
  );

  app.put(
    '/v1/people/:id/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose channels (`inbox`, `email`, `sms`), language and email address',
        params: idParams,
        body: notificationPreferencesSchema,
        response: { 200: preferencesSchema, ...documentErrors(...errors) },
      },
    },
    async (request) => {
      const person = await loadPerson(app.db, actorOf(request), request.params.id, { self: true });
      return app.db.notifications.setPreferences(person.id, request.body);
    },
  );
};
