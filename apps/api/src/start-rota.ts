import { randomBytes } from 'node:crypto';
import type { RotaDb } from '@rota/db';
import { type DemoToken, refreshDemoWeek, seedDemo } from './demo/seed-demo.ts';

/** What the start-up did, for the banner. */
export interface StartReport {
  /** Set when the admin token was created now from a random secret: shown once. */
  newAdminToken: string | undefined;
  adminFromEnv: boolean;
  /**
   * Demo tokens: every organizer's and two volunteers' when the demo was seeded now; on a later
   * start, fresh ones for the guides' organizer and volunteer (a secret is shown only once).
   */
  demoTokens: DemoToken[];
  /** What the start did to the demo: seeded it, added next week's events, or nothing. */
  demo: 'seeded' | 'added' | 'current' | 'no-demo' | 'off';
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
  {
    role: 'volunteer',
    name: '李娜',
    slug: 'lina',
    tokenLabel: '李娜 volunteer',
    label: 'demo volunteer',
  },
  {
    role: 'organizer',
    name: '王家园社区',
    slug: 'wangjiayuan',
    tokenLabel: '王家园社区 organizer',
    label: 'demo organizer',
  },
] as const;

/**
 * Prepares a database for serving: makes sure an admin token exists (`ROTA_ADMIN_TOKEN`'s
 * value, or a random one created and shown once), seeds the demo on an empty database, and on
 * a database seeded earlier keeps the demo's week ahead of today and makes fresh credentials
 * (sign-in links and tokens for the guides' volunteer and organizer) at every start.
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
  let demo: StartReport['demo'] = 'off';
  if (options.demo) {
    const empty = (await db.units.list({ limit: 1 })).items.length === 0;
    if (empty) {
      demoTokens = (await seedDemo(db, options.now)).tokens;
      demo = 'seeded';
    } else {
      // The guides' first search ("open shifts this week") must find the demo a week later.
      demo = await refreshDemoWeek(db, options.now);
    }
    // Codes are stored hashed and used once, so every start makes new ones. The first start
    // finds the people through the demo tokens it just made; later starts through the label
    // of the previous start's links.
    for (const link of DEMO_LINKS) {
      const token = demoTokens.find((t) => t.label === link.tokenLabel);
      const previous = token ? undefined : await db.signIn.lastLinkLabelled(link.label);
      const personId = token?.personId ?? previous?.personId ?? undefined;
      const unitId = token?.unitId ?? previous?.unitId ?? undefined;
      const bound = link.role === 'volunteer' ? personId && { personId } : unitId && { unitId };
      if (!bound) continue;
      const created = await db.signIn.createLink({
        role: link.role,
        ...bound,
        label: link.label,
        expiresAt: new Date(Date.parse(options.now) + DEMO_LINK_DAYS * DAY_MS).toISOString(),
        now: options.now,
      });
      demoLinks.push({ role: link.role, name: link.name, path: `/sign-in#code=${created.code}` });
      if (token) continue;
      // Secrets are stored hashed: the first start's tokens cannot be shown again, so a later
      // start makes new ones for the guides (the earlier ones keep working).
      const secret = `demo-${link.role}-${link.slug}-${randomBytes(12).toString('base64url')}`;
      await db.tokens.create({ role: link.role, label: link.tokenLabel, secret, ...bound });
      demoTokens.push({ label: link.tokenLabel, role: link.role, token: secret, ...bound });
    }
  }
  return {
    newAdminToken,
    adminFromEnv: options.adminToken !== undefined,
    demoTokens,
    demoLinks,
    demo,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo's links last as long as any other link. */
const DEMO_LINK_DAYS = 7;
