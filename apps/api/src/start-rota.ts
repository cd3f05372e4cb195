import type { RotaDb } from '@rota/db';
import { type DemoToken, seedDemo } from './demo/seed-demo.ts';

/** What the start-up did, for the banner. */
export interface StartReport {
  /** Set when the admin token was created now from a random secret: shown once. */
  newAdminToken: string | undefined;
  adminFromEnv: boolean;
  /** Demo tokens, when the demo was seeded now. */
  demoTokens: DemoToken[];
}

/**
 * Prepares a database for serving: makes sure an admin token exists (`ROTA_ADMIN_TOKEN`'s
 * value, or a random one created and shown once) and seeds the demo on an empty database.
 *
 * @example
 * const report = await startRota(db, { adminToken: undefined, demo: true, now });
 */
export async function startRota(
  db: RotaDb,
  options: { adminToken: string | undefined; demo: boolean; now: string },
): Promise<StartReport> {
  let newAdminToken: string | undefined;
  if (options.adminToken !== undefined) {
    const existing = await db.tokens.verify(options.adminToken);
    if (existing && existing.role !== 'admin') {
      throw new Error('ROTA_ADMIN_TOKEN is already the secret of a non-admin token');
    }
    if (!existing) {
      await db.tokens.create({
        role: 'admin',
        secret: options.adminToken,
        label: 'ROTA_ADMIN_TOKEN',
      });
    }
  } else if (!(await db.tokens.hasAdmin())) {
    newAdminToken = (await db.tokens.create({ role: 'admin', label: 'created at first start' }))
      .token;
  }

  let demoTokens: StartReport['demoTokens'] = [];
  if (options.demo) {
    const empty = (await db.units.list({ limit: 1 })).items.length === 0;
    if (empty) demoTokens = (await seedDemo(db, options.now)).tokens;
  }
  return { newAdminToken, adminFromEnv: options.adminToken !== undefined, demoTokens };
}
