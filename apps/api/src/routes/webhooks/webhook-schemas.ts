import { descriptionSchema, notificationTypes, storableText } from '@rota/core';
import { z } from 'zod';

const eventTypes = z
  .array(z.enum(notificationTypes))
  .min(1, 'name at least one event type')
  .max(notificationTypes.length);

const urlSchema = storableText
  .min(1)
  .max(2000)
  .describe('http(s) URL the deliveries are POSTed to');

export const webhookInputSchema = z.strictObject({
  unitId: storableText.min(1).max(100),
  url: urlSchema,
  events: eventTypes,
  description: descriptionSchema.optional(),
});

export const webhookPatchSchema = z.strictObject({
  url: urlSchema.optional(),
  events: eventTypes.optional(),
  description: descriptionSchema.nullable().optional(),
  status: z.enum(['active', 'paused']).optional(),
});

export const webhookSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  status: z.enum(['active', 'paused', 'failing']),
  failureReason: z.string().nullable().describe('Why it is failing (after retries ran out)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().describe('`whsec_…`: shown only here; verify signatures with it'),
});

export const rotateSecretSchema = z.strictObject({
  overlapMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional()
    .describe('How long the old secret keeps signing too (default 1440 = 24 h)'),
});

export const deliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string().describe('The `webhook-id` header: the same on every attempt'),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  responseStatus: z.int().nullable(),
  responseExcerpt: z.string().nullable().describe('At most the first 200 characters'),
  durationMs: z.int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

export const acceptedSchema = z.object({ status: z.literal('queued') });
