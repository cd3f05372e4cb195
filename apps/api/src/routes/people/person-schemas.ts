import { z } from 'zod';

/** GET /v1/people/:id/hours answer (core's `Hours`). */
export const hoursSchema = z.object({
  totalMinutes: z.int(),
  items: z.array(
    z.object({
      signupId: z.string(),
      shiftId: z.string(),
      eventTitle: z.string(),
      start: z.string(),
      minutes: z.int(),
    }),
  ),
});

/** POST /v1/people/:id/feed-key answer: the new key, shown only here. */
export const feedKeySchema = z
  .object({
    feedUrl: z
      .string()
      .describe(
        '`/v1/people/{id}/calendar.ics?key=<key>` on this server: subscribe to it in a ' +
          'calendar app (as `webcal:`), or show it as a QR code',
      ),
    key: z.string().describe('The feed key: shown only in this answer (only its hash is stored)'),
  })
  .meta({ id: 'FeedKey' });
