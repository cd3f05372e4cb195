import {
  type DispatchPace,
  type DispatchPaceSettings,
  defaultDispatchPace,
  paceDispatch,
} from '@rota/core';
import { type OutboxState, queues, type RotaDb } from '@rota/db';
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
  /**
   * How the dispatcher yields to a burst of signups (ROTA_DISPATCH_MAX_LAG_MS,
   * ROTA_DISPATCH_BURST; defaults in core's `defaultDispatchPace`); the look interval is `tickMs`
   * unless `lookEveryMs` says otherwise (tests that drive `look()` themselves).
   */
  pace?: Partial<DispatchPaceSettings>;
}

export interface Workers {
  /** Runs one reminder sweep and drains the outbox now, unpaced (tests and the bench drive it). */
  tick(): Promise<void>;
  /**
   * Runs one reminder sweep and one paced look, as the loop does each `tickMs`: fans out
   * what the pacing rule says (all, the events that are due, or nothing during a burst) and
   * returns its decision.
   */
  look(): Promise<DispatchPace>;
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
  let running: Promise<unknown> = Promise.resolve();
  const tickMs = options.tickMs ?? 1000;
  const pace: DispatchPaceSettings = {
    ...defaultDispatchPace,
    lookEveryMs: tickMs,
    ...options.pace,
  };
  const drain = async () => {
    // Until the outbox is drained (a burst of reminders is several batches).
    while ((await db.notifications.dispatch(now())) > 0) {
      if (stopped) break;
    }
  };
  const tick = async () => {
    await db.notifications.sweepReminders(now());
    await drain();
  };
  // The previous look of this dispatcher: how many events the outbox had seen, and when.
  let previous: { written: number; at: number } | undefined;
  const look = async (): Promise<DispatchPace> => {
    await db.notifications.sweepReminders(now());
    const at = now();
    const state = await db.notifications.lookAtOutbox();
    const arrived = previous === undefined ? null : Math.max(0, state.written - previous.written);
    const sinceMs = previous === undefined ? 0 : Date.parse(at) - previous.at;
    const decision = paceDispatch({ now: at, oldestAt: state.oldestAt, arrived, sinceMs }, pace);
    previous = { written: state.written, at: Date.parse(at) };
    if (decision.kind !== 'dispatch') return decision;
    // A batch at a time, oldest first, while the oldest waiting event is one this look covers:
    // any event written before the look (by the outbox's sequence, whatever the clocks), or
    // during a burst those that are due, asked again after each batch with the clock of then
    // (events come due while the batches run); the rest wait for the next look (a drain that
    // took what arrived meanwhile could run for as long as a burst lasts without looking again).
    const covered = (s: OutboxState) => {
      if (s.oldestAt === null) return false;
      if (decision.upTo === null) return (s.oldestSeq ?? 0) <= state.written;
      const again = paceDispatch(
        { now: now(), oldestAt: s.oldestAt, arrived: arrived ?? null, sinceMs },
        pace,
      );
      return again.kind === 'dispatch';
    };
    let current = state;
    while (covered(current) && !stopped) {
      if ((await db.notifications.dispatch(now())) === 0) break;
      current = await db.notifications.lookAtOutbox();
    }
    return decision;
  };
  const loop = () => {
    if (stopped) return;
    // Looks start every `tickMs` whatever a look's fan-out took (the lag bound counts on it).
    const started = performance.now();
    running = look()
      .catch((error) => report(error, 'notifications tick'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, Math.max(0, tickMs - (performance.now() - started)));
      });
  };
  let timer = setTimeout(loop, 0);
  return {
    async tick() {
      await running;
      await tick();
    },
    async look() {
      await running;
      const decision = look();
      running = decision.catch(() => {});
      return decision;
    },
    async stop(timeoutMs = 30_000) {
      stopped = true;
      clearTimeout(timer);
      await running;
      await db.jobs.stop({ graceful: true, timeoutMs });
    },
  };
}
