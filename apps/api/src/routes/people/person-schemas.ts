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
