// What another app gets: @rota/core, @rota/db and @rota/client packed as for a registry and
// installed, as tarballs, into a throwaway app OUTSIDE the repository (its own package.json,
// no workspace links). There the test runs the README's library sample under Node 20 and
// Node 24, every sample of docs/library-guide.md (the install commands included), a strict
// `tsc --noEmit` over them and a consumer file, a browser bundle of @rota/core held to a gzip
// budget, and publint and @arethetypeswrong over each tarball.
//
// CI cost: one `npm install` of the tarballs (`--prefer-offline`: every dependency is already
// in the npm cache after `npm ci`), about a minute in all.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildApp } from '@rota/api';
import { createDatabase } from '@rota/db';
import { build, transform } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import t from 'tap';

/**
 * The gzip size @rota/core's whole browser bundle (minified, es2022) must stay under. Measured
 * 2026-12-06: 272 KiB minified, 81 KiB gzip (zod ~25, luxon, rrule, ical-generator, core ~9).
 * Core imports zod as a namespace (`import * as z`): `import { z }` kept all of zod's locales
 * and made it 146 KiB. Later the same day the whole bundle reached 92 KiB gzip when core gained
 * the zh-CN/en message catalogs, resources, notifications and the re-planning plan (about 11 KiB
 * together): the budget is 100 KiB, still well under one second on a slow 3G phone.
 */
const CORE_GZIP_BUDGET = 100 * 1024;

const execFileAsync = promisify(execFile);
/**
 * Runs a command with `env -u NODE_OPTIONS`: tap's process tracking adds its loader to the
 * NODE_OPTIONS of every child it sees, which Node 20 (and npm running on it) must not get.
 */
const run = (
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) =>
  execFileAsync('env', ['-u', 'NODE_OPTIONS', command, ...args], {
    env: cleanEnv(),
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
/** The machine's Node 20 (Debian's), beside the repository's Node 24 that runs this test. */
const NODE20 = process.env.ROTA_NODE20 ?? '/usr/bin/node';
const NODE24 = process.execPath;
const TARBALLS = ['rota-core-0.1.0.tgz', 'rota-db-0.1.0.tgz', 'rota-client-0.1.0.tgz'];

/** A clean environment: no tap loaders in NODE_OPTIONS, no npm_* of the outer `npm test`. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|TAP|_TAPJS)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** The body of every fenced block of `lang` in a markdown text. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

const readme = await readFile(join(repo, 'README.md'), 'utf8');
const guide = await readFile(join(repo, 'docs/library-guide.md'), 'utf8');
const readmeSample = blocks(readme.split(/^## Use the library$/m)[1] ?? '', 'ts')[0] ?? '';
const [coreSample = '', dbSample = '', clientSample = ''] = blocks(guide, 'ts');

const app = await mkdtemp(join(tmpdir(), 'rota-consumer-'));
t.teardown(() => rm(app, { recursive: true, force: true }));

t.test('the throwaway app installs the tarballs, as the guide says', async (t) => {
  t.notOk(app.startsWith(repo), 'the app is outside the repository');
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'rota-consumer',
      private: true,
      type: 'module',
      devDependencies: { '@types/node': '^24.19.4' },
    }),
  );
  const install = blocks(guide, 'sh')[0];
  t.match(install, /npm pack -w @rota\/core/);
  // The guide's commands as a user runs them: with the machine's own Node and npm first on
  // PATH (npm under the `node` package's Node 24 reads no global npmrc, and turbo passes no
  // npm_config_* through: the machine's CA file and registry would be lost).
  const env = cleanEnv({ APP: app });
  await run('bash', ['-euo', 'pipefail', '-c', install ?? 'false'], {
    cwd: repo,
    env: { ...env, PATH: `${dirname(NODE20)}${delimiter}${env.PATH ?? ''}` },
  });
  for (const tarball of TARBALLS) t.ok(existsSync(join(app, tarball)), tarball);
  const installed = JSON.parse(
    await readFile(join(app, 'node_modules/@rota/core/package.json'), 'utf8'),
  );
  t.same(installed.exports['.'], {
    types: './dist/src/index.d.ts',
    import: './dist/src/index.js',
  });
  t.notOk(existsSync(join(repo, 'packages/core/package.json.workspace')), 'manifest restored');
});

/** Strips the types of a sample (as an app's build would) and runs it in the app. */
async function runSample(
  name: string,
  code: string,
  node: string,
  env: Record<string, string> = {},
): Promise<string[]> {
  const js = await transform(code, { loader: 'ts', format: 'esm', target: 'node20' });
  const file = join(app, `${name}.mjs`);
  await writeFile(file, js.code);
  const { stdout } = await run(node, [file], {
    cwd: app,
    env: cleanEnv({ TZ: 'America/New_York', ...env }),
  });
  return stdout.trim().split('\n');
}

const readmeOutput = [
  // four Saturdays, the second left out; 09:00 in Beijing whatever the process zone
  '2026-12-05T09:00:00+08:00',
  '2026-12-19T09:00:00+08:00',
  '2026-12-26T09:00:00+08:00',
  '听课座位 40 60',
  "{ kind: 'waitlisted', position: 3 }",
];

t.test('the README sample runs under Node 20 and Node 24', async (t) => {
  const { stdout: version } = await run(NODE20, ['--version']);
  t.match(version, /^v20\./, `${NODE20} is Node 20`);
  t.same(await runSample('readme-example', readmeSample, NODE20), readmeOutput);
  t.same(await runSample('readme-example', readmeSample, NODE24), readmeOutput);
});

t.test("the guide's @rota/core sample runs under Node 20", async (t) => {
  t.same(await runSample('guide-core', coreSample, NODE20), [
    'recurrence.rrule',
    '4 8',
    "{ kind: 'waitlisted', position: 1 }",
    "[ 'b', 'c' ]",
  ]);
});

t.test("the guide's @rota/db sample: signup, waitlist, cancel, promotion (PGlite)", async (t) => {
  t.same(await runSample('guide-db', dbSample, NODE24), [
    '垃圾分类督导 confirmed waitlisted 1',
    "[ '李娜 confirmed' ]",
  ]);
});

t.test("the guide's @rota/client sample against a listening server, on Node 20", async (t) => {
  const db = await createDatabase({});
  const server = await buildApp({ db });
  t.teardown(async () => {
    await server.close();
    await db.close();
  });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const token = (await db.tokens.create({ role: 'admin', label: 'package check' })).token;
  await db.units.create({ name: '平城区', kind: 'district' });
  t.same(
    await runSample('guide-client', clientSample, NODE20, { ROTA_URL: url, ROTA_TOKEN: token }),
    ['ok 1'],
  );
});

t.test('tsc --noEmit --strict over the samples and a consumer of the public types', async (t) => {
  const consumer = `
import type { Event, Schedule, Shift, Signup } from '@rota/core';
import { expandSchedule, isRotaError, RotaError } from '@rota/core';
import type { DatabaseConfig, RotaDb } from '@rota/db';
import { createTestDatabase, type TestDatabase } from '@rota/db/testing';
import { createRotaClient, RotaProblem, type Schemas, unwrap } from '@rota/client';

const schedule: Schedule = { start: '2026-12-05T09:00', timeZone: 'Asia/Shanghai', durationMinutes: 60 };
const starts: string[] = expandSchedule(schedule, { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })
  .map((occurrence) => occurrence.start);
const config: DatabaseConfig = { dataDir: 'memory://' };
export async function count(db: RotaDb, event: Event): Promise<number> {
  const page = await db.shifts.search({ from: event.start, to: event.start, limit: 10 });
  const first: Shift | undefined = page.items[0];
  return first ? first.capacity : 0;
}
export async function open(): Promise<TestDatabase> {
  return createTestDatabase({ backend: 'pglite' });
}
export function code(error: unknown): string | undefined {
  if (isRotaError(error)) return error.code;
  if (error instanceof RotaProblem) return error.code;
  return error instanceof RotaError ? 'never' : undefined;
}
export async function shift(id: string): Promise<Schemas['Shift']> {
  const rota = createRotaClient({ baseUrl: 'http://localhost:3000', token: 'x' });
  const found = await unwrap(rota.GET('/v1/shifts/{id}', { params: { path: { id } } }));
  // @ts-expect-error: the typed client knows a shift has no such field
  found.noSuchField;
  return found;
}
export type Status = Signup['status'];
export { config, starts };
`;
  const files: Record<string, string> = {
    'consumer.ts': consumer,
    'readme-example.ts': readmeSample,
    'guide-core.ts': coreSample,
    'guide-db.ts': dbSample,
    'guide-client.ts': clientSample,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(app, name), text);
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2023', 'dom'],
        types: ['node'],
        // As most apps (and `tsc --init`) do: PGlite's own .d.ts need @types/emscripten.
        // Our declarations are checked by attw below and by every use of them here.
        skipLibCheck: true,
      },
      files: Object.keys(files),
    }),
  );
  const result = await run(NODE24, [join(repo, 'node_modules/typescript/lib/tsc.js'), '-p', app], {
    cwd: app,
    env: cleanEnv(),
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  t.equal(result.stdout.trim(), '', 'no type error');
});

t.test(
  'browser bundles: @rota/core within its gzip budget, @rota/client without Node',
  async (t) => {
    const bundle = async (specifier: string) => {
      const result = await build({
        stdin: { contents: `export * from '${specifier}';`, resolveDir: app, loader: 'js' },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        minify: true,
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.contents ?? new Uint8Array();
      return { bytes: code.length, gzip: gzipSync(code).length };
    };
    const core = await bundle('@rota/core');
    t.comment(
      `@rota/core browser bundle: ${(core.bytes / 1024).toFixed(1)} KiB minified, ` +
        `${(core.gzip / 1024).toFixed(1)} KiB gzip (budget ${CORE_GZIP_BUDGET / 1024} KiB)`,
    );
    t.ok(core.gzip <= CORE_GZIP_BUDGET, `core gzip ${core.gzip} <= ${CORE_GZIP_BUDGET}`);
    const client = await bundle('@rota/client');
    t.comment(`@rota/client browser bundle: ${(client.gzip / 1024).toFixed(1)} KiB gzip`);
    t.ok(client.gzip > 0);
  },
);

t.test('publint and @arethetypeswrong report nothing for each tarball', async (t) => {
  for (const tarball of TARBALLS) {
    const data = await readFile(join(app, tarball));
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
    });
    t.same(
      messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`),
      [],
      `publint ${tarball}`,
    );
    // ESM only (no CommonJS build): the esm-only profile leaves out node10 and require().
    const attw = await run(
      NODE24,
      [bin('attw'), join(app, tarball), '--profile', 'esm-only', '--format', 'json'],
      { env: cleanEnv() },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }));
    const report = JSON.parse(attw.stdout) as {
      analysis?: { problems?: { kind: string; entrypoint: string; resolutionKind?: string }[] };
    };
    // The JSON lists every resolution mode; esm-only leaves out node10 and node16-cjs.
    const problems = (report.analysis?.problems ?? [{ kind: 'no analysis', entrypoint: '' }])
      .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs')
      .map((p) => `${p.kind} ${p.entrypoint} ${p.resolutionKind ?? ''}`);
    t.same(problems, [], `attw ${tarball}`);
  }
});
