import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Db, fromKysely, type Job, PgBoss } from 'pg-boss';
import type { Database } from '../schema.ts';

/** The queues Rota's workers serve. */
export const queues = {
  /** One job per webhook delivery attempt chain; FIFO per webhook (singletonKey = webhook id). */
  webhook: 'rota-webhook',
  /** One job per email or SMS of a notice. */
  send: 'rota-send',
} as const;

/** How long webhook retries go on: 60 s doubling with jitter, at most 4 h apart, 12 retries (~1 day). */
export const webhookRetry = {
  retryLimit: 12,
  retryDelay: 60,
  retryBackoff: true,
  retryDelayMax: 14_400,
};

/** Where jobs live: pg-boss 12 in schema `pgboss` of Rota's own database. */
export interface JobQueue {
  readonly boss: PgBoss;
  /** Creates the schema and queues (idempotent, safe from many processes) and starts pg-boss. */
  start(options?: {
    expireInSeconds?: number | undefined;
    /** The first retry's delay (default 60 s for webhooks, 30 s for email and SMS). */
    retryDelaySeconds?: number | undefined;
  }): Promise<void>;
  /** Stops; `graceful` waits for jobs in flight (up to `timeoutMs`). */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  /** Inserts jobs inside the caller's transaction: they exist if and only if it commits. */
  insert(
    trx: Transaction<Database>,
    queue: string,
    jobs: { data: object; singletonKey?: string; startAfter?: Date }[],
  ): Promise<string[]>;
  /** Serves a queue; the handler gets one job (several run at once); a throw asks for a retry. */
  work<T extends object>(
    queue: string,
    options: { localConcurrency?: number; pollingIntervalSeconds?: number; batchSize?: number },
    handler: (job: Job<T> & { retryLimit: number }) => Promise<void>,
  ): Promise<void>;
  /** When the job's next attempt is due (a job in retry), else null. */
  nextAttemptAt(queue: string, jobId: string): Promise<string | null>;
}

/**
 * pg-boss on PGlite must share the one connection with Kysely's transactions: every statement
 * goes through the dialect's connection queue (a bare `pglite.query` would land inside
 * whichever transaction is open). Statements without parameters may be several (pg-boss's
 * migrations), so they run through PGlite's `exec` while the connection is held.
 */
function pgliteThroughKysely(db: Kysely<Database>, pglite: PGlite): Db {
  return {
    async executeSql(text, values) {
      if (values !== undefined && values.length > 0) {
        const result = await fromKysely(db).executeSql(text, values);
        return result;
      }
      return db.connection().execute(async () => {
        const results = await pglite.exec(text);
        return { rows: results.flatMap((r) => r.rows ?? []) };
      });
    },
  };
}

let counter = 0;

/**
 * A UUID-shaped id that sorts in creation order within this process: pg-boss keeps FIFO per
 * key by (created_on, id), and every job of one transaction has the same created_on.
 */
function orderedJobId(): string {
  counter = (counter + 1) % 0x1_0000_0000;
  const time = Date.now().toString(16).padStart(12, '0');
  const seq = counter.toString(16).padStart(8, '0');
  const random = randomBytes(6).toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${seq.slice(0, 4)}-${seq.slice(4, 8)}-${random}`;
}

/** Opens the job queue beside the stores (not started: workers call `start`). */
export function createJobQueue(
  db: Kysely<Database>,
  backend: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string },
): JobQueue {
  let boss: PgBoss | undefined;
  let started: Promise<void> | undefined;
  const started_ = () => {
    if (boss === undefined) throw new Error('The job queue is not started (db.jobs.start())');
    return boss;
  };
  return {
    get boss() {
      return started_();
    },
    start(options) {
      started ??= (async () => {
        const expireInSeconds = options?.expireInSeconds ?? 60;
        // A job whose worker vanished (SIGKILL) is noticed by the supervisor: check often
        // enough that a short expiry means a short wait.
        const superviseIntervalSeconds = Math.max(1, Math.min(60, Math.floor(expireInSeconds / 2)));
        boss =
          backend.kind === 'postgres'
            ? new PgBoss({
                connectionString: backend.url,
                max: 10,
                schema: 'pgboss',
                superviseIntervalSeconds,
                monitorIntervalSeconds: superviseIntervalSeconds,
              })
            : new PgBoss({
                db: pgliteThroughKysely(db, backend.pglite),
                backend: 'pglite',
                schema: 'pgboss',
                superviseIntervalSeconds,
                monitorIntervalSeconds: superviseIntervalSeconds,
              });
        // pg-boss reports background errors (a maintenance query during a database restart)
        // as events; unhandled they would end the process.
        boss.on('error', () => {});
        await boss.start();
        await boss.createQueue(queues.webhook, {
          policy: 'key_strict_fifo',
          ...webhookRetry,
          ...(options?.retryDelaySeconds !== undefined
            ? { retryDelay: options.retryDelaySeconds }
            : {}),
          expireInSeconds,
        });
        await boss.createQueue(queues.send, {
          retryLimit: 8,
          retryDelay: options?.retryDelaySeconds ?? 30,
          retryBackoff: true,
          retryDelayMax: 3_600,
          expireInSeconds,
        });
      })();
      return started;
    },
    async stop(options) {
      if (started === undefined || boss === undefined) return;
      await started.catch(() => {});
      await boss.stop({
        graceful: options?.graceful ?? true,
        timeout: options?.timeoutMs ?? 30_000,
        close: true,
      });
      started = undefined;
      boss = undefined;
    },
    async insert(trx, queue, jobs) {
      if (jobs.length === 0) return [];
      const ids = await started_().insert(
        queue,
        jobs.map((job) => ({
          id: orderedJobId(),
          data: job.data,
          ...(job.singletonKey !== undefined ? { singletonKey: job.singletonKey } : {}),
          ...(job.startAfter !== undefined ? { startAfter: job.startAfter } : {}),
        })),
        { db: fromKysely(trx) },
      );
      return ids ?? [];
    },
    async work(queue, options, handler) {
      await started_().work(
        queue,
        {
          includeMetadata: true,
          perJobResults: true,
          // Several jobs per fetch, handled at once; while fetches come back full the worker
          // fetches again without waiting for the polling interval (a burst of reminders).
          batchSize: options.batchSize ?? 10,
          burstWhenBatchFull: true,
          localConcurrency: options.localConcurrency ?? 1,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
        },
        async (jobs) =>
          Promise.all(
            jobs.map(async (job) => {
              try {
                // biome-ignore lint/suspicious/noExplicitAny: metadata is requested above
                await handler(job as any);
                return { id: job.id, status: 'completed' as const };
              } catch (error) {
                // Failed: pg-boss retries it (backoff with jitter) while retries remain.
                return {
                  id: job.id,
                  status: 'failed' as const,
                  output: { message: error instanceof Error ? error.message : String(error) },
                };
              }
            }),
          ),
      );
    },
    async nextAttemptAt(queue, jobId) {
      if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
      try {
        const { rows } = await sql<{ start_after: string }>`
          select start_after from pgboss.job where name = ${queue} and id = ${jobId}::uuid
            and state = 'retry'`.execute(db);
        return rows[0]?.start_after ?? null;
      } catch {
        // No pgboss schema yet (no worker ever started on this database).
        return null;
      }
    },
  };
}
