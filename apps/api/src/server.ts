// The process entry point: read settings, open the database, build the app, listen, and
// close gracefully. Everything else lives in buildApp (tests inject, they never listen here).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDatabase, type RotaDb } from '@rota/db';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './build-app.ts';
import { logSerializers } from './http/log-serializers.ts';
import { loggableError } from './http/loggable-error.ts';
import { channelsFromSettings } from './notifications/channels-from-settings.ts';
import { startWorkers, type Workers } from './notifications/start-workers.ts';
import { isWebAppBuilt } from './plugins/web-app.ts';
import { readSettings, type Settings, SettingsError } from './settings.ts';
import { type StartReport, startRota } from './start-rota.ts';

const HOUR_MS = 60 * 60 * 1000;
/** The web app's build (`npm run build -w @rota/web`; `npm start` builds it). */
const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** Idempotency keys are kept at least 24 h: purge those older than two days. */
const IDEMPOTENCY_KEEP_MS = 48 * HOUR_MS;

/**
 * The start banner, in two parts: what anyone may read (stdout, beside the JSON request log)
 * and the secrets (a new admin token, the demo tokens and sign-in links) for stderr only, so
 * that a log collector reading stdout never stores them (README: "Start it").
 */
function banner(
  settings: Settings,
  address: string,
  db: RotaDb,
  report: StartReport,
): { open: string; secret: string } {
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const lines = [
    '',
    `Rota API listening on ${url}`,
    `  docs:      ${url}/docs  (OpenAPI: ${url}/openapi.json)`,
    `  database:  ${db.kind === 'pglite' ? `embedded PGlite in ${settings.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  web app:   ${url}/`,
  ];
  const secrets: string[] = [];
  if (report.newAdminToken) {
    lines.push('  admin token: created now, printed once on stderr');
    secrets.push(`  admin token (shown once, keep it): ${report.newAdminToken}`);
  } else if (report.adminFromEnv) {
    lines.push('  admin token: the value of ROTA_ADMIN_TOKEN');
  } else {
    lines.push('  admin token: the one printed at the first start (or set ROTA_ADMIN_TOKEN)');
  }
  if (report.demo === 'added')
    lines.push("  demo data: next week's events added (dates follow today)");
  if (report.demoTokens.length > 0) {
    lines.push(
      report.demo === 'seeded'
        ? '  demo data seeded: its tokens and sign-in links are on stderr'
        : '  demo data: fresh tokens and sign-in links are on stderr',
    );
    secrets.push(
      report.demo === 'seeded'
        ? '  demo data seeded; try it with these tokens:'
        : '  demo data; new tokens for this start (earlier ones keep working):',
    );
    for (const token of report.demoTokens) {
      // The ids too: the guides' UNIT_ID and PERSON_ID (the API has no "who am I" route).
      const bound = token.unitId ? `unit ${token.unitId}` : `person ${token.personId}`;
      secrets.push(`    ${token.role.padEnd(9)} ${token.label}: ${token.token}  (${bound})`);
    }
    secrets.push(`  e.g. curl -H "Authorization: Bearer <token>" ${url}/v1/shifts?available=true`);
  }
  lines.push(
    isWebAppBuilt(WEB_ROOT)
      ? `  web app:   ${url}/`
      : '  web app:   not built (npm run build -w @rota/web, or npm start at the root)',
  );
  for (const link of report.demoLinks) {
    // One-time links: each start prints new ones (a used link cannot be shown again).
    secrets.push(`    sign in as ${link.role} ${link.name}: ${url}${link.path}`);
  }
  return {
    open: `${lines.join('\n')}\n\n`,
    secret:
      secrets.length > 0
        ? `\nRota secrets (stderr only, never in the request log on stdout):\n${secrets.join('\n')}\n\n`
        : '',
  };
}

/** Keeps the materialized shifts ahead of time and old idempotency keys purged. */
function startMaintenance(app: FastifyInstance, db: RotaDb): () => void {
  const run = async () => {
    try {
      const now = new Date();
      await db.extendHorizon(now.toISOString());
      await db.idempotency.purge(new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString());
    } catch (error) {
      app.log.error({ err: loggableError(error) }, 'maintenance failed');
    }
  };
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  const settings = readSettings(process.env, process.cwd());
  if (!settings.databaseUrl) await mkdir(settings.dataDir, { recursive: true });
  const db = await createDatabase({
    url: settings.databaseUrl,
    dataDir: settings.dataDir,
    signupLanes: settings.signupLanes,
    preparedStatements: settings.preparedStatements,
    planCacheMode: settings.planCacheMode,
  });
  let app: FastifyInstance | undefined;
  let stopMaintenance = () => {};
  let workers: Workers | undefined;

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app?.log.error({ err: loggableError(err) }, 'closing after an error');
    else app?.log.info({ signal }, 'closing: finishing requests in flight');
    stopMaintenance();
    // app.close stops accepting connections and waits for requests in flight.
    await app?.close();
    // Then the deliveries and sends in flight finish (pg-boss's graceful stop).
    await workers?.stop(8_000);
    await db.close();
  });

  const report = await startRota(db, {
    adminToken: settings.adminToken,
    demo: settings.demo,
    now: new Date().toISOString(),
  });
  app = await buildApp({
    db,
    maxInFlight: settings.maxInFlight,
    webhookAllowPrivate: settings.webhookAllowPrivate,
    sessionIdleSeconds: settings.sessionIdleDays * 24 * 60 * 60,
    webRoot: WEB_ROOT,
    trustProxy: settings.trustProxy,
    logger: {
      level: settings.logLevel,
      serializers: logSerializers,
      ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
    },
  });
  await db.extendHorizon(new Date().toISOString());
  stopMaintenance = startMaintenance(app, db);
  if (settings.workers) {
    const log = app.log;
    workers = await startWorkers(db, {
      allowPrivate: settings.webhookAllowPrivate,
      channels: channelsFromSettings(settings),
      pace: {
        maxLagMs: settings.dispatchMaxLagMs,
        burstPerSecond: settings.dispatchBurstPerSecond,
      },
      onError: (err, where) => log.error({ err: loggableError(err) }, where),
    });
  }
  const address = await app.listen({ port: settings.port, host: settings.host });
  const { open, secret } = banner(settings, address, db, report);
  process.stdout.write(open);
  if (secret !== '') process.stderr.write(secret);
}

main().catch((error: unknown) => {
  const message =
    error instanceof SettingsError
      ? error.message
      : `Rota could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
