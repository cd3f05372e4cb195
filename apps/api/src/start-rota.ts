import type { RotaDb } from '@rota/db';
import { type DemoToken, seedDemo } from './demo/seed-demo.ts';

/** What the start-up did, for the banner. */
export interface StartReport {
  /** Set when the admin token was created now from a random secret: shown once. */
  newAdminToken: string | undefined;
  adminFromEnv: boolean;
  /** Demo tokens, when the demo was seeded now. */
  demoTokens: DemoToken[];
  /** Fresh one-time sign-in links for the demo's volunteer and organizer (every start). */
  demoLinks: DemoLink[];
}

/** A demo sign-in link as the server prints it: a path to open on this server. */
export interface DemoLink {
  role: 'volunteer' | 'organizer';
  name: string;
  path: string;
}

/** The demo's people the printed links sign in (the volunteer guide follows 李娜). */
const DEMO_LINKS = [
  { role: 'volunteer', name: '李娜', tokenLabel: '李娜 volunteer', label: 'demo volunteer' },
  {
    role: 'organizer',
    name: '王家园社区',
    tokenLabel: '王家园社区 organizer',
    label: 'demo organizer',
  },
] as const;

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
  const demoLinks: DemoLink[] = [];
  if (options.demo) {
    const empty = (await db.units.list({ limit: 1 })).items.length === 0;
    if (empty) demoTokens = (await seedDemo(db, options.now)).tokens;
    // Codes are stored hashed and used once, so every start makes new ones. The first start
    // finds the people through the demo tokens it just made; later starts through the label
    // of the previous start's links.
    for (const demo of DEMO_LINKS) {
      const token = demoTokens.find((t) => t.label === demo.tokenLabel);
      const previous = token ? undefined : await db.signIn.lastLinkLabelled(demo.label);
      const personId = token?.personId ?? previous?.personId ?? undefined;
      const unitId = token?.unitId ?? previous?.unitId ?? undefined;
      if (demo.role === 'volunteer' ? !personId : !unitId) continue;
      const link = await db.signIn.createLink({
        role: demo.role,
        personId: demo.role === 'volunteer' ? personId : undefined,
        unitId: demo.role === 'organizer' ? unitId : undefined,
        label: demo.label,
        expiresAt: new Date(Date.parse(options.now) + DEMO_LINK_DAYS * DAY_MS).toISOString(),
        now: options.now,
      });
      demoLinks.push({ role: demo.role, name: demo.name, path: `/sign-in#code=${link.code}` });
    }
  }
  return { newAdminToken, adminFromEnv: options.adminToken !== undefined, demoTokens, demoLinks };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo's links last as long as any other link. */
const DEMO_LINK_DAYS = 7;
