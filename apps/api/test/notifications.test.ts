// Notifications end to end on each back end: webhooks CRUD over the API, deliveries to a local
// receiver verified with the Standard Webhooks reference library (also across a secret
// rotation), in order per webhook while the receiver is slow; email to an in-process SMTP
// server and SMS to a local HTTP gateway in the person's language; the inbox over the API.
import { createTestDatabase } from '@rota/db/testing';
import { Webhook } from 'standardwebhooks';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { emailChannel, smsGatewayChannel } from '../src/notifications/channels.ts';
import { startWorkers } from '../src/notifications/start-workers.ts';
import { startReceiver, startSmtp, until } from './notifications/receivers.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

const NOW = '2026-12-01T00:00:00.000Z';
for (const backend of backends) {
  t.test(`notifications on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    const receiver = await startReceiver((r) => ({
      status: 200,
      delayMs: r.path === '/slow' ? 40 : 0,
    }));
    const smtp = await startSmtp();
    const app = await buildApp({ db, now: () => NOW, webhookAllowPrivate: true });
    const strict = await buildApp({ db, now: () => NOW });
    const workers = await startWorkers(db, {
      allowPrivate: true,
      now: () => NOW,
      tickMs: 50,
      pollingIntervalSeconds: 0.5,
      channels: [
        emailChannel({ smtpUrl: smtp.url, from: 'Rota <rota@example.org>' }),
        smsGatewayChannel({ url: `${receiver.url}/sms`, token: 'gateway-token' }),
      ],
    });
    t.teardown(async () => {
      await workers.stop(5_000);
      await app.close();
      await strict.close();
      await receiver.close();
      await smtp.close();
      await drop();
    });
    const call = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const district = await db.units.create({ name: '平城区', kind: 'district' });
    const community = await db.units.create({
      name: '王家园社区',
      kind: 'community',
      parentId: district.id,
    });
    const other = await db.units.create({
      name: '新华街道',
      kind: 'subdistrict',
      parentId: district.id,
    });
    const organizer = (await db.tokens.create({ role: 'organizer', unitId: community.id })).token;
    const outsider = (await db.tokens.create({ role: 'organizer', unitId: other.id })).token;
    const person = await db.people.create({
      name: 'Li Na',
      unitId: community.id,
      phone: '13800138000',
    });
    const volunteer = (await db.tokens.create({ role: 'volunteer', personId: person.id })).token;
    const event = await call(organizer, 'POST', '/v1/events', {
      unitId: community.id,
      kind: 'general',
      title: '疫苗接种点',
      start: '2026-12-05T09:00',
      durationMinutes: 120,
      status: 'published',
      slots: [{ key: 'crew', name: '引导员', role: 'volunteer', capacity: 10 }],
    });
    t.equal(event.status, 201, event.text);
    const occurrences = await call(
      organizer,
      'GET',
      `/v1/events/${event.body.id}/occurrences?from=2026-12-01T00:00:00Z`,
    );
    const shiftId: string = occurrences.body.items[0].shifts[0].id;

    let secret = '';
    let hookId = '';
    await t.test('webhooks CRUD, refusals', async (t) => {
      const refused = await clientFor(strict)(organizer, 'POST', '/v1/webhooks', {
        unitId: community.id,
        url: `${receiver.url}/hook`,
        events: ['signup.confirmed'],
      });
      t.equal(refused.status, 400, 'loopback refused without the setting');
      t.match(refused.body, { code: 'validation_failed', errors: [{ path: 'url' }] });
      for (const url of [
        'ftp://example.org/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'not a url',
      ]) {
        const res = await clientFor(strict)(organizer, 'POST', '/v1/webhooks', {
          unitId: community.id,
          url,
          events: ['signup.confirmed'],
        });
        t.equal(res.status, 400, url);
      }
      const badType = await call(organizer, 'POST', '/v1/webhooks', {
        unitId: community.id,
        url: `${receiver.url}/x`,
        events: ['signup.nope'],
      });
      t.equal(badType.status, 400);
      t.equal(
        (
          await call(outsider, 'POST', '/v1/webhooks', {
            unitId: community.id,
            url: `${receiver.url}/x`,
            events: ['signup.confirmed'],
          })
        ).status,
        403,
      );
      t.equal((await call(volunteer, 'GET', '/v1/webhooks')).status, 403);
      const created = await call(organizer, 'POST', '/v1/webhooks', {
        unitId: community.id,
        url: `${receiver.url}/slow`,
        events: ['signup.confirmed', 'signup.cancelled', 'event.changed'],
        description: '社区门户',
      });
      t.equal(created.status, 201, created.text);
      t.match(created.body, { status: 'active', secret: /^whsec_/ });
      secret = created.body.secret;
      hookId = created.body.id;
      const got = await call(organizer, 'GET', `/v1/webhooks/${hookId}`);
      t.equal(got.status, 200);
      t.notOk('secret' in got.body, 'the secret is shown once');
      t.equal((await call(outsider, 'GET', `/v1/webhooks/${hookId}`)).status, 403);
      t.equal((await call(organizer, 'GET', '/v1/webhooks/nope')).status, 404);
      const list = await call(admin, 'GET', `/v1/webhooks?unitId=${district.id}`);
      t.same(
        list.body.items.map((w: { id: string }) => w.id),
        [hookId],
        'the district sees its subtree',
      );
      const patched = await call(organizer, 'PATCH', `/v1/webhooks/${hookId}`, {
        description: null,
      });
      t.match(patched.body, { description: null });
      t.equal(
        (await call(organizer, 'PATCH', `/v1/webhooks/${hookId}`, { status: 'failing' })).status,
        400,
      );
    });

    await t.test('deliveries: signed, in order while the receiver is slow, logged', async (t) => {
      await call(volunteer, 'PUT', `/v1/people/${person.id}/notification-preferences`, {
        channels: ['email', 'sms'],
        language: 'en',
        email: 'li.na@example.org',
      });
      const people = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db.people.create({ name: `居民${i}`, unitId: community.id }),
        ),
      );
      const mine = await call(volunteer, 'POST', '/v1/signups', { shiftId, personId: person.id });
      t.equal(mine.status, 201);
      for (const p of people) {
        t.equal(
          (await call(organizer, 'POST', '/v1/signups', { shiftId, personId: p.id })).status,
          201,
        );
      }
      await until(
        () => receiver.received.filter((r) => r.path === '/slow').length >= 6,
        30_000,
        'six deliveries',
      );
      const hooks = receiver.received.filter((r) => r.path === '/slow');
      const verifier = new Webhook(secret);
      const bodies = hooks.map(
        (r) =>
          verifier.verify(r.body, r.headers as Record<string, string>) as {
            id: string;
            type: string;
            data: { personId: string };
          },
      );
      t.same(
        bodies.map((b) => b.data.personId),
        [person.id, ...people.map((p) => p.id)],
        'in the order of the changes',
      );
      t.ok(
        bodies.every((b, i) => b.id === hooks[i]?.headers['webhook-id']),
        'webhook-id = payload id',
      );
      t.match(bodies[0], { type: 'signup.confirmed', unitId: community.id });
      await until(
        async () => {
          const log = await call(organizer, 'GET', `/v1/webhooks/${hookId}/deliveries`);
          return (
            log.body.items.length === 6 &&
            log.body.items.every((d: { status: string }) => d.status === 'delivered')
          );
        },
        10_000,
        'the log',
      );
      const log = await call(organizer, 'GET', `/v1/webhooks/${hookId}/deliveries?limit=1`);
      t.match(log.body.items[0], {
        status: 'delivered',
        attempts: 1,
        responseStatus: 200,
        responseExcerpt: 'ok',
      });
      t.type(log.body.items[0].durationMs, 'number');

      // Email and SMS in English, times in the event's zone (09:00 Shanghai).
      await until(
        () => smtp.mails.length >= 1 && receiver.received.some((r) => r.path === '/sms'),
        20_000,
        'email and SMS',
      );
      t.match(smtp.mails[0], {
        to: ['li.na@example.org'],
        raw: /Subject: =\?UTF-8\?Q\?Signed_up=3A_/,
      });
      t.match(smtp.mails[0]?.raw, /5 Dec 09:00/);
      const sms = receiver.received.find((r) => r.path === '/sms');
      t.equal(sms?.headers.authorization, 'Bearer gateway-token');
      t.match(JSON.parse(sms?.body ?? '{}'), {
        to: '+8613800138000',
        language: 'en',
        text: /Signed up/,
      });
    });

    await t.test(
      'redelivery keeps the webhook-id; ping; rotation signs with both secrets',
      async (t) => {
        const log = await call(organizer, 'GET', `/v1/webhooks/${hookId}/deliveries?limit=1`);
        const first = log.body.items[0];
        const before = receiver.received.length;
        t.equal(
          (await call(organizer, 'POST', `/v1/webhooks/${hookId}/deliveries/${first.id}/retry`))
            .status,
          202,
        );
        t.equal(
          (await call(organizer, 'POST', `/v1/webhooks/${hookId}/deliveries/nope/retry`)).status,
          404,
        );
        await until(() => receiver.received.length > before, 10_000, 'the redelivery');
        t.equal(receiver.received.at(-1)?.headers['webhook-id'], first.eventId);

        const rotated = await call(organizer, 'POST', `/v1/webhooks/${hookId}/rotate-secret`, {
          overlapMinutes: 60,
        });
        t.equal(rotated.status, 200);
        t.equal((await call(organizer, 'POST', `/v1/webhooks/${hookId}/ping`)).status, 202);
        await until(
          () => receiver.received.some((r) => r.body.includes('"webhook.ping"')),
          10_000,
          'the ping',
        );
        const ping = receiver.received.find((r) => r.body.includes('"webhook.ping"'))!;
        const headers = ping.headers as Record<string, string>;
        t.ok(
          new Webhook(rotated.body.secret).verify(ping.body, headers),
          'the new secret verifies',
        );
        t.ok(new Webhook(secret).verify(ping.body, headers), 'the old one too during the overlap');
      },
    );

    await t.test('an event’s reminder lead times over the API', async (t) => {
      const created = await call(organizer, 'POST', '/v1/events', {
        unitId: community.id,
        kind: 'general',
        title: '老年课堂',
        start: '2026-12-09T09:00',
        durationMinutes: 60,
        reminders: { dayBeforeAt: '19:30', hoursBefore: [3] },
        slots: [{ key: 'seat', name: '座位', role: 'attendee', capacity: 10 }],
      });
      t.equal(created.status, 201, created.text);
      t.same(created.body.reminders, { dayBeforeAt: '19:30', hoursBefore: [3] });
      const bad = await call(organizer, 'PATCH', `/v1/events/${created.body.id}`, {
        reminders: { dayBeforeAt: '25:00', hoursBefore: [3] },
      });
      t.equal(bad.status, 400);
      t.match(bad.body.errors, [{ path: 'reminders.dayBeforeAt' }]);
      const reset = await call(organizer, 'PATCH', `/v1/events/${created.body.id}`, {
        reminders: null,
      });
      t.equal(reset.status, 200);
      t.notOk('reminders' in reset.body, 'back to the defaults (absent)');
    });

    await t.test('the inbox over the API', async (t) => {
      const inbox = await call(volunteer, 'GET', `/v1/people/${person.id}/notifications`);
      t.equal(inbox.status, 200);
      t.match(inbox.body.items[0], {
        type: 'signup.confirmed',
        title: /^Signed up: 疫苗接种点/,
        readAt: null,
      });
      const read = await call(
        volunteer,
        'POST',
        `/v1/people/${person.id}/notifications/${inbox.body.items[0].id}/read`,
      );
      t.equal(read.status, 200);
      t.type(read.body.readAt, 'string');
      t.equal(
        (await call(volunteer, 'GET', `/v1/people/${person.id}/notifications?unread=true`)).body
          .items.length,
        0,
      );
      t.equal((await call(outsider, 'GET', `/v1/people/${person.id}/notifications`)).status, 403);
      t.equal((await call(organizer, 'GET', `/v1/people/${person.id}/notifications`)).status, 200);
      t.equal(
        (await call(volunteer, 'POST', `/v1/people/${person.id}/notifications/nope/read`)).status,
        404,
      );
      const prefs = await call(
        volunteer,
        'GET',
        `/v1/people/${person.id}/notification-preferences`,
      );
      t.same(prefs.body, {
        channels: ['inbox', 'email', 'sms'],
        language: 'en',
        email: 'li.na@example.org',
      });
      const bad = await call(volunteer, 'PUT', `/v1/people/${person.id}/notification-preferences`, {
        email: 'not-an-email',
      });
      t.equal(bad.status, 400);
      t.equal((await call(organizer, 'DELETE', `/v1/webhooks/${hookId}`)).status, 204);
      t.equal((await call(organizer, 'GET', `/v1/webhooks/${hookId}`)).status, 404);
    });
  });
}
