// Issue 10 item 1, the real thing: PostgreSQL itself restarts while signups run. It stops
// every connection of the server, so it runs only where this suite owns the server: in CI
// (`.ci/run` sets ROTA_TEST_RESTART_POSTGRES=1), alone (after the parallel suites: see the
// `test` script), never on a shared development server. The restart leaves PostgreSQL running.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { createDatabase } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../../src/build-app.ts';
import { NOW } from '../helpers/unit-tree.ts';
import { checkAfterOutage, seedOutage, signUpThroughFaults } from '../outage/outage-scenario.ts';

const enabled =
  process.env.CI === 'true' &&
  process.env.ROTA_TEST_RESTART_POSTGRES === '1' &&
  Boolean(process.env.DATABASE_URL);

t.test(
  'PostgreSQL restarts under signup load',
  {
    skip:
      !enabled &&
      'restarts the server: only in CI with ROTA_TEST_RESTART_POSTGRES=1 (.ci/run sets it)',
  },
  async (t) => {
    const direct = await createTestDatabase({ backend: 'postgres' });
    const db = await createDatabase({ url: direct.url, migrate: false, connectTimeoutMs: 2_000 });
    const app = await buildApp({ db, now: () => NOW });
    t.teardown(async () => {
      await app.close();
      await db.close();
      await direct.drop();
    });
    const admin = (await db.tokens.create({ role: 'admin', label: 'restart admin' })).token;
    const seed = await seedOutage(app, admin);
    const version = readdirSync('/etc/postgresql')[0]!;
    const run = await signUpThroughFaults(t, app, seed, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await promisify(execFile)('pg_ctlcluster', [
        '--skip-systemctl-redirect',
        version,
        'main',
        'restart',
      ]);
    });
    t.ok(run.unavailable > 0, 'requests during the restart were told to retry');
    await checkAfterOutage(t, app, admin, run);
  },
);
