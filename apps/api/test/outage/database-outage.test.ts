// Issue 10 item 1: the API rides through a database that drops its connections. Signups run
// under load while (a) every backend of this suite's own throwaway database is terminated,
// again and again (57P01 on statements in flight, "Connection terminated" on checked-out
// clients), and (b) the pool's address stops listening for a second and comes back (a
// restart: ECONNREFUSED, resets). The process must not exit, answers during the outage are
// 503 database_unavailable with Retry-After, /health reports the database down, service
// resumes by itself, and the invariants hold. Only this suite's database is touched: the
// server is shared.
import { createDatabase } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import pg from 'pg';
import t from 'tap';
import { buildApp } from '../../src/build-app.ts';
import { NOW } from '../helpers/unit-tree.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { checkAfterOutage, seedOutage, signUpThroughFaults } from './outage-scenario.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('the embedded database: /health is ready, and a closed database is a 503', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  const app = await buildApp({ db, now: () => NOW });
  t.teardown(() => app.close());
  const ready = await app.inject({ method: 'GET', url: '/health' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ok', database: 'pglite' });
  // PGlite lives in the process: it is only "gone" once closed (a shutdown racing a request).
  await drop();
  const down = await app.inject({ method: 'GET', url: '/health' });
  t.equal(down.statusCode, 503);
  t.equal(down.json().code, 'database_unavailable');
  t.equal(down.headers['retry-after'], '2');
  const live = await app.inject({ method: 'GET', url: '/health/live' });
  t.equal(live.statusCode, 200, 'liveness does not depend on the database');
  const request = await app.inject({
    method: 'GET',
    url: '/v1/units',
    headers: { authorization: 'Bearer whatever-token-0123456789' },
  });
  t.equal(request.statusCode, 503);
  t.equal(request.json().code, 'database_unavailable');
});

const url = process.env.DATABASE_URL;
t.test(
  'PostgreSQL drops connections under signup load',
  { skip: !url && 'needs DATABASE_URL' },
  async (t) => {
    const direct = await createTestDatabase({ backend: 'postgres' });
    const target = new URL(direct.url!);
    const proxy = await startFaultProxy({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    const viaProxy = new URL(direct.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const db = await createDatabase({
      url: viaProxy.toString(),
      migrate: false,
      poolSize: 8,
      connectTimeoutMs: 2_000,
    });
    const app = await buildApp({ db, now: () => NOW });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    t.teardown(async () => {
      await app.close();
      await db.close();
      await proxy.close();
      await admin.end();
      await direct.drop();
    });

    const adminToken = (await db.tokens.create({ role: 'admin', label: 'outage admin' })).token;
    const seed = await seedOutage(app, adminToken);
    const database = target.pathname.slice(1);

    let terminated = 0;
    const run = await signUpThroughFaults(t, app, seed, async () => {
      // (a) pg_terminate_backend, repeatedly, of this database's backends only.
      for (let round = 0; round < 8; round += 1) {
        await sleep(60);
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
          [database],
        );
        terminated += killed.rowCount ?? 0;
      }
      // (b) nothing listens at the pool's address for a second, then it is back.
      await sleep(100);
      await proxy.cut();
      await sleep(1_000);
      const down = await app.inject({ method: 'GET', url: '/health' });
      t.equal(down.statusCode, 503, '/health: down while nothing listens');
      t.equal(down.json().database, 'postgres');
      await proxy.restore();
    });

    t.ok(terminated > 0, `backends terminated (${terminated})`);
    t.ok(run.unavailable > 0, 'some requests met the outage and were told to retry');
    await checkAfterOutage(t, app, adminToken, run);
  },
);
