// Input fuzzing driven by the OpenAPI document the app publishes: for every operation,
// seeded generated requests, valid ones and broken ones (missing required members, wrong
// types, boundary numbers, 1 MB strings, unknown fields, invalid UTF-8, bad dates, RRULEs
// and time zones, bad limits, weird path ids, malformed JSON). Whatever comes in:
// - never a 5xx;
// - every 4xx is application/problem+json with a catalog `code` and the same `status`, and
//   leaks no stack or SQL; every 400 lists `errors`, each with a non-empty `path`;
// - every 2xx body matches the response schema the document declares for it (ajv, 2020-12).
// ROTA_FUZZ_SEED replays a run (the seed is printed); ROTA_FUZZ_RUNS sets requests per
// operation (default 80: about 2,500 requests; fewer past ROTA_FUZZ_BUDGET_MS, default 45 s).
import { errorCatalog } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import {
  brokenPools,
  type FieldPools,
  type JsonSchema,
  leaves,
  type Random,
  resolve,
  sample,
  seededRandom,
  setAt,
  stringKind,
  validPools,
} from './helpers/json-schema-sample.ts';
import {
  buildUnitTree,
  type CallFn,
  eventInput,
  expectStatus,
  NOW,
  publishedEvent,
} from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';

const SEED = Number(process.env.ROTA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.ROTA_FUZZ_RUNS ?? 80);
/** Past this many ms of fuzzing, each remaining operation gets MIN_RUNS (a loaded CI box). */
const BUDGET_MS = Number(process.env.ROTA_FUZZ_BUDGET_MS ?? 45_000);
const MIN_RUNS = 12;
const MEGABYTE = 1024 * 1024;

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface MediaType {
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      Omit<Operation, 'method' | 'path'> & {
        requestBody?: { content: Record<string, MediaType> };
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
}

/** A request as sent: what was generated, so that a failure message can show it. */
interface FuzzRequest {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

t.test(`fuzzing every operation of /openapi.json (seed ${SEED})`, async (t) => {
  t.comment(`seed ${SEED}: replay with ROTA_FUZZ_SEED=${SEED}`);
  const random = seededRandom(SEED);
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  const app = await buildApp({
    db,
    now: () => NOW,
    logger: process.env.ROTA_TEST_LOG ? { level: 'error' } : false,
  });
  t.teardown(async () => {
    await app.close();
    await drop();
  });
  const call: CallFn = clientFor(app);
  const admin = (await db.tokens.create({ role: 'admin', label: 'fuzz admin' })).token;
  const tree = await buildUnitTree(call, admin);

  // Real ids for path parameters and id fields, by resource; grown by successful creations.
  const pool: Record<string, string[]> = {
    units: Object.values(tree.units),
    people: Object.values(tree.people),
    events: [],
    occurrences: [],
    shifts: [],
    signups: [],
    tokens: [],
    webhooks: [],
    'sign-in-links': [],
  };
  for (let i = 0; i < 3; i++) {
    const made = await publishedEvent(call, admin, tree.units.a, {
      slots: [
        { key: 'crew', name: '志愿者', role: 'volunteer', capacity: 2 },
        { key: 'seat', name: '听众', role: 'attendee', capacity: 5, maxPartySize: 3 },
      ],
      start: `2026-12-0${5 + i}T09:00`,
      ...(i === 2 ? { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } } : {}),
    });
    pool.events!.push(made.eventId);
    pool.occurrences!.push(made.occurrenceId);
    pool.shifts!.push(made.shiftId);
    const signup = await expectStatus(
      call(admin, 'POST', '/v1/signups', { shiftId: made.shiftId, personId: tree.people.other }),
      201,
      'signup',
    );
    pool.signups!.push(signup.body.id);
  }
  const draft = await expectStatus(
    call(admin, 'POST', '/v1/events', eventInput(tree.units.a, { status: 'draft' })),
    201,
    'draft',
  );
  pool.events!.push(draft.body.id);
  // Spare tokens to revoke: never the tokens the fuzzer itself sends.
  for (let i = 0; i < 10; i++) {
    const spare = await expectStatus(
      call(admin, 'POST', '/v1/tokens', { role: 'volunteer', personId: tree.people.spare }),
      201,
      'spare token',
    );
    pool.tokens!.push(spare.body.id);
  }
  const callers = [admin, admin, admin, tree.tokens.unit, tree.tokens.child, tree.tokens.self];

  const doc = (await call(undefined, 'GET', '/openapi.json')).body as OpenApi;
  const components = doc.components.schemas;
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      responses: op.responses,
    })),
  );

  // The response validators: the document's schemas, references rewritten to one registry.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const rewrite = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'));
  ajv.addSchema({ $id: 'components', $defs: rewrite(components) as object });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (op: Operation, status: number) => {
    const key = `${op.method} ${op.path} ${status}`;
    if (!validators.has(key)) {
      const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
      if (schema) validators.set(key, ajv.compile(rewrite(schema) as object));
    }
    return validators.get(key);
  };

  const pathResource = (path: string) => path.split('/')[2] ?? '';
  const idFor = (op: Operation) => {
    const ids = pool[pathResource(op.path)] ?? [];
    return ids.length > 0 ? random.pick(ids) : 'none-yet';
  };
  const fieldPools = (): FieldPools => ({
    ...validPools,
    unitId: [tree.units.a, tree.units.community, tree.units.grid, tree.units.b],
    parentId: [tree.units.a, tree.units.community],
    personId: Object.values(tree.people),
    shiftId: pool.shifts!,
    eligibleFor: Object.values(tree.people),
    key: [...validPools.key!, tree.feedKeys.self],
  });

  /** A request the schema accepts. */
  const validRequest = (op: Operation, r: Random): FuzzRequest => {
    const pools = fieldPools();
    let url = op.path.replace('{id}', encodeURIComponent(idFor(op)));
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const p of op.parameters) {
      if (p.in === 'path') continue;
      if (!p.required && !r.chance(p.in === 'header' ? 0.15 : 0.4)) continue;
      if (p.in === 'query') {
        const value = sample(p.schema, components, r, pools, p.name);
        query.set(p.name, String(value));
      } else if (p.name.toLowerCase() === 'idempotency-key') {
        headers['idempotency-key'] = `fuzz-${r.int(1, 20)}`;
      } else if (p.name.toLowerCase() === 'if-match') {
        headers['if-match'] = `"${r.int(1, 3)}"`;
      }
    }
    // Queries from/to must stay within the 366-day span: keep `to` after `from`.
    if (query.has('to') && !query.has('from')) query.set('from', '2026-11-28T04:00:00Z');
    if (query.size > 0) url += `?${query}`;
    const request: FuzzRequest = { kind: 'valid', method: op.method, url, headers };
    if (op.body && (r.chance(0.85) || op.method !== 'POST')) {
      request.payload = JSON.stringify(sample(op.body, components, r, pools));
      headers['content-type'] = 'application/json';
    }
    return request;
  };

  /** A request with one thing broken. */
  const brokenRequest = (op: Operation, r: Random): FuzzRequest => {
    const request = validRequest(op, r);
    const bodyValue =
      request.payload === undefined ? undefined : JSON.parse(String(request.payload));
    const setBody = (value: unknown, kind: string) => {
      request.kind = kind;
      request.payload = JSON.stringify(value);
      request.headers['content-type'] = 'application/json';
    };
    const choices: (() => void)[] = [];
    if (op.parameters.some((p) => p.in === 'path')) {
      choices.push(() => {
        const weird = r.pick([
          ...brokenPools.id!,
          '%00',
          '%2F',
          '%ff',
          '%E4%B8%AD',
          'a'.repeat(5000),
        ]);
        const encoded = weird.startsWith('%') ? weird : encodeURIComponent(weird);
        request.url =
          op.path.replace('{id}', encoded) +
          (request.url.includes('?') ? `?${request.url.split('?')[1]}` : '');
        request.kind = `path id ${weird.slice(0, 40)}`;
      });
    }
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    if (queryParams.length > 0) {
      choices.push(() => {
        const p = r.pick(queryParams);
        const s = resolve(p.schema, components);
        const bad =
          p.name === 'limit'
            ? r.pick(brokenPools.limit!)
            : stringKind(s) === 'instant'
              ? r.pick(brokenPools.instant!)
              : r.pick(['', 'x'.repeat(600), '%ff', 'true', '[]', '中文', ...brokenPools.id!]);
        const [base, qs = ''] = request.url.split('?') as [string, string?];
        const query = new URLSearchParams(qs);
        query.set(p.name, bad);
        request.url = `${base}?${query}`;
        request.kind = `query ${p.name}=${bad.slice(0, 40)}`;
      });
      choices.push(() => {
        const p = r.pick(queryParams);
        request.url += `${request.url.includes('?') ? '&' : '?'}${p.name}=1&${p.name}=2`;
        request.kind = `query ${p.name} twice`;
      });
      choices.push(() => {
        request.url += `${request.url.includes('?') ? '&' : '?'}unknownParam=1`;
        request.kind = 'unknown query parameter';
      });
    }
    if (op.body) {
      const body = bodyValue ?? sample(op.body, components, r, fieldPools());
      const all = leaves(body, op.body, components);
      choices.push(() => {
        const required = all.flatMap((leaf) =>
          (leaf.schema.required ?? []).map((name) => [...leaf.path, name]),
        );
        if (required.length === 0) return setBody([], 'array body');
        const path = r.pick(required);
        setBody(setAt(body, path, undefined, true), `missing ${path.join('.')}`);
      });
      choices.push(() => {
        const leaf = r.pick(all);
        const wrong = r.pick([123, '123', true, null, [], {}, 1.5, '60', -0, 'null']);
        setBody(
          setAt(body, leaf.path, wrong),
          `wrong type ${leaf.path.join('.')}=${JSON.stringify(wrong)}`,
        );
      });
      const numeric = all.filter((leaf) =>
        ['integer', 'number'].includes(String(leaf.schema.type)),
      );
      if (numeric.length > 0) {
        choices.push(() => {
          const leaf = r.pick(numeric);
          const { minimum = 0, maximum = 100 } = leaf.schema;
          const bad = r.pick([minimum - 1, maximum + 1, 0, -1, 2 ** 53 + 2, 1e308, 1.5, -1e308]);
          setBody(setAt(body, leaf.path, bad), `boundary ${leaf.path.join('.')}=${bad}`);
        });
      }
      const strings = all.filter((leaf) => leaf.schema.type === 'string' && leaf.path.length > 0);
      if (strings.length > 0) {
        choices.push(() => {
          const leaf = r.pick(strings);
          const size = r.pick([MEGABYTE, 10_000, 201, 501, 5001]);
          setBody(
            setAt(body, leaf.path, '王'.repeat(size)),
            `huge ${leaf.path.join('.')} (${size})`,
          );
        });
        choices.push(() => {
          const leaf = r.pick(strings);
          const name = String(leaf.path[leaf.path.length - 1]);
          const kind = stringKind(leaf.schema);
          const bad =
            name in brokenPools
              ? r.pick(brokenPools[name]!)
              : kind !== 'other'
                ? r.pick(brokenPools[kind]!)
                : r.pick(['', ' ', '\u0000', '\t\n', '\ud800', ...brokenPools.id!]);
          setBody(setAt(body, leaf.path, bad), `bad ${leaf.path.join('.')}=${JSON.stringify(bad)}`);
        });
      }
      const objects = all.filter((leaf) => leaf.schema.type === 'object');
      choices.push(() => {
        const leaf = r.pick(objects.length > 0 ? objects : [{ path: [], schema: {} }]);
        setBody(
          setAt(body, [...leaf.path, 'sneaky'], 1),
          `unknown field ${[...leaf.path, 'sneaky'].join('.')}`,
        );
      });
      // Fields whose rules a JSON schema cannot express: RRULEs and time zones, anywhere.
      choices.push(() => {
        const field = r.pick(['rrule', 'timeZone'] as const);
        const value =
          field === 'rrule'
            ? { ...(body as object), recurrence: { rrule: r.pick(brokenPools.rrule!) } }
            : { ...(body as object), timeZone: r.pick(brokenPools.timeZone!) };
        setBody(value, `bad ${field}`);
      });
    }
    // Raw bodies: invalid UTF-8, malformed JSON, other content types, on any operation.
    choices.push(() => {
      const text = request.payload ? String(request.payload) : '{"name":"x"}';
      const at = text.indexOf('"', 2) > 0 ? text.indexOf('"', 2) : 1;
      request.payload = Buffer.concat([
        Buffer.from(text.slice(0, at + 1)),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
        Buffer.from(text.slice(at + 1)),
      ]);
      request.headers['content-type'] = 'application/json';
      request.kind = 'invalid UTF-8 bytes';
    });
    choices.push(() => {
      request.payload = r.pick([
        '{"a":',
        '[]',
        '"x"',
        '123',
        'null',
        '{"a":1}}',
        '\u0000',
        '{,}',
        'NaN',
      ]);
      request.headers['content-type'] = 'application/json';
      request.kind = `malformed JSON ${JSON.stringify(request.payload)}`;
    });
    choices.push(() => {
      request.payload = request.payload ?? 'name=x';
      request.headers['content-type'] = r.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
      ]);
      request.kind = `content type ${request.headers['content-type']}`;
    });
    choices.push(() => {
      request.payload = `{"name":"${'王'.repeat(MEGABYTE)}"}`;
      request.headers['content-type'] = 'application/json';
      request.kind = 'body over 1 MB';
    });
    if (op.parameters.some((p) => p.name.toLowerCase() === 'idempotency-key')) {
      choices.push(() => {
        request.headers['idempotency-key'] = r.pick(['', 'k'.repeat(300), ' ', '中文']);
        request.kind = 'bad Idempotency-Key';
      });
    }
    if (op.parameters.some((p) => p.name.toLowerCase() === 'if-match')) {
      choices.push(() => {
        request.headers['if-match'] = r.pick(['"x"', 'W/', '"99999999999"', '*', '""', '"-1"']);
        request.kind = `If-Match ${request.headers['if-match']}`;
      });
    }
    r.pick(choices)();
    return request;
  };

  const codes = new Set(Object.keys(errorCatalog));

  await t.test(
    'regressions: requests that once answered a 5xx or a non-problem body',
    async (t) => {
      const person = tree.people.self;
      const cases: [string, string, unknown, number][] = [
        // U+0000 cannot be stored in PostgreSQL text.
        ['GET', '/v1/units/%00', undefined, 404],
        ['POST', '/v1/events/%00/publish', undefined, 404],
        ['GET', '/v1/units?parentId=%00', undefined, 400],
        ['GET', '/v1/shifts?eligibleFor=%00', undefined, 400],
        ['POST', '/v1/units', { name: 'a\u0000b', kind: 'district' }, 400],
        ['POST', '/v1/people', { name: 'a', unitId: 'x\u0000' }, 400],
        // Nor a lone UTF-16 surrogate (valid JSON, not valid UTF-8).
        ['POST', '/v1/units', { name: 'x\ud83d', kind: 'district' }, 400],
        // An empty patch is a no-op, not an empty UPDATE.
        ['PATCH', `/v1/people/${person}`, {}, 200],
        // Year 0000 and years past 9999 are outside PostgreSQL's timestamps.
        ['GET', `/v1/people/${person}/hours?from=0000-01-01T00:00:00Z`, undefined, 400],
        ['GET', `/v1/people/${person}/signups?from=9999-12-31T00:00:00Z`, undefined, 400],
        ['GET', '/v1/shifts?from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z', undefined, 400],
        ['POST', `/v1/signups/${pool.signups![0]}/check-in`, { at: '0000-01-01T00:00:00Z' }, 400],
        ['PATCH', `/v1/occurrences/${pool.occurrences![0]}`, { start: '0000-01-01T00:00' }, 400],
        ['PATCH', `/v1/people/${person}`, { birthDate: '0000-01-01' }, 400],
        // Paths the router cannot decode, or ids over its parameter length: unknown ids.
        ['GET', '/v1/units/%ff', undefined, 404],
        ['GET', `/v1/units/${'a'.repeat(150)}`, undefined, 404],
      ];
      for (const [method, url, body, status] of cases) {
        const res = await call(admin, method as 'GET', url, body);
        t.equal(res.status, status, `${method} ${url.slice(0, 60)} ${JSON.stringify(body) ?? ''}`);
        if (status < 400) continue;
        t.match(String(res.headers['content-type']), /^application\/problem\+json/);
        t.ok(codes.has(res.body.code), 'a catalog code');
      }
    },
  );

  // The storable-text rule lives in core's schemas (storableText) and the path ids
  // (pathIdSchema), not in a hook: every string a route takes, one at a time, holding U+0000
  // or a lone surrogate, is a 400 naming that field; a path id holding one is answered as an
  // unknown id is. Never a 5xx.
  await t.test('every string a route takes refuses text PostgreSQL cannot store', async (t) => {
    const r = seededRandom(SEED + 1);
    const failures: string[] = [];
    let probes = 0;
    for (const op of operations) {
      const base = validRequest(op, r);
      const send = (url: string, payload?: unknown) =>
        app.inject({
          method: op.method as InjectOptions['method'],
          url,
          headers: {
            authorization: `Bearer ${admin}`,
            ...base.headers,
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        });
      const expect = async (
        res: Awaited<ReturnType<typeof send>>,
        status: number,
        path: string | undefined,
        what: string,
      ) => {
        probes++;
        const paths = (res.json().errors ?? []).map((e: { path: string }) => e.path);
        if (res.statusCode !== status || (path !== undefined && !paths.includes(path))) {
          failures.push(
            `${op.method} ${op.path} ${what}: ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        }
      };
      const [pathOnly, qs = ''] = base.url.split('?') as [string, string?];
      const body = base.payload === undefined ? undefined : JSON.parse(String(base.payload));
      // Fastify validates the body before the query: when the generated body is itself
      // refused, a bad query value is still a 400, just not the one named.
      const baseRefused = (await send(base.url, body)).statusCode === 400;
      for (const bad of ['x\u0000', '\ud800']) {
        // A lone surrogate cannot be percent-encoded (URLs are UTF-8): bodies only.
        const inUrl = !/[\uD800-\uDFFF]/.test(bad);
        if (inUrl && op.parameters.some((p) => p.in === 'path' && p.name === 'id')) {
          // Answered as any unknown id is (404, or 401 for a feed key that matches nobody).
          const url = (id: string) => op.path.replace('{id}', id) + (qs ? `?${qs}` : '');
          const unknown = await send(url('no-such-id'), body);
          await expect(
            await send(url(encodeURIComponent(bad)), body),
            unknown.statusCode,
            undefined,
            `path id ${JSON.stringify(bad)}`,
          );
        }
        for (const p of op.parameters.filter((p) => p.in === 'query' && inUrl)) {
          if (resolve(p.schema, components).type !== 'string') continue;
          const query = new URLSearchParams(qs);
          query.set(p.name, bad);
          await expect(
            await send(`${pathOnly}?${query}`, body),
            400,
            baseRefused ? undefined : `query.${p.name}`,
            `query ${p.name}=${JSON.stringify(bad)}`,
          );
        }
        if (op.body && body !== undefined) {
          for (const leaf of leaves(body, op.body, components)) {
            if (leaf.schema.type !== 'string' || leaf.path.length === 0) continue;
            await expect(
              await send(base.url, setAt(body, leaf.path, bad)),
              400,
              leaf.path.join('.'),
              `body ${leaf.path.join('.')}=${JSON.stringify(bad)}`,
            );
          }
        }
      }
    }
    t.ok(probes > 100, `${probes} probes`);
    t.same(failures.slice(0, 10), [], `${failures.length} failures`);
  });

  let requests = 0;
  let slowest = { ms: 0, what: '' };
  const validated = new Set<string>();
  const started = Date.now();

  for (const op of operations) {
    await t.test(`${op.method} ${op.path}`, async (t) => {
      const failures: string[] = [];
      const byStatus: Record<number, number> = {};
      const runs = Date.now() - started > BUDGET_MS ? Math.min(MIN_RUNS, RUNS) : RUNS;
      for (let i = 0; i < runs; i++) {
        const broken = i % 2 === 1;
        const request = broken ? brokenRequest(op, random) : validRequest(op, random);
        const token = random.pick(callers);
        const begin = performance.now();
        const res = await app.inject({
          method: request.method as InjectOptions['method'],
          url: request.url,
          headers: { authorization: `Bearer ${token}`, ...request.headers },
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        });
        const ms = performance.now() - begin;
        requests++;
        if (ms > slowest.ms) slowest = { ms, what: `${op.method} ${op.path} ${request.kind}` };
        byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        const what = `#${i} ${request.kind}: ${request.method} ${request.url.slice(0, 120)} ${
          typeof request.payload === 'string' ? request.payload.slice(0, 300) : ''
        } -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        const type = String(res.headers['content-type'] ?? '');
        if (res.statusCode >= 500) {
          failures.push(`5xx ${what}`);
          continue;
        }
        if (res.statusCode >= 400) {
          if (!type.startsWith('application/problem+json'))
            failures.push(`not problem+json ${what}`);
          let problem: { code?: string; status?: number; errors?: { path?: string }[] };
          try {
            problem = JSON.parse(res.body);
          } catch {
            failures.push(`unparsable problem ${what}`);
            continue;
          }
          if (!problem.code || !codes.has(problem.code)) failures.push(`no catalog code ${what}`);
          if (problem.status !== res.statusCode) failures.push(`status mismatch ${what}`);
          if (
            /\bat .+\.(ts|js):\d+|\bselect\b.+\bfrom\b|\binsert into\b|SQLSTATE/i.test(res.body)
          ) {
            failures.push(`leak ${what}`);
          }
          if (res.statusCode === 400) {
            const errors = problem.errors;
            if (!Array.isArray(errors) || errors.length === 0)
              failures.push(`400 without errors ${what}`);
            else if (errors.some((e) => typeof e.path !== 'string' || e.path === '')) {
              failures.push(`400 error without path ${what}`);
            }
          }
          continue;
        }
        // 2xx (and replays): the declared schema.
        if (!op.responses[String(res.statusCode)]) failures.push(`undocumented status ${what}`);
        if (res.statusCode === 204) {
          if (res.body !== '') failures.push(`204 with a body ${what}`);
          continue;
        }
        if (type.startsWith('application/json')) {
          const validate = validatorFor(op, res.statusCode);
          if (!validate) {
            failures.push(`no JSON schema declared ${what}`);
            continue;
          }
          const body = JSON.parse(res.body);
          if (!validate(body)) {
            failures.push(`schema ${ajv.errorsText(validate.errors)} ${what}`);
          } else {
            validated.add(`${op.method} ${op.path}`);
          }
          // Grow the pools with what was created, so later requests reach real resources.
          if (res.statusCode === 201 && typeof body.id === 'string') {
            pool[pathResource(op.path)]?.push(body.id);
          }
        } else if (!/^(text\/(calendar|csv|html)|application\/(javascript|json))/.test(type)) {
          failures.push(`unexpected content type ${type} ${what}`);
        }
      }
      t.comment(`statuses ${JSON.stringify(byStatus)}`);
      t.same(failures.slice(0, 10), [], `${failures.length} failures (seed ${SEED})`);
    });
  }

  t.comment(
    `${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; slowest ${slowest.ms.toFixed(0)} ms: ${slowest.what}`,
  );
  t.ok(requests >= operations.length * Math.min(MIN_RUNS, RUNS), 'every operation was fuzzed');
  // The generator must reach the handlers, not only the validators: most operations answer a
  // validated 2xx at least once (those that only succeed on rare states may not).
  t.ok(
    validated.size >= Math.floor(operations.length * 0.6),
    `${validated.size}/${operations.length} operations answered a validated 2xx`,
  );
});
