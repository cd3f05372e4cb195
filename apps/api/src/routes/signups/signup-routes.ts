import {
  type AttendanceStep,
  attendanceSchema,
  cancelReasonFor,
  defaultSeats,
  futureBirthDates,
  isRotaError,
  RotaError,
  signupInputSchema,
} from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentErrors } from '../../http/document-errors.ts';
import { idParams } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { loadVisibleShift } from '../shifts/shift-access.ts';
import { isSelf, loadSignup } from './signup-access.ts';
import { cancelledSignupSchema, signupSchema } from './signup-schemas.ts';

// No body at all arrives as null: the body is optional.
const attendanceBodySchema = attendanceSchema.nullish();

/** Signups: a person on a shift. */
export const signupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/signups',
    {
      config: { idempotency: 'store' },
      schema: {
        tags: ['signups'],
        summary: 'Sign a person up (their volunteer token; an organizer)',
        description:
          'Confirmed when the seats fit, else waitlisted (with `waitlistPosition`) when the ' +
          'slot has a waitlist. `seats` defaults to 1 + companions. Send `Idempotency-Key` ' +
          'to retry safely. Walk-ins: an organizer may sign a person up on a shift that has ' +
          'started or ended (the answer has `walkIn: true`; a volunteer gets 422 ' +
          '`signup_closed`), and record the attendance in the same request with `checkIn: ' +
          'true` (now) or `checkedInAt`, and `checkedOutAt`, within the bounds of the ' +
          'check-in route; a signup that would be waitlisted then is 409 `invalid_state` and ' +
          'nothing is written.',
        body: signupInputSchema,
        response: {
          201: signupSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'shift_full',
            'already_signed_up',
            'one_per_occurrence',
            'schedule_conflict',
            'shift_cancelled',
            'ineligible',
            'signup_closed',
            'invalid_state',
            'not_yet',
            'idempotency_key_in_flight',
            'idempotency_key_reused',
          ),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { shiftId, personId, companions = [], note } = request.body;
      const unborn = futureBirthDates(
        companions.map((c, i) => ({ path: `companions.${i}.birthDate`, value: c.birthDate })),
        request.now(),
      );
      if (unborn.length > 0) {
        throw new RotaError(
          'validation_failed',
          unborn.map((e) => `${e.path}: ${e.message}`).join('; '),
          { errors: unborn },
        );
      }
      // A resident signing themself up is the hot path when a popular shift opens: their
      // token's person exists, and the store reads the shift under its lock anyway, so the
      // reads are skipped here (a hot shift's row is costly to read: docs/performance.md) and
      // made only when the store refuses, to answer 404 first for a shift they may not see.
      // Anyone else (an organizer at a desk) is checked by the store, in the signup's own
      // transaction, from the rows it reads anyway: 404 for a shift they may not see or an
      // unknown person, then 403 unless they organize the person's unit.
      const self = isSelf(actor, personId);
      const { checkIn, checkedInAt, checkedOutAt } = request.body;
      const checkedIn = checkIn === true ? request.now() : checkedInAt;
      // Attendance is the organizers' (as on the check-in route): a volunteer may not send it.
      if ((checkIn !== undefined || checkedIn !== undefined) && actor.role === 'volunteer') {
        throw new RotaError('forbidden', 'Only organizers record attendance');
      }
      const attendance =
        checkedIn === undefined ? undefined : { checkedInAt: checkedIn, checkedOutAt };
      const seats = request.body.seats ?? defaultSeats(companions);
      const claim = request.idempotency;
      const signup = await app.db.signups
        .create({ shiftId, personId, seats, companions, note, attendance }, request.now(), {
          idempotency: claim ?? undefined,
          actor: self ? undefined : { role: actor.role, unitId: actor.unitId },
        })
        .catch(async (error: unknown) => {
          // Only these could hide a shift the volunteer may not see (unknown, a draft's); a
          // sold-out shift's refusals stay cheap.
          if (self && (isRotaError(error, 'not_found') || isRotaError(error, 'signup_closed'))) {
            await loadVisibleShift(app.db, actor, shiftId);
          }
          // (already_signed_up over schedule_conflict in a race: the store's error mapping.)
          throw error;
        });
      return reply.code(201).send(signup);
    },
  );

  app.get(
    '/v1/signups/:id',
    {
      schema: {
        tags: ['signups'],
        summary: 'Get a signup (the person; an organizer)',
        params: idParams,
        response: {
          200: signupSchema,
          ...documentErrors('unauthorized', 'forbidden', 'not_found'),
        },
      },
    },
    async (request) => {
      const { signup } = await loadSignup(app.db, actorOf(request), request.params.id, {
        self: true,
      });
      return signup;
    },
  );

  app.delete(
    '/v1/signups/:id',
    {
      schema: {
        tags: ['signups'],
        summary: 'Cancel a signup (the person; an organizer); the waitlist moves up',
        params: idParams,
        response: {
          200: cancelledSignupSchema,
          ...documentErrors(
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
            'in_the_past',
          ),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { signup } = await loadSignup(app.db, actor, request.params.id, { self: true });
      const reason = cancelReasonFor(actor, signup.personId);
      const { value, promoted } = await app.db.signups.cancel(signup.id, reason, request.now());
      return { signup: value, promoted };
    },
  );

  const attendance = [
    ['check-in', 'Check a signup in (organizer); `at` defaults to now'],
    ['check-out', 'Check a signup out (organizer); `at` defaults to now'],
  ] as const;
  for (const [action, summary] of attendance) {
    app.post(
      `/v1/signups/:id/${action}`,
      {
        schema: {
          tags: ['signups'],
          summary,
          params: idParams,
          body: attendanceBodySchema,
          response: {
            200: signupSchema,
            ...documentErrors(
              'validation_failed',
              'unauthorized',
              'forbidden',
              'not_found',
              'invalid_state',
              'not_yet',
            ),
          },
        },
      },
      async (request) => {
        const { signup } = await loadSignup(app.db, actorOf(request), request.params.id, {
          self: false,
        });
        const at = request.body?.at ?? request.now();
        return action === 'check-in'
          ? app.db.signups.checkIn(signup.id, at, request.now())
          : app.db.signups.checkOut(signup.id, at, request.now());
      },
    );
  }

  // Undo at the door: each recorded step can be taken back, the last first.
  const undo = [
    ['check-in', 'Undo a check-in (organizer); a check-out is undone first'],
    ['check-out', 'Undo a check-out (organizer)'],
    ['no-show', 'Undo a no-show (organizer)'],
  ] as const satisfies readonly (readonly [AttendanceStep, string])[];
  for (const [step, summary] of undo) {
    app.delete(
      `/v1/signups/:id/${step}`,
      {
        schema: {
          tags: ['signups'],
          summary,
          params: idParams,
          response: {
            200: signupSchema,
            ...documentErrors('unauthorized', 'forbidden', 'not_found', 'invalid_state'),
          },
        },
      },
      async (request) => {
        const { signup } = await loadSignup(app.db, actorOf(request), request.params.id, {
          self: false,
        });
        return app.db.signups.undoAttendance(signup.id, step, request.now());
      },
    );
  }

  app.post(
    '/v1/signups/:id/no-show',
    {
      schema: {
        tags: ['signups'],
        summary: 'Mark a signup as a no-show (organizer)',
        params: idParams,
        response: {
          200: signupSchema,
          ...documentErrors('unauthorized', 'forbidden', 'not_found', 'invalid_state', 'not_yet'),
        },
      },
    },
    async (request) => {
      const { signup } = await loadSignup(app.db, actorOf(request), request.params.id, {
        self: false,
      });
      return app.db.signups.noShow(signup.id, request.now());
    },
  );
};
