// The process: settings validated at start, a real listening server (fetch over TCP), the
// banner, graceful shutdown on SIGTERM, and a clear non-zero exit on bad settings.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { readSettings } from '../src/settings.ts';

const serverFile = new URL('../src/server.ts', import.meta.url).pathname;

t.test('settings: defaults, embedded vs PostgreSQL, INIT_CWD', async (t) => {
  const embedded = readSettings({}, '/repo/apps/api');
  t.same(embedded, {
    port: 3000,
    host: '0.0.0.0',
    databaseUrl: undefined,
    dataDir: '/repo/apps/api/.rota-data',
    adminToken: undefined,
    demo: true,
    maxInFlight: undefined,
    signupLanes: 1,
    preparedStatements: false,
    planCacheMode: undefined,
    sessionIdleDays: 14,
    workers: true,
    dispatchMaxLagMs: 5000,
    dispatchBurstPerSecond: 500,
    webhookAllowPrivate: false,
    smtpUrl: undefined,
    mailFrom: 'Rota <rota@localhost>',
    smsGatewayUrl: undefined,
    smsGatewayToken: undefined,
    logLevel: 'info',
    trustProxy: false,
  });
  t.equal(readSettings({ ROTA_TRUST_PROXY: '1' }, '/repo').trustProxy, true);
  t.same(readSettings({ ROTA_TRUST_PROXY: '10.0.0.1,10.1.0.0/16' }, '/repo').trustProxy, [
    '10.0.0.1',
    '10.1.0.0/16',
  ]);
  t.throws(() => readSettings({ ROTA_TRUST_PROXY: 'everyone' }, '/repo'));
  t.match(
    readSettings(
      { ROTA_WORKERS: '0', ROTA_WEBHOOK_ALLOW_PRIVATE: '1', ROTA_SMTP_URL: 'smtp://mail:25' },
      '/x',
    ),
    { workers: false, webhookAllowPrivate: true, smtpUrl: 'smtp://mail:25' },
  );
  const fromRoot = readSettings({ INIT_CWD: '/repo', ROTA_DATA_DIR: '' }, '/repo/apps/api');
  t.equal(fromRoot.dataDir, '/repo/.rota-data', 'npm start at the root keeps the data at the root');
  const postgres = readSettings(
    { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rota', PORT: '8080', LOG_LEVEL: 'warn' },
    '/x',
  );
  t.match(postgres, {
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/rota',
    port: 8080,
    demo: false,
    logLevel: 'warn',
  });
  t.equal(readSettings({ DATABASE_URL: 'postgres://h/db', ROTA_DEMO: '1' }, '/x').demo, true);
  t.equal(readSettings({ ROTA_DEMO: 'false' }, '/x').demo, false);
  t.equal(readSettings({ ROTA_DATA_DIR: '/var/rota' }, '/x').dataDir, '/var/rota');

  t.throws(
    () =>
      readSettings(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', ROTA_ADMIN_TOKEN: 'short', LOG_LEVEL: 'loud' },
        '/x',
      ),
    {
      name: 'SettingsError',
      message: /PORT[\s\S]*DATABASE_URL[\s\S]*ROTA_ADMIN_TOKEN[\s\S]*LOG_LEVEL/,
    },
    'names every bad variable',
  );
  t.throws(() => readSettings({ PORT: '70000' }, '/x'), { message: /PORT/ });
  t.equal(readSettings({ ROTA_SIGNUP_LANES: '4' }, '/x').signupLanes, 4);
  t.equal(readSettings({ ROTA_SESSION_IDLE_DAYS: '30' }, '/x').sessionIdleDays, 30);
  t.throws(() => readSettings({ ROTA_SESSION_IDLE_DAYS: '0' }, '/x'), {
    message: /ROTA_SESSION_IDLE_DAYS/,
  });
  t.equal(readSettings({}, '/x').dispatchMaxLagMs, 5000);
  t.equal(readSettings({}, '/x').dispatchBurstPerSecond, 500);
  t.equal(readSettings({ ROTA_DISPATCH_MAX_LAG_MS: '0' }, '/x').dispatchMaxLagMs, 0);
  t.equal(readSettings({ ROTA_DISPATCH_BURST: '2000' }, '/x').dispatchBurstPerSecond, 2000);
  t.throws(() => readSettings({ ROTA_DISPATCH_MAX_LAG_MS: '5s' }, '/x'), {
    message: /ROTA_DISPATCH_MAX_LAG_MS/,
  });
  t.throws(() => readSettings({ ROTA_DISPATCH_BURST: '0' }, '/x'), {
    message: /ROTA_DISPATCH_BURST/,
  });
  t.equal(readSettings({ ROTA_PREPARED_STATEMENTS: '0' }, '/x').preparedStatements, false);
  t.equal(readSettings({ ROTA_PREPARED_STATEMENTS: 'on' }, '/x').preparedStatements, true);
  t.equal(readSettings({}, '/x').preparedStatements, false);
  t.equal(readSettings({}, '/x').planCacheMode, undefined);
  t.equal(
    readSettings({ ROTA_PLAN_CACHE_MODE: 'force_custom_plan' }, '/x').planCacheMode,
    'force_custom_plan',
  );
  t.equal(readSettings({ ROTA_PLAN_CACHE_MODE: 'auto' }, '/x').planCacheMode, 'auto');
  t.throws(() => readSettings({ ROTA_PLAN_CACHE_MODE: 'generic' }, '/x'), /ROTA_PLAN_CACHE_MODE/);
  for (const lanes of ['0', '65', 'two', '1.5']) {
    t.throws(() => readSettings({ ROTA_SIGNUP_LANES: lanes }, '/x'), {
      message: /ROTA_SIGNUP_LANES/,
    });
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverFile], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<Run>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /Rota API listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    void exited.then((run) => reject(new Error(`exited ${run.code}: ${run.stderr}`)));
  });
  // A run that is expected to fail never listens: do not report that as unhandled.
  listening.catch(() => {});
  return { child, exited, listening, output: () => stdout };
}

t.test('bad settings: a clear message and a non-zero exit', async (t) => {
  const { exited } = startServer({ PORT: 'eighty' });
  const run = await exited;
  t.equal(run.code, 1);
  t.match(run.stderr, /Invalid settings:\n\s+PORT: must be a port number/);
  t.notMatch(run.stderr, /\bat .*\.ts:\d+/, 'no stack trace for a settings mistake');
});

t.test('a real server: listens, answers over HTTP, closes gracefully on SIGTERM', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rota-server-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const adminToken = 'test-admin-token-0123456789-abcdefghij';
  const server = startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    ROTA_DATA_DIR: dataDir,
    ROTA_ADMIN_TOKEN: adminToken,
    ROTA_DEMO: '0',
    LOG_LEVEL: 'warn',
  });
  const url = await server.listening;
  t.match(server.output(), /docs: +http:\/\/127\.0\.0\.1:\d+\/docs/);
  t.match(server.output(), /web app: +(http:\/\/127\.0\.0\.1:\d+\/|not built)/);

  const health = await fetch(`${url}/health`);
  t.equal(health.status, 200);
  t.same(await health.json(), { status: 'ok', database: 'pglite' });

  const created = await fetch(`${url}/v1/units`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: '平城区', kind: 'district' }),
  });
  t.equal(created.status, 201, 'ROTA_ADMIN_TOKEN is an admin token');
  t.match(await created.json(), { name: '平城区' });

  const refused = await fetch(`${url}/v1/units`);
  t.equal(refused.status, 401);
  t.match(refused.headers.get('content-type'), /^application\/problem\+json/);

  const doc = await fetch(`${url}/openapi.json`);
  t.equal(((await doc.json()) as { openapi: string }).openapi, '3.1.0');

  server.child.kill('SIGTERM');
  const run = await server.exited;
  t.equal(run.code, 0, 'exits cleanly after closing the server and the database');
});

t.test('the start banner keeps secrets off stdout (the request log stream)', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rota-banner-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const server = startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    ROTA_DATA_DIR: dataDir,
    ROTA_DEMO: '0',
    LOG_LEVEL: 'info',
  });
  const url = await server.listening;
  await fetch(`${url}/health`);
  server.child.kill('SIGTERM');
  const run = await server.exited;
  const token = /admin token \(shown once, keep it\): (\S+)/.exec(run.stderr)?.[1];
  t.ok(token, 'the new admin token is printed once, on stderr');
  t.notOk(run.stdout.includes(token ?? 'no token'), 'and never on stdout');
  t.match(run.stdout, /admin token: created now, printed once on stderr/);
  t.match(run.stdout, /"url":"\/health"/, 'stdout is the request log');
});
