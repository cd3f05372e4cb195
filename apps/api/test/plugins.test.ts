// The plugins on their own, over a fake database: problem details, auth, idempotency,
// overload, content types, the OpenAPI document. Routes are tested on real stores.
import type { RosterEntry } from '@rota/core';
import { Validator } from '@seriousme/openapi-schema-validator';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { createFakeDb } from './support/fake-db.ts';

const NOW = '2026-11-28T04:00:00.000Z';

async function setup(options: { maxInFlight?: number } = {}) {
  const db = createFakeDb();
  const admin = await db.tokens.create({ role: 'admin', secret: 'admin-secret' });
  const app = await buildApp({ db, now: () => NOW, ...options });
  const auth = { authorization: `Bearer ${admin.token}` };
  return { db, app, auth };
}

t.test('health and the OpenAPI document', async (t) => {
  const { app } = await setup();
  t.teardown(() => app.close());
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok', database: 'pglite' });

  const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(doc.statusCode, 200);
  const spec = doc.json();
  t.equal(spec.openapi, '3.1.0');
  const validator = new Validator();
  const result = await validator.validate(spec);
  t.same(result.errors ?? [], [], 'no OpenAPI 3.1 errors');
  t.ok(result.valid, 'valid OpenAPI 3.1');
  const bodyRequired = (path: string, method: string) =>
    spec.paths[path][method].requestBody?.required;
  t.equal(bodyRequired('/v1/events/{id}/cancel', 'post'), false, 'a cancel may have no body');
  t.equal(bodyRequired('/v1/signups/{id}/check-in', 'post'), false);
  t.equal(bodyRequired('/v1/signups/{id}/check-out', 'post'), false);
  t.equal(bodyRequired('/v1/signups', 'post'), true, 'a signup needs its body');
  const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const expected of [
    'GET /health',
    'POST /v1/units',
    'GET /v1/units/{id}',
    'GET /v1/units',
    'POST /v1/tokens',
    'DELETE /v1/tokens/{id}',
    'POST /v1/people',
    'GET /v1/people/{id}',
    'PATCH /v1/people/{id}',
    'GET /v1/people/{id}/signups',
    'GET /v1/people/{id}/hours',
    'GET /v1/people/{id}/calendar.ics',
    'POST /v1/events',
    'GET /v1/events/{id}',
    'GET /v1/events',
    'PATCH /v1/events/{id}',
    'POST /v1/events/{id}/publish',
    'POST /v1/events/{id}/cancel',
    'GET /v1/events/{id}/occurrences',
    'GET /v1/events/{id}/calendar.ics',
    'GET /v1/templates',
    'PATCH /v1/occurrences/{id}',
    'GET /v1/shifts',
    'GET /v1/shifts/{id}',
    'PATCH /v1/shifts/{id}',
    'GET /v1/shifts/{id}/roster',
    'POST /v1/signups',
    'GET /v1/signups/{id}',
    'DELETE /v1/signups/{id}',
    'POST /v1/signups/{id}/check-in',
    'POST /v1/signups/{id}/check-out',
    'POST /v1/signups/{id}/no-show',
  ]) {
    t.ok(operations.includes(expected), `documents ${expected}`);
  }
  const signup = spec.paths['/v1/signups'].post;
  t.ok(signup.responses['409'], 'documents the 409 refusals');
  t.match(signup.responses['409'].description, /shift_full/);
  t.ok(signup.responses['422'].content['application/problem+json']);

  const docs = await app.inject({ method: 'GET', url: '/docs' });
  t.ok([200, 302].includes(docs.statusCode), 'Swagger UI is served');
});

t.test('problem details', async (t) => {
  const { db, app, auth } = await setup();
  t.teardown(() => app.close());

  const unknownRoute = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth });
  t.equal(unknownRoute.statusCode, 404);
  t.match(unknownRoute.headers['content-type'], /^application\/problem\+json/);
  t.match(unknownRoute.json(), {
    status: 404,
    code: 'not_found',
    type: 'urn:rota:error:not_found',
  });

  const invalid = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: auth,
    payload: { name: '', kind: 'village', extra: 1, parentId: 7 },
  });
  t.equal(invalid.statusCode, 400);
  const body = invalid.json();
  t.equal(body.code, 'validation_failed');
  t.same(
    body.errors.map((e: { path: string }) => e.path).sort(),
    ['extra', 'kind', 'name', 'parentId'],
    'every bad field, by path',
  );

  const coerced = await app.inject({
    method: 'GET',
    url: '/v1/units?limit=501',
    headers: auth,
  });
  t.equal(coerced.statusCode, 400);
  t.same(
    coerced.json().errors.map((e: { path: string }) => e.path),
    ['query.limit'],
  );
  for (const limit of ['abc', '0', '1.5', '-1', '']) {
    const res = await app.inject({ method: 'GET', url: `/v1/units?limit=${limit}`, headers: auth });
    t.equal(res.statusCode, 400, `limit=${limit} is a 400`);
  }

  const badJson = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: '{"name": ',
  });
  t.equal(badJson.statusCode, 400);
  t.match(badJson.json(), { code: 'validation_failed', errors: [{ path: 'body' }] });

  const empty = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: '',
  });
  t.equal(empty.statusCode, 400, 'an empty JSON body is no body');
  t.match(empty.json(), { code: 'validation_failed', errors: [{ path: 'body' }] });

  const longKey = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'idempotency-key': 'k'.repeat(256) },
    payload: { name: '平城区', kind: 'district' },
  });
  t.equal(longKey.statusCode, 400);
  t.same(longKey.json().errors, [
    { path: 'headers.idempotency-key', message: 'must be 1-255 characters' },
  ]);

  const text = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'content-type': 'text/plain' },
    payload: 'name=x',
  });
  t.equal(text.statusCode, 415);
  t.equal(text.json().code, 'unsupported_media_type');

  const proto = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: '{"name":"x","kind":"district","__proto__":{"admin":true}}',
  });
  t.equal(proto.statusCode, 400, 'prototype poisoning is refused');

  db.failure = new Error('select secret from tokens where hash = $1 -- connection reset');
  const crash = await app.inject({ method: 'GET', url: '/v1/units/u1', headers: auth });
  db.failure = undefined;
  t.equal(crash.statusCode, 500);
  t.match(crash.headers['content-type'], /^application\/problem\+json/);
  t.match(crash.json(), { code: 'internal_error', status: 500 });
  t.notMatch(crash.body, /select|tokens|stack|at /, 'no SQL, no stack');
});

t.test('auth: 401 before 400, then 403', async (t) => {
  const { db, app, auth } = await setup();
  t.teardown(() => app.close());
  const noToken = await app.inject({ method: 'POST', url: '/v1/units', payload: { bad: true } });
  t.equal(noToken.statusCode, 401, 'no token: 401 even with a bad body');
  t.equal(noToken.json().code, 'unauthorized');
  const unknown = await app.inject({
    method: 'GET',
    url: '/v1/units',
    headers: { authorization: 'Bearer nope' },
  });
  t.equal(unknown.statusCode, 401);
  const basic = await app.inject({
    method: 'GET',
    url: '/v1/units',
    headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
  });
  t.equal(basic.statusCode, 401);

  const district = await db.units.create({ name: '平城区', kind: 'district' });
  const organizer = await db.tokens.create({ role: 'organizer', unitId: district.id });
  const topLevel = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { authorization: `Bearer ${organizer.token}` },
    payload: { name: '另一个区', kind: 'district' },
  });
  t.equal(topLevel.statusCode, 403, 'an organizer creates no top-level unit');
  t.equal(topLevel.json().code, 'forbidden');
  const created = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: auth,
    payload: { name: '永泰街道', kind: 'subdistrict', parentId: district.id },
  });
  t.equal(created.statusCode, 201);
  t.match(created.json(), { name: '永泰街道', kind: 'subdistrict', parentId: district.id });
});

t.test('idempotency', async (t) => {
  const { app, auth } = await setup();
  t.teardown(() => app.close());
  const post = (key: string, name: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: { ...auth, 'idempotency-key': key },
      payload: { name, kind: 'district' },
    });
  const first = await post('k1', '平城区');
  t.equal(first.statusCode, 201);
  t.notOk(first.headers['idempotent-replayed']);
  const again = await post('k1', '平城区');
  t.equal(again.statusCode, 201);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json(), 'the first answer, replayed');
  const list = await app.inject({ method: 'GET', url: '/v1/units', headers: auth });
  t.equal(list.json().items.length, 1, 'nothing new was created');

  const reused = await post('k1', '另一个区');
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().code, 'idempotency_key_reused');

  const refused = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'idempotency-key': 'k2' },
    payload: { name: 'x', kind: 'grid', parentId: 'missing' },
  });
  t.equal(refused.statusCode, 404);
  const retried = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { ...auth, 'idempotency-key': 'k2' },
    payload: { name: '平城区', kind: 'district' },
  });
  t.equal(retried.statusCode, 201, 'a refused request released its key');
});

t.test('idempotency: 409 while the first request runs', async (t) => {
  const { db, app, auth } = await setup();
  t.teardown(() => app.close());
  const district = await db.units.create({ name: '平城区', kind: 'district' });
  let open!: () => void;
  db.gate = new Promise((resolve) => {
    open = resolve;
  });
  const request = () =>
    app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: { ...auth, 'idempotency-key': 'slow' },
      payload: { name: '永泰街道', kind: 'subdistrict', parentId: district.id },
    });
  const first = request();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const second = await request();
  t.equal(second.statusCode, 409);
  t.equal(second.json().code, 'idempotency_key_in_flight');
  db.gate = undefined;
  open();
  t.equal((await first).statusCode, 201);
});

t.test('overload: 503 with Retry-After beyond maxInFlight', async (t) => {
  const { db, app, auth } = await setup({ maxInFlight: 2 });
  t.teardown(() => app.close());
  let open!: () => void;
  db.gate = new Promise((resolve) => {
    open = resolve;
  });
  const held = [1, 2].map(() => app.inject({ method: 'GET', url: '/v1/units/x', headers: auth }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const shed = await app.inject({ method: 'GET', url: '/health' });
  t.equal(shed.statusCode, 503);
  t.equal(shed.json().code, 'overloaded');
  t.ok(Number(shed.headers['retry-after']) >= 1);
  db.gate = undefined;
  open();
  for (const res of await Promise.all(held)) t.equal(res.statusCode, 404);
  const after = await app.inject({ method: 'GET', url: '/health' });
  t.equal(after.statusCode, 200, 'admits again once the load is gone');
});

t.test('docs/errors.md documents every code of the catalog', async (t) => {
  const { errorCatalog } = await import('@rota/core');
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  for (const [code, { status }] of Object.entries(errorCatalog)) {
    t.match(doc, new RegExp(`\\n## ${code}\\n\\n\\*\\*${status}\\.\\*\\*`), `${code} (${status})`);
    t.match(doc, `"code": "${code}"`, `${code} has an example body`);
  }
});

t.test('request logs: structured JSON, no bearer token, no feed key', async (t) => {
  const { logSerializers } = await import('../src/http/log-serializers.ts');
  const { Writable } = await import('node:stream');
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const db = createFakeDb();
  await db.tokens.create({ role: 'admin', secret: 'admin-secret-in-header' });
  const app = await buildApp({
    db,
    logger: { level: 'info', serializers: logSerializers, stream },
  });
  t.teardown(() => app.close());
  await app.inject({
    method: 'GET',
    url: '/v1/units?parentId=x',
    headers: { authorization: 'Bearer admin-secret-in-header' },
  });
  await app.inject({ method: 'GET', url: '/v1/people/p1/calendar.ics?key=feed-secret' });
  const entries = lines.map((line) => JSON.parse(line));
  t.ok(entries.some((entry) => entry.req?.url === '/v1/people/p1/calendar.ics?key=***'));
  t.ok(entries.some((entry) => entry.res?.statusCode === 404));
  t.notMatch(lines.join(''), /admin-secret-in-header|feed-secret/);
});

t.test('roster CSV: BOM, header, quoting by the CSV library, Chinese intact', async (t) => {
  const { rosterCsv } = await import('../src/routes/shifts/roster-csv.ts');
  const base: Omit<RosterEntry, 'id' | 'personId' | 'status' | 'person'> = {
    shiftId: 's1',
    seats: 1,
    companions: [],
    note: null,
    waitlistPosition: null,
    createdAt: '2026-11-28T04:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    checkedInAt: null,
    checkedOutAt: null,
    noShow: false,
    walkIn: false,
  };
  const csv = rosterCsv([
    {
      ...base,
      id: 'g1',
      personId: 'p1',
      status: 'confirmed',
      person: { name: '王芳', phone: '+8613800138000' },
    },
    {
      ...base,
      id: 'g2',
      personId: 'p2',
      status: 'waitlisted',
      waitlistPosition: 1,
      seats: 2,
      companions: [{ name: '小明' }],
      note: '带"孩子", 晚到\n十分钟',
      person: { name: 'Smith, "Jo"', phone: null },
    },
  ]);
  t.ok(csv.startsWith('\uFEFF'), 'a byte order mark for Excel');
  const [header, first] = csv.slice(1).split('\r\n');
  t.equal(
    header,
    'name,phone,status,waitlist_position,seats,companions,note,signed_up_at,checked_in_at,checked_out_at,no_show,signup_id,person_id',
  );
  // The phone as the text formula Excel shows unchanged (issue 10, CSV injection).
  t.match(
    first,
    /^王芳,"=""\+8613800138000""",confirmed,,1,,,2026-11-28T04:00:00.000Z,,,no,g1,p1$/,
  );
  t.match(csv, /"Smith, ""Jo""",,waitlisted,1,2,小明,"带""孩子"", 晚到\n十分钟",/);
});
