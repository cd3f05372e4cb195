// The authorization matrix of API.md: every route × every kind of caller → the expected
// status. The table below IS the specification; each cell runs as one request through
// app.inject on a fresh target where the route changes state. After every 401 and 403 the
// suite checks that nothing was written: no write reached the stores (a spy on RotaDb), and
// the target, re-read as the admin, is unchanged.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import {
  buildUnitTree,
  type CallFn,
  eventInput,
  expectStatus,
  NOW,
  publishedEvent,
  type UnitTree,
} from './helpers/unit-tree.ts';
import { spyOnWrites } from './helpers/write-spy.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

/**
 * The callers, in the order of the table's columns. The target of every row lives in
 * subdistrict A (or is the person `self`, who lives in A):
 * - admin; unit: organizer of A; parent: of the district above A; child: of the community
 *   below A; sibling: of subdistrict B;
 * - self: the volunteer token of the person the row is about; other: another volunteer in A;
 * - none: no Authorization header; bogus: a bearer token that does not exist.
 */
const actors = [
  'admin',
  'unit',
  'parent',
  'child',
  'sibling',
  'self',
  'other',
  'none',
  'bogus',
] as const;
type Actor = (typeof actors)[number];

interface Target {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the admin reads of the target (compared before and after a refused request). */
  reread?: () => Promise<unknown>;
}

interface Row {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  statuses: Record<Actor, number>;
  /** Builds the target; called once per cell when `fresh`, else once per row. */
  target: () => Promise<Target>;
  fresh: boolean;
}

const ALL_OK = '200 200 200 200 200 200 200 200 200';
const ANY_TOKEN = '200 200 200 200 200 200 200 401 401';
const ORGANIZERS_OF_A = '200 200 200 403 403 403 403 401 401';
const DRAFT_OF_A = '200 200 200 404 404 404 404 401 401';
const ORGANIZERS_OF_A_CREATE = '201 201 201 403 403 403 403 401 401';
/** The header a browser session's writes carry (docs/decisions/0007). */
const CSRF = { 'x-rota-csrf': '1' };

for (const backend of backends)
  t.test(`authorization matrix on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    let clock = NOW;
    const spy = spyOnWrites(db);
    const app = await buildApp({
      db: spy.db,
      now: () => clock,
      // The attendance rows move the clock into their shift (weeks ahead): the session of
      // the cookie rows must outlive that.
      sessionIdleSeconds: 10 * 365 * 24 * 60 * 60,
      logger: process.env.ROTA_TEST_LOG ? { level: 'error' } : false,
    });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call: CallFn = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin', label: 'matrix admin' })).token;
    const tree: UnitTree = await buildUnitTree(call, admin);
    const { units, people, tokens } = tree;

    const tokenOf: Record<Actor, string | undefined> = {
      admin,
      unit: tokens.unit,
      parent: tokens.parent,
      child: tokens.child,
      sibling: tokens.sibling,
      self: tokens.self,
      other: tokens.other,
      none: undefined,
      bogus: 'no-such-token-0123456789',
    };

    // Shared targets for the rows that do not change state.
    const published = await publishedEvent(call, admin, units.a);
    const draft = (
      await expectStatus(
        call(admin, 'POST', '/v1/events', eventInput(units.a, { status: 'draft', title: '草稿' })),
        201,
        'draft',
      )
    ).body.id as string;
    const signupOf = async (personId: string, shiftId = published.shiftId) =>
      (await expectStatus(call(admin, 'POST', '/v1/signups', { shiftId, personId }), 201, 'signup'))
        .body.id as string;
    const selfSignup = await signupOf(people.self);

    const read = async (url: string, headers: Record<string, string> = {}) => {
      const res = await call(admin, 'GET', url, undefined, headers);
      return { status: res.status, body: res.body };
    };
    // Each fresh event at its own time, so that the same volunteer's signups never overlap
    // (a schedule_conflict would hide the status under test): one a day from 7 December, and
    // after 150 days (the horizon ends 180 days after NOW) again three hours later each day.
    let fresh = 0;
    const slotOf = (n: number) => ({
      day: 7 + ((n - 1) % 150),
      hour: 9 + 3 * Math.floor((n - 1) / 150),
    });
    const freshEvent = () => {
      fresh++;
      clock = NOW;
      const { day, hour } = slotOf(fresh);
      const start = new Date(Date.UTC(2026, 11, day, hour)).toISOString().slice(0, 16);
      return publishedEvent(call, admin, units.a, { start });
    };
    // Attendance is recorded during its shift (issue 10: within the shift and its tolerance;
    // issue 11: not ahead of time): the clock moves into the last fresh event's shift (two
    // hours, local time in Shanghai, UTC+8), an hour after its start.
    const duringLastShift = () => {
      const { day, hour } = slotOf(fresh);
      clock = new Date(Date.UTC(2026, 11, day, hour - 8 + 1)).toISOString();
    };
    const freshDraft = async () =>
      (
        await expectStatus(
          call(admin, 'POST', '/v1/events', eventInput(units.a, { status: 'draft' })),
          201,
          'draft',
        )
      ).body.id as string;
    const freshSignup = async () => signupOf(people.self, (await freshEvent()).shiftId);

    const rows: Row[] = [];
    const row = (
      route: string,
      table: string,
      target: () => Promise<Target>,
      options: { fresh?: boolean } = {},
    ) => {
      const codes = table.trim().split(/\s+/).map(Number);
      if (codes.length !== actors.length) throw new Error(`row ${route}: ${codes.length} columns`);
      const [method] = route.split(' ') as [Row['method']];
      rows.push({
        route,
        method,
        statuses: Object.fromEntries(
          actors.map((actor, i) => [actor, codes[i]]),
        ) as Row['statuses'],
        target,
        fresh: options.fresh ?? method !== 'GET',
      });
    };
    const at =
      (url: string, extra: Omit<Target, 'url'> = {}) =>
      async () => ({ url, ...extra });

    // ---------------------------------------------------------------------------------------
    //  route                                    admin unit parent child sibl self other none bogus
    // ---------------------------------------------------------------------------------------
    row('GET /health', ALL_OK, at('/health'));
    row('GET /health/live', ALL_OK, at('/health/live'));
    row('GET /openapi.json', ALL_OK, at('/openapi.json'));
    row('GET /docs/', ALL_OK, at('/docs/'));
    row('GET /docs', ALL_OK, at('/docs'));

    row('POST /v1/units (under A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/units',
      body: { name: '新社区', kind: 'community', parentId: units.a },
      reread: () => read(`/v1/units?parentId=${units.a}&limit=500`),
    }));
    row('POST /v1/units (top level)', '201 403 403 403 403 403 403 401 401', async () => ({
      url: '/v1/units',
      body: { name: '新区', kind: 'district' },
      reread: () => read('/v1/units?limit=500'),
    }));
    row('GET /v1/units/:id', ANY_TOKEN, at(`/v1/units/${units.a}`));
    row('GET /v1/units?parentId', ANY_TOKEN, at(`/v1/units?parentId=${units.a}`));

    row('POST /v1/tokens (organizer of A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/tokens',
      body: { role: 'organizer', unitId: units.a },
    }));
    row('POST /v1/tokens (volunteer in A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/tokens',
      body: { role: 'volunteer', personId: people.self },
    }));
    row(
      'DELETE /v1/tokens/:id (volunteer in A)',
      '204 204 204 403 403 403 403 401 401',
      async () => {
        const spare = await expectStatus(
          call(admin, 'POST', '/v1/tokens', { role: 'volunteer', personId: people.spare }),
          201,
          'spare token',
        );
        return {
          url: `/v1/tokens/${spare.body.id}`,
          // Still valid when the revocation was refused.
          reread: async () => (await call(spare.body.token, 'GET', '/v1/templates')).status,
        };
      },
    );

    row('POST /v1/sign-in-links (volunteer in A)', ORGANIZERS_OF_A_CREATE, async () => ({
      url: '/v1/sign-in-links',
      body: { personId: people.self },
    }));
    row('POST /v1/sign-in-links (organizer of A)', ORGANIZERS_OF_A_CREATE, async () => ({
      url: '/v1/sign-in-links',
      body: { unitId: units.a },
    }));
    row(
      'DELETE /v1/sign-in-links/:id (volunteer in A)',
      '204 204 204 403 403 403 403 401 401',
      async () => {
        const link = await expectStatus(
          call(admin, 'POST', '/v1/sign-in-links', { personId: people.spare }),
          201,
          'spare link',
        );
        return {
          url: `/v1/sign-in-links/${link.body.id}`,
          // Still usable when the revocation was refused.
          reread: () => db.signIn.getLink(link.body.id),
        };
      },
    );
    // The code is the credential: a bearer token neither helps nor hurts.
    row('POST /v1/sessions', '201 201 201 201 201 201 201 201 201', async () => {
      const link = await expectStatus(
        call(admin, 'POST', '/v1/sign-in-links', { personId: people.spare }),
        201,
        'link to exchange',
      );
      return { url: '/v1/sessions', body: { code: link.body.code }, headers: CSRF };
    });
    // A bearer token has no current session to end.
    row('DELETE /v1/sessions/current', '404 404 404 404 404 404 404 401 401', async () => ({
      url: '/v1/sessions/current',
    }));
    row('GET /v1/me', ANY_TOKEN, at('/v1/me'));

    row('POST /v1/people (in A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/people',
      body: { name: '新人', unitId: units.a },
    }));
    // Organizers list the people and tags of their subtree; volunteers list no one (issue 15).
    row('GET /v1/people?unitId', ORGANIZERS_OF_A, at(`/v1/people?unitId=${units.a}&q=wang`));
    row(
      'GET /v1/people?unitId (unknown unit)',
      '404 404 404 404 404 403 403 401 401',
      at('/v1/people?unitId=no-such-unit'),
    );
    row('GET /v1/tags?unitId', ORGANIZERS_OF_A, at(`/v1/tags?unitId=${units.a}`));
    row('GET /v1/people/:id/access', ORGANIZERS_OF_A, at(`/v1/people/${people.spare}/access`));
    // (spare's, not self's: the cookie rows below need self's session.)
    row('DELETE /v1/people/:id/sessions', ORGANIZERS_OF_A, async () => {
      await expectStatus(
        call(admin, 'POST', '/v1/sign-in-links', { personId: people.spare }),
        201,
        'a link to revoke',
      );
      return {
        url: `/v1/people/${people.spare}/sessions`,
        reread: () => read(`/v1/people/${people.spare}/access`),
      };
    });
    row(
      'GET /v1/people/:id',
      '200 200 200 403 403 200 403 401 401',
      at(`/v1/people/${people.self}`),
    );
    row('PATCH /v1/people/:id', '200 200 200 403 403 403 403 401 401', async () => ({
      url: `/v1/people/${people.self}`,
      body: { tags: ['medical', 'first-aid'] },
      reread: () => read(`/v1/people/${people.self}`),
    }));
    row(
      'GET /v1/people/:id/signups',
      '200 200 200 403 403 200 403 401 401',
      at(`/v1/people/${people.self}/signups`),
    );
    row(
      'GET /v1/people/:id/hours',
      '200 200 200 403 403 200 403 401 401',
      at(`/v1/people/${people.self}/hours`),
    );
    // The feed key is the credential here: a bearer token neither helps nor hurts. The key is
    // made when the row runs (the feed-key row below rotates self's key).
    const freshFeedKey = async (personId: string) =>
      (await expectStatus(call(admin, 'POST', `/v1/people/${personId}/feed-key`), 201, 'feed key'))
        .body.key as string;
    row('GET /v1/people/:id/calendar.ics?key=right', ALL_OK, async () => ({
      url: `/v1/people/${people.self}/calendar.ics?key=${await freshFeedKey(people.self)}`,
    }));
    row(
      'GET /v1/people/:id/calendar.ics?key=wrong',
      '401 401 401 401 401 401 401 401 401',
      at(`/v1/people/${people.self}/calendar.ics?key=${'x'.repeat(tree.feedKeys.self.length)}`),
    );
    // Only the person and the organizers who act for them make (and so end) a feed key: a
    // refused rotation leaves the current key working.
    row('POST /v1/people/:id/feed-key', '201 201 201 403 403 201 403 401 401', async () => {
      const key = await freshFeedKey(people.self);
      const feed = `/v1/people/${people.self}/calendar.ics?key=${key}`;
      return {
        url: `/v1/people/${people.self}/feed-key`,
        reread: async () => (await call(undefined, 'GET', feed)).status,
      };
    });

    row('POST /v1/events (in A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/events',
      body: eventInput(units.a),
      reread: () => read(`/v1/events?unitId=${units.a}&limit=500`),
    }));
    row('GET /v1/events/:id (published)', ANY_TOKEN, at(`/v1/events/${published.eventId}`));
    row('GET /v1/events/:id (draft)', DRAFT_OF_A, at(`/v1/events/${draft}`));
    row('GET /v1/events?unitId', ANY_TOKEN, at(`/v1/events?unitId=${units.a}&limit=500`));
    row('PATCH /v1/events/:id (published)', ORGANIZERS_OF_A, async () => {
      const { eventId } = await freshEvent();
      return {
        url: `/v1/events/${eventId}`,
        body: { title: '改过的标题' },
        reread: () => read(`/v1/events/${eventId}`),
      };
    });
    // A dry run is authorized like the edit, and writes nothing for anyone (issue 15).
    row('PATCH /v1/events/:id?dryRun=true (published)', ORGANIZERS_OF_A, async () => {
      const { eventId } = await freshEvent();
      return {
        url: `/v1/events/${eventId}?dryRun=true`,
        body: { title: '试一试' },
        reread: () => read(`/v1/events/${eventId}`),
      };
    });
    row('PATCH /v1/events/:id (draft)', DRAFT_OF_A, async () => {
      const id = await freshDraft();
      return {
        url: `/v1/events/${id}`,
        body: { title: '改过' },
        reread: () => read(`/v1/events/${id}`),
      };
    });
    row('POST /v1/events/:id/publish (draft)', DRAFT_OF_A, async () => {
      const id = await freshDraft();
      return { url: `/v1/events/${id}/publish`, reread: () => read(`/v1/events/${id}`) };
    });
    row('POST /v1/events/:id/cancel', ORGANIZERS_OF_A, async () => {
      const { eventId, shiftId } = await freshEvent();
      await signupOf(people.self, shiftId);
      return {
        url: `/v1/events/${eventId}/cancel`,
        body: { reason: '下雨' },
        reread: async () => [
          await read(`/v1/events/${eventId}`),
          await read(`/v1/shifts/${shiftId}/roster`),
        ],
      };
    });
    row(
      'GET /v1/events/:id/occurrences (published)',
      ANY_TOKEN,
      at(`/v1/events/${published.eventId}/occurrences`),
    );
    row(
      'GET /v1/events/:id/occurrences (draft)',
      DRAFT_OF_A,
      at(`/v1/events/${draft}/occurrences`),
    );
    row(
      'GET /v1/events/:id/calendar.ics (published)',
      ANY_TOKEN,
      at(`/v1/events/${published.eventId}/calendar.ics`),
    );
    row(
      'GET /v1/events/:id/calendar.ics (draft)',
      DRAFT_OF_A,
      at(`/v1/events/${draft}/calendar.ics`),
    );
    row('GET /v1/templates', ANY_TOKEN, at('/v1/templates'));

    row('PATCH /v1/occurrences/:id (cancel)', ORGANIZERS_OF_A, async () => {
      const { eventId, occurrenceId } = await freshEvent();
      return {
        url: `/v1/occurrences/${occurrenceId}`,
        body: { status: 'cancelled', reason: '停电' },
        reread: () => read(`/v1/events/${eventId}/occurrences`),
      };
    });
    row('PATCH /v1/occurrences/:id (move)', ORGANIZERS_OF_A, async () => {
      const { eventId, occurrenceId } = await freshEvent();
      return {
        url: `/v1/occurrences/${occurrenceId}`,
        body: { start: '2026-12-06T09:00' },
        reread: () => read(`/v1/events/${eventId}/occurrences`),
      };
    });

    row('GET /v1/shifts?unitId', ANY_TOKEN, at(`/v1/shifts?unitId=${units.a}`));
    // eligibleFor reveals the person's age and tags: the person and who may read them (issue 10).
    row(
      'GET /v1/shifts?eligibleFor (person self)',
      '200 200 200 403 403 200 403 401 401',
      at(`/v1/shifts?eligibleFor=${people.self}`),
    );
    row(
      'GET /v1/shifts?eligibleFor (unknown person)',
      '404 404 404 404 404 404 404 401 401',
      at('/v1/shifts?eligibleFor=no-such-person'),
    );
    row('GET /v1/shifts/:id', ANY_TOKEN, at(`/v1/shifts/${published.shiftId}`));
    row('PATCH /v1/shifts/:id', ORGANIZERS_OF_A, async () => {
      const { shiftId } = await freshEvent();
      return {
        url: `/v1/shifts/${shiftId}`,
        body: { capacity: 25 },
        reread: () => read(`/v1/shifts/${shiftId}`),
      };
    });
    row('GET /v1/shifts/:id/roster', ORGANIZERS_OF_A, at(`/v1/shifts/${published.shiftId}/roster`));
    row(
      'GET /v1/shifts/:id/roster (CSV by Accept, undocumented)',
      ORGANIZERS_OF_A,
      at(`/v1/shifts/${published.shiftId}/roster`, { headers: { accept: 'text/csv' } }),
    );
    row(
      'GET /v1/shifts/:id/roster.csv',
      ORGANIZERS_OF_A,
      at(`/v1/shifts/${published.shiftId}/roster.csv`),
    );

    // `self` signs up themself; `other` may not sign `self` up (and vice versa below).
    row('POST /v1/signups (person self)', '201 201 201 403 403 201 403 401 401', async () => {
      const { shiftId } = await freshEvent();
      return {
        url: '/v1/signups',
        body: { shiftId, personId: people.self },
        reread: () => read(`/v1/shifts/${shiftId}/roster`),
      };
    });
    row('POST /v1/signups (person other)', '201 201 201 403 403 403 201 401 401', async () => {
      const { shiftId } = await freshEvent();
      return {
        url: '/v1/signups',
        body: { shiftId, personId: people.other },
        reread: () => read(`/v1/shifts/${shiftId}/roster`),
      };
    });
    // Cross-unit enrolment (issue 10): the organizer of the event's unit (A) may not sign up
    // a person of B; organizers whose subtree holds B may, on any shift they can see.
    row('POST /v1/signups (person of B)', '201 403 201 403 201 403 403 401 401', async () => {
      const { shiftId } = await freshEvent();
      return {
        url: '/v1/signups',
        body: { shiftId, personId: people.stranger },
        reread: () => read(`/v1/shifts/${shiftId}/roster`),
      };
    });
    // Walk-ins (issue 15): once the shift has started, organizers still sign people up at the
    // door; the volunteer's own signup stays closed (422 signup_closed).
    row(
      'POST /v1/signups (walk-in, shift started)',
      '201 201 201 403 403 422 403 401 401',
      async () => {
        const { shiftId } = await freshEvent();
        duringLastShift();
        return {
          url: '/v1/signups',
          body: { shiftId, personId: people.self },
          reread: () => read(`/v1/shifts/${shiftId}/roster`),
        };
      },
    );
    row(
      'GET /v1/signups/:id',
      '200 200 200 403 403 200 403 401 401',
      at(`/v1/signups/${selfSignup}`),
    );
    row('DELETE /v1/signups/:id', '200 200 200 403 403 200 403 401 401', async () => {
      const id = await freshSignup();
      return { url: `/v1/signups/${id}`, reread: () => read(`/v1/signups/${id}`) };
    });
    row('POST /v1/signups/:id/check-in', ORGANIZERS_OF_A, async () => {
      const id = await freshSignup();
      duringLastShift();
      return { url: `/v1/signups/${id}/check-in`, reread: () => read(`/v1/signups/${id}`) };
    });
    row('POST /v1/signups/:id/check-out', ORGANIZERS_OF_A, async () => {
      const id = await freshSignup();
      duringLastShift();
      await expectStatus(call(admin, 'POST', `/v1/signups/${id}/check-in`), 200, 'check-in');
      return { url: `/v1/signups/${id}/check-out`, reread: () => read(`/v1/signups/${id}`) };
    });
    row('POST /v1/signups/:id/no-show', ORGANIZERS_OF_A, async () => {
      const id = await freshSignup();
      duringLastShift();
      return { url: `/v1/signups/${id}/no-show`, reread: () => read(`/v1/signups/${id}`) };
    });
    for (const step of ['check-in', 'check-out', 'no-show']) {
      row(`DELETE /v1/signups/:id/${step}`, ORGANIZERS_OF_A, async () => {
        const id = await freshSignup();
        duringLastShift();
        // Record the step (a check-out needs a check-in before it) so there is one to undo.
        for (const done of step === 'check-out' ? ['check-in', step] : [step]) {
          await expectStatus(call(admin, 'POST', `/v1/signups/${id}/${done}`), 200, done);
        }
        return { url: `/v1/signups/${id}/${step}`, reread: () => read(`/v1/signups/${id}`) };
      });
    }

    // Notifications: webhooks belong to organizers of their unit; a person's inbox and
    // preferences to the person and the organizers above them.
    await db.jobs.start();
    const WEBHOOKS_OF_A = '200 200 200 403 403 403 403 401 401';
    const newHook = async () =>
      (
        await expectStatus(
          call(admin, 'POST', '/v1/webhooks', {
            unitId: units.a,
            url: 'https://example.org/rota',
            events: ['signup.confirmed'],
          }),
          201,
          'webhook',
        )
      ).body.id as string;
    const hook = await newHook();
    await expectStatus(call(admin, 'POST', `/v1/webhooks/${hook}/ping`), 202, 'ping');
    await db.notifications.dispatch(NOW);
    const delivery = (await db.webhooks.deliveries(hook, {})).items[0]?.id;
    const notice = (await db.notifications.list(people.self, {})).items[0]?.id;
    if (delivery === undefined || notice === undefined) throw new Error('no delivery or notice');
    const readHook = (id: string) => () => read(`/v1/webhooks/${id}`);
    row('POST /v1/webhooks (in A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/webhooks',
      body: { unitId: units.a, url: 'https://example.org/new', events: ['event.changed'] },
      reread: () => read(`/v1/webhooks?unitId=${units.a}&limit=500`),
    }));
    row('GET /v1/webhooks?unitId', WEBHOOKS_OF_A, at(`/v1/webhooks?unitId=${units.a}`));
    row('GET /v1/webhooks/:id', WEBHOOKS_OF_A, at(`/v1/webhooks/${hook}`));
    row('PATCH /v1/webhooks/:id', WEBHOOKS_OF_A, async () => {
      const id = await newHook();
      return { url: `/v1/webhooks/${id}`, body: { description: '门户' }, reread: readHook(id) };
    });
    row('DELETE /v1/webhooks/:id', '204 204 204 403 403 403 403 401 401', async () => {
      const id = await newHook();
      return { url: `/v1/webhooks/${id}`, reread: readHook(id) };
    });
    row('POST /v1/webhooks/:id/rotate-secret', WEBHOOKS_OF_A, async () => {
      const id = await newHook();
      return { url: `/v1/webhooks/${id}/rotate-secret`, reread: readHook(id) };
    });
    row('GET /v1/webhooks/:id/deliveries', WEBHOOKS_OF_A, at(`/v1/webhooks/${hook}/deliveries`));
    row(
      'POST /v1/webhooks/:id/deliveries/{deliveryId}/retry',
      '202 202 202 403 403 403 403 401 401',
      at(`/v1/webhooks/${hook}/deliveries/${delivery}/retry`),
    );
    row(
      'POST /v1/webhooks/:id/ping',
      '202 202 202 403 403 403 403 401 401',
      at(`/v1/webhooks/${hook}/ping`),
    );
    const SELF_AND_ORGANIZERS = '200 200 200 403 403 200 403 401 401';
    row(
      'GET /v1/people/:id/notifications',
      SELF_AND_ORGANIZERS,
      at(`/v1/people/${people.self}/notifications`),
    );
    row(
      'POST /v1/people/:id/notifications/{nid}/read',
      SELF_AND_ORGANIZERS,
      at(`/v1/people/${people.self}/notifications/${notice}/read`, {
        reread: () => read(`/v1/people/${people.self}/notifications`),
      }),
    );
    row(
      'GET /v1/people/:id/notification-preferences',
      SELF_AND_ORGANIZERS,
      at(`/v1/people/${people.self}/notification-preferences`),
    );
    row(
      'PUT /v1/people/:id/notification-preferences',
      SELF_AND_ORGANIZERS,
      at(`/v1/people/${people.self}/notification-preferences`, {
        body: { language: 'en' },
        reread: () => read(`/v1/people/${people.self}/notification-preferences`),
      }),
    );

    // Resources of A: organizers of A (and above) manage them; any token reads them.
    const freshResource = async (quantity = 3) =>
      (
        await expectStatus(
          call(admin, 'POST', '/v1/resources', { unitId: units.a, name: '装载机', quantity }),
          201,
          'resource',
        )
      ).body.id as string;
    const sharedResource = await freshResource();
    row('POST /v1/resources (in A)', '201 201 201 403 403 403 403 401 401', async () => ({
      url: '/v1/resources',
      body: { unitId: units.a, name: '帐篷', quantity: 10, kind: 'tent' },
      reread: () => read(`/v1/resources?unitId=${units.a}&limit=500`),
    }));
    row('GET /v1/resources?unitId', ANY_TOKEN, at(`/v1/resources?unitId=${units.a}&minFree=1`));
    row('GET /v1/resources/:id', ANY_TOKEN, at(`/v1/resources/${sharedResource}`));
    row(
      'GET /v1/resources/:id/availability',
      ANY_TOKEN,
      at(`/v1/resources/${sharedResource}/availability`),
    );
    row('PATCH /v1/resources/:id', ORGANIZERS_OF_A, async () => {
      const id = await freshResource();
      return {
        url: `/v1/resources/${id}`,
        body: { quantity: 5, note: '新到两台' },
        reread: () => read(`/v1/resources/${id}`),
      };
    });
    row(
      'GET /v1/resources/shortfalls?unitId',
      ORGANIZERS_OF_A,
      at(`/v1/resources/shortfalls?unitId=${units.a}`),
    );

    await t.test('the table covers every route of the OpenAPI document', async (t) => {
      const doc = (await call(undefined, 'GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{id\}/g, ':id')}`,
        ),
      );
      const covered = new Set(
        rows.map((r) => r.route.replace(/ \(.*\)$/, '').replace(/\?.*$/, '')),
      );
      t.same(
        documented.filter((route) => !covered.has(route)),
        [],
        'no documented route is missing from the table',
      );
    });

    for (const r of rows) {
      await t.test(r.route, async (t) => {
        const shared = r.fresh ? undefined : await r.target();
        for (const actor of actors) {
          const target = shared ?? (await r.target());
          const before = target.reread ? await target.reread() : undefined;
          spy.reset();
          const res = await call(tokenOf[actor], r.method, target.url, target.body, target.headers);
          const expected = r.statuses[actor];
          t.equal(res.status, expected, `${actor}: ${res.status === expected ? '' : res.text}`);
          if (res.status >= 400) {
            t.match(
              String(res.headers['content-type']),
              /^application\/problem\+json/,
              `${actor}: problem+json`,
            );
          }
          if (expected === 401 || expected === 403 || expected === 404) {
            t.same(spy.writes, [], `${actor}: a refused request writes nothing`);
            if (target.reread) t.same(await target.reread(), before, `${actor}: target unchanged`);
          }
        }
      });
    }

    // A browser session of `self` (opened with a sign-in link) has exactly the rights of
    // self's volunteer token, on every row; its writes need the CSRF header.
    clock = NOW;
    await t.test('a session cookie has the rights of its person, row by row', async (t) => {
      const link = await expectStatus(
        call(admin, 'POST', '/v1/sign-in-links', { personId: people.self }),
        201,
        'self link',
      );
      const exchanged = await expectStatus(
        call(undefined, 'POST', '/v1/sessions', { code: link.body.code }, CSRF),
        201,
        'self session',
      );
      const cookie = String(exchanged.headers['set-cookie']).split(';')[0] as string;
      for (const r of rows) {
        // Signing out would end the session the other rows use: tested in sign-in.test.ts.
        if (r.route === 'DELETE /v1/sessions/current') continue;
        const target = await r.target();
        const headers = { ...target.headers, cookie };
        const res = await call(undefined, r.method, target.url, target.body, {
          ...headers,
          ...CSRF,
        });
        t.equal(
          res.status,
          r.statuses.self,
          `${r.route}${res.status === r.statuses.self ? '' : `: ${res.text.slice(0, 300)}`}`,
        );
        if (r.method === 'GET' || r.statuses.none !== 401) continue;
        const fresh = await r.target();
        spy.reset();
        const forged = await call(undefined, r.method, fresh.url, fresh.body, {
          ...fresh.headers,
          cookie,
        });
        t.equal(forged.status, 403, `${r.route}: no CSRF header, 403`);
        t.equal(forged.body.code, 'csrf_failed', `${r.route}: csrf_failed`);
        t.same(spy.writes, [], `${r.route}: a forged write writes nothing`);
      }
    });

    clock = NOW;
    await t.test('drafts are listed for the organizers of their unit only', async (t) => {
      const sees: Record<Actor, boolean | undefined> = {
        admin: true,
        unit: true,
        parent: true,
        child: false,
        sibling: false,
        self: false,
        other: false,
        none: undefined,
        bogus: undefined,
      };
      for (const actor of actors) {
        const expected = sees[actor];
        if (expected === undefined) continue;
        const res = await call(tokenOf[actor], 'GET', `/v1/events?unitId=${units.a}&limit=500`);
        t.equal(res.status, 200);
        const ids = res.body.items.map((e: { id: string }) => e.id);
        t.equal(
          ids.includes(draft),
          expected,
          `${actor} ${expected ? 'sees' : 'does not see'} the draft`,
        );
        t.ok(ids.includes(published.eventId), `${actor} sees the published event`);
        const all = await call(tokenOf[actor], 'GET', '/v1/events?limit=500');
        t.equal(
          all.body.items.some((e: { id: string }) => e.id === draft),
          actor === 'admin',
          `${actor}: unfiltered lists hold drafts for the admin only`,
        );
      }
    });

    clock = NOW;
    await t.test('no one signs up for a draft, nor sees its shifts', async (t) => {
      const res = await call(tokens.self, 'GET', `/v1/shifts?unitId=${units.a}&limit=500`);
      const eventIds = new Set(res.body.items.map((s: { eventId: string }) => s.eventId));
      t.notOk(eventIds.has(draft), "a draft's shifts are not listed");
    });

    clock = NOW;
    await t.test('an Idempotency-Key replays only to the token that used it', async (t) => {
      const { shiftId } = await freshEvent();
      const body = { shiftId, personId: people.self };
      const key = { 'idempotency-key': 'matrix-shared-key' };
      const first = await call(tokens.unit, 'POST', '/v1/signups', body, key);
      t.equal(first.status, 201);
      for (const actor of ['sibling', 'child', 'other'] as const) {
        spy.reset();
        const res = await call(tokenOf[actor], 'POST', '/v1/signups', body, key);
        t.equal(res.status, 403, `${actor}: the same key and body are not a replay for them`);
        t.notOk(res.headers['idempotent-replayed'], `${actor}: nothing replayed`);
        t.notOk(
          spy.writes.some((w) => w.startsWith('signups.')),
          `${actor}: no signup written`,
        );
      }
      const replay = await call(tokens.unit, 'POST', '/v1/signups', body, key);
      t.equal(replay.headers['idempotent-replayed'], 'true');
      t.same(replay.body, first.body, 'the owner still gets the replay');
    });

    clock = NOW;
    await t.test('a sibling or another volunteer reads nothing of A through lists', async (t) => {
      const signups = await call(tokens.other, 'GET', `/v1/people/${people.self}/signups`);
      t.equal(signups.status, 403);
      const stranger = await call(tokens.stranger, 'GET', `/v1/signups/${selfSignup}`);
      t.equal(stranger.status, 403, 'a volunteer of B may not read a signup in A');
      const grid = await call(tokens.grid, 'GET', `/v1/shifts/${published.shiftId}/roster`);
      t.equal(grid.status, 403, 'a grandchild organizer may not read the roster of A');
    });

    // The roster is A's organizers' (the rows above); each phone on it is its person's
    // contact detail (core's mayReadContactDetails): an organizer of A does not get the phone
    // of a volunteer of B who signed up for A's shift, the organizers above both units do.
    await t.test('the roster shows a phone only to who may read it', async (t) => {
      const { shiftId } = await freshEvent();
      for (const [person, phone] of [
        [people.self, '13800138000'],
        [people.stranger, '13900139000'],
      ] as const) {
        await expectStatus(call(admin, 'PATCH', `/v1/people/${person}`, { phone }), 200, 'phone');
        await signupOf(person, shiftId);
      }
      const phones = async (token: string) => {
        const res = await call(token, 'GET', `/v1/shifts/${shiftId}/roster`);
        t.equal(res.status, 200);
        return res.body.items.map(
          (item: { person: { phone: string | null } }) => item.person.phone,
        );
      };
      t.same(await phones(tokens.unit), ['+8613800138000', null], 'A organizes self, not B');
      t.same(await phones(tokens.parent), ['+8613800138000', '+8613900139000']);
      t.same(await phones(admin), ['+8613800138000', '+8613900139000']);
      const csv = await call(tokens.unit, 'GET', `/v1/shifts/${shiftId}/roster.csv`);
      t.equal(csv.status, 200);
      const [, selfLine, strangerLine] = csv.text.slice(1).trim().split('\r\n');
      t.match(selfLine, /^王芳,"=""\+8613800138000""",confirmed,/);
      t.match(strangerLine, /^外人,,confirmed,/, 'no phone in the CSV either');
    });
  });
