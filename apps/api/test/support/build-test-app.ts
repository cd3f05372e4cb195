// One test file's app over real stores, in the spirit of fastify/demo's test/helper.ts: a
// fresh database, a settable clock, an admin token, and teardown registered on `t`. New API
// tests start here.
import { createTestDatabase } from '@rota/db/testing';
import type { Test } from 'tap';
import { buildApp } from '../../src/build-app.ts';
import { clientFor } from './api-client.ts';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  call: ReturnType<typeof clientFor>;
  /** A bearer secret of an admin token. */
  admin: string;
  /** Sets the app's clock. */
  setNow(now: string): void;
}

/**
 * Builds the app on a throwaway database of `backend` (default: PostgreSQL when DATABASE_URL is
 * set, else PGlite) with the clock at `now`; closes both when `t` ends.
 *
 * @example
 * const { call, admin } = await buildTestApp(t, { now: '2026-11-28T04:00:00.000Z' });
 */
export async function buildTestApp(
  t: Test,
  options: { now: string; backend?: 'pglite' | 'postgres' },
): Promise<TestApp> {
  const { db, drop } = await createTestDatabase({ backend: options.backend ?? 'pglite' });
  let now = options.now;
  const app = await buildApp({
    db,
    now: () => now,
    logger: process.env.ROTA_TEST_LOG ? { level: 'error' } : false,
  });
  t.teardown(async () => {
    await app.close();
    await drop();
  });
  const admin = (await db.tokens.create({ role: 'admin', label: 'test admin' })).token;
  return {
    app,
    db,
    call: clientFor(app),
    admin,
    setNow: (next) => {
      now = next;
    },
  };
}
