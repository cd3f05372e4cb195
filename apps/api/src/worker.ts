// `npm run worker`: the notification workers as a process of their own (PostgreSQL only: the
// embedded database belongs to one process). Run any number of them beside the API processes
// (with ROTA_WORKERS=0 there, or not); SIGTERM waits for the deliveries in flight.
import { createDatabase } from '@rota/db';
import closeWithGrace from 'close-with-grace';
import { channelsFromSettings } from './notifications/channels-from-settings.ts';
import { startWorkers, type Workers } from './notifications/start-workers.ts';
import { readSettings, SettingsError } from './settings.ts';

async function main(): Promise<void> {
  const settings = readSettings(process.env, process.cwd());
  if (settings.databaseUrl === undefined) {
    throw new SettingsError(
      'npm run worker needs DATABASE_URL (the embedded database runs its workers in the API process)',
    );
  }
  const db = await createDatabase({
    url: settings.databaseUrl,
    poolSize: 5,
    preparedStatements: settings.preparedStatements,
    planCacheMode: settings.planCacheMode,
  });
  let workers: Workers | undefined;
  closeWithGrace({ delay: 30_000 }, async ({ err }) => {
    if (err) process.stderr.write(`worker closing after an error: ${String(err)}\n`);
    await workers?.stop(25_000);
    await db.close();
  });
  workers = await startWorkers(db, {
    allowPrivate: settings.webhookAllowPrivate,
    channels: channelsFromSettings(settings),
    pace: {
      maxLagMs: settings.dispatchMaxLagMs,
      burstPerSecond: settings.dispatchBurstPerSecond,
    },
    onError: (error, where) => process.stderr.write(`${where}: ${String(error)}\n`),
    ...(process.env.ROTA_WORKER_EXPIRE_SECONDS
      ? { expireInSeconds: Number(process.env.ROTA_WORKER_EXPIRE_SECONDS) }
      : {}),
    ...(process.env.ROTA_WORKER_TICK_MS ? { tickMs: Number(process.env.ROTA_WORKER_TICK_MS) } : {}),
    ...(process.env.ROTA_WORKER_RETRY_DELAY_SECONDS
      ? { retryDelaySeconds: Number(process.env.ROTA_WORKER_RETRY_DELAY_SECONDS) }
      : {}),
    ...(process.env.ROTA_WORKER_POLL_SECONDS
      ? { pollingIntervalSeconds: Number(process.env.ROTA_WORKER_POLL_SECONDS) }
      : {}),
  });
  process.stdout.write(`Rota worker ${process.pid} running\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof SettingsError
      ? error.message
      : `Rota worker could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
