import { queues, type RotaDb } from '@rota/db';
import type { Channel } from './channels.ts';
import { postWebhook } from './post-webhook.ts';

export interface WorkerOptions {
  /** Webhook URLs on loopback and private addresses (ROTA_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Email and SMS channels that are configured (absent: notices stay in the inbox only). */
  channels: Channel[];
  /** The clock (RFC 3339). */
  now?: () => string;
  /** How often the outbox and reminders are looked at (default 1000 ms). */
  tickMs?: number;
  /** Parallel email and SMS sends in this process (default 4). */
  sendConcurrency?: number;
  /** Parallel webhook deliveries in this process (different webhooks; one webhook is in order). */
  webhookConcurrency?: number;
  /** pg-boss: after how long a job whose worker vanished is tried again (default 60 s). */
  expireInSeconds?: number;
  /** The first retry's delay (default 60 s for webhooks; tests shorten it). */
  retryDelaySeconds?: number;
  /** Reports a failure that the loop survives. */
  onError?: (error: unknown, where: string) => void;
  /** pg-boss polling interval (seconds, default 1). */
  pollingIntervalSeconds?: number;
}

export interface Workers {
  /** Runs one dispatch and one reminder sweep now (tests and the bench drive it). */
  tick(): Promise<void>;
  /** Stops taking work and waits for the jobs in flight (up to `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The notification workers of one process: a loop that dispatches the outbox and sweeps due
 * reminders, and pg-boss workers that deliver webhooks (FIFO per webhook; retries with
 * exponential backoff and jitter for about a day, then the webhook is marked failing) and send
 * email and SMS. Any number of processes may run them against one database.
 */
export async function startWorkers(db: RotaDb, options: WorkerOptions): Promise<Workers> {
  const now = options.now ?? (() => new Date().toISOString());
  const report = options.onError ?? (() => {});
  await db.jobs.start({
    expireInSeconds: options.expireInSeconds,
    retryDelaySeconds: options.retryDelaySeconds,
  });

  await db.jobs.work<{ deliveryId: string }>(
    queues.webhook,
    {
      localConcurrency: options.webhookConcurrency ?? 4,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
    },
    async (job) => {
      const attempt = await db.webhooks.beginAttempt(job.data.deliveryId, now());
      // Gone (deleted, already delivered) or held (paused, failing): this job is done; a
      // resumed webhook queues its pending deliveries again.
      if (attempt.state !== 'ready') return;
      const result = await postWebhook(attempt, { allowPrivate: options.allowPrivate });
      const final = !result.ok && job.retryCount >= job.retryLimit;
      await db.webhooks.recordAttempt(attempt.deliveryId, result, { final, now: now() });
      // pg-boss retries (backoff with jitter) and holds the webhook's later deliveries meanwhile.
      if (!result.ok && !final) throw new Error(result.error ?? 'delivery failed');
    },
  );

  const byKind = new Map(options.channels.map((c) => [c.kind, c]));
  await db.jobs.work<{ sendId: string }>(
    queues.send,
    {
      localConcurrency: options.sendConcurrency ?? 4,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
    },
    async (job) => {
      const send = await db.notifications.beginSend(job.data.sendId);
      if (send.state !== 'ready') return;
      const channel = byKind.get(send.channel);
      if (channel === undefined) {
        await db.notifications.recordSend(send.sendId, `no ${send.channel} channel configured`, {
          final: true,
          now: now(),
        });
        return;
      }
      try {
        await channel.send({
          address: send.address,
          title: send.title,
          body: send.body,
          language: send.language,
        });
        await db.notifications.recordSend(send.sendId, null, { final: true, now: now() });
      } catch (error) {
        const final = job.retryCount >= job.retryLimit;
        await db.notifications.recordSend(send.sendId, String(error), { final, now: now() });
        if (!final) throw error;
      }
    },
  );

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    // Dispatch until the outbox is drained (a burst of reminders is several batches).
    await db.notifications.sweepReminders(now());
    while ((await db.notifications.dispatch(now())) > 0) {
      if (stopped) break;
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error) => report(error, 'notifications tick'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.tickMs ?? 1000);
      });
  };
  let timer = setTimeout(loop, 0);
  return {
    async tick() {
      await running;
      await tick();
    },
    async stop(timeoutMs = 30_000) {
      stopped = true;
      clearTimeout(timer);
      await running;
      await db.jobs.stop({ graceful: true, timeoutMs });
    },
  };
}
