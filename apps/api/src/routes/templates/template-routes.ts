import { eventKinds, slotInputSchema, templates } from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentErrors } from '../../http/document-errors.ts';
import { pageOf } from '../../http/page-schema.ts';

const templateSchema = z.object({
  kind: z.enum(eventKinds),
  name: z.string(),
  description: z.string(),
  durationMinutes: z.int(),
  slots: z.array(slotInputSchema),
  suggestedResources: z
    .array(z.object({ kind: z.string(), name: z.string(), quantity: z.int() }))
    .optional()
    .describe('Equipment this kind usually needs: a prompt, nothing is booked by the template'),
});

/** GET /v1/templates: what each event kind fills in (core data). */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'The event templates with their slots',
        response: { 200: pageOf(templateSchema), ...documentErrors('unauthorized') },
      },
    },
    async () => ({ items: Object.values(templates), nextCursor: null }),
  );
};
