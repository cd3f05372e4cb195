// GET /openapi.json through the linters generators are checked with: Redocly CLI's
// recommended rules and Spectral's spectral:oas, 0 errors and 0 warnings (the committed
// configs in openapi-lint/ say which rule is off and why), plus the promises of the
// contract no linter checks (camelCase ids, 4xx on every /v1 route, the feed's key).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase } from '@rota/db';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';

const run = promisify(execFile);
const bin = (name: string) =>
  new URL(`../../../node_modules/.bin/${name}`, import.meta.url).pathname;
const config = (name: string) => new URL(`../openapi-lint/${name}`, import.meta.url).pathname;

interface Operation {
  operationId?: string;
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: { type?: string } }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

async function readDocument(): Promise<Document> {
  const db = await createDatabase({});
  const app = await buildApp({ db });
  try {
    return (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  } finally {
    await app.close();
    await db.close();
  }
}

t.test('the OpenAPI document', async (t) => {
  const document = await readDocument();
  const dir = await mkdtemp(join(tmpdir(), 'rota-openapi-lint-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(document, null, 2));
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

  t.test('Redocly CLI, recommended rules: 0 errors, 0 warnings', async (t) => {
    const { stdout } = await run(
      process.execPath,
      [bin('redocly'), 'lint', file, '--config', config('redocly.yaml'), '--format=json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    t.same(
      report.problems.map((p) => `${p.ruleId}: ${p.message}`),
      [],
    );
    t.same(report.totals, { errors: 0, warnings: 0, ignored: 0 });
  });

  t.test('Spectral, spectral:oas: 0 problems of any severity', async (t) => {
    const output = join(dir, 'spectral.json');
    await run(process.execPath, [
      bin('spectral'),
      'lint',
      file,
      '--ruleset',
      config('spectral.yaml'),
      '--format',
      'json',
      '--output',
      output,
      '--fail-severity',
      'hint',
    ]).catch((error: unknown) => error);
    const results = JSON.parse(await readFile(output, 'utf8')) as {
      code: string;
      message: string;
      path: string[];
    }[];
    t.same(
      results.map((r) => `${r.code}: ${r.message} at ${r.path.join('.')}`),
      [],
    );
  });

  t.test('every operation: a unique camelCase operationId and a description', async (t) => {
    const ids = operations.map(({ operation }) => operation.operationId);
    t.ok(
      ids.every((id) => id !== undefined && /^[a-z][a-zA-Z0-9]*$/.test(id)),
      ids.join(', '),
    );
    t.equal(new Set(ids).size, ids.length, 'unique');
    t.ok(operations.every(({ operation }) => (operation.description ?? '').length > 0));
    t.equal(document.paths['/v1/signups']?.post?.operationId, 'createSignup');
    t.equal(document.paths['/v1/shifts']?.get?.operationId, 'listShifts');
  });

  t.test('every /v1 operation documents a 4xx answer (the rule off in redocly.yaml)', async (t) => {
    const without = operations
      .filter(({ path }) => path.startsWith('/v1/'))
      .filter(({ operation }) => !Object.keys(operation.responses).some((s) => s.startsWith('4')))
      .map(({ method, path }) => `${method} ${path}`);
    t.same(without, []);
  });

  t.test('limit is an integer; the feed key is required and needs no bearer token', async (t) => {
    const limit = document.paths['/v1/shifts']?.get?.parameters?.find((p) => p.name === 'limit');
    t.equal(limit?.schema?.type, 'integer');
    const feed = document.paths['/v1/people/{id}/calendar.ics']?.get;
    t.equal(feed?.parameters?.find((p) => p.name === 'key')?.required, true);
    t.same(feed?.security, []);
  });

  t.test('headers, problem members, roster JSON and CSV apart', async (t) => {
    t.ok(document.paths['/v1/events/{id}']?.get?.responses['200']?.headers?.ETag);
    t.ok(document.paths['/v1/signups']?.post?.responses['201']?.headers?.['Idempotent-Replayed']);
    t.ok(document.paths['/v1/shifts']?.get?.responses['503']?.headers?.['Retry-After']);
    const csv = document.paths['/v1/shifts/{id}/roster.csv']?.get?.responses['200'];
    t.ok(csv?.headers?.['Content-Disposition']);
    t.same(Object.keys((csv as { content: object }).content), ['text/csv']);
    const json = document.paths['/v1/shifts/{id}/roster']?.get?.responses['200'];
    t.same(Object.keys((json as { content: object }).content), ['application/json']);
    const problem = document.components.schemas.Problem?.properties ?? {};
    t.ok('instance' in problem && 'reason' in problem);
    t.ok(document.paths['/openapi.json']?.get && document.paths['/docs']?.get);
  });
});
