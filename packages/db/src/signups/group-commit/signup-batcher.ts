// Group commit for concurrent signups. One counter row per shift means one row lock held across
// one WAL flush per signup: a shift's throughput is capped by the disk, whatever the number of
// clients; and when signups are spread over many shifts, each one's own transaction costs ~5
// round trips and one commit. Here signups queue in lanes (a shift always maps to the same
// lane); while a lane's transaction runs, later signups of that lane wait in this process, and
// the next transaction takes all of them (up to a cap), whichever shifts they are for, and
// commits once: N signups share the lock acquisitions, the statements and one fsync. The batch
// runs set-based when the caller gives `runBatch` (a few statements for the whole batch); else,
// or when that fails, command by command in arrival order, each under its own SAVEPOINT.
// See docs/decisions/0005 and 0006.
import { type Kysely, sql, type Transaction } from 'kysely';

export interface SignupBatcherOptions<C, R> {
  /** Where batch transactions are opened. */
  // biome-ignore lint/suspicious/noExplicitAny: the batcher is schema-agnostic
  db: Kysely<any>;
  /** Runs one command inside the batch's transaction; a throw refuses that command only. */
  // biome-ignore lint/suspicious/noExplicitAny: the batcher is schema-agnostic
  run: (trx: Transaction<any>, command: C) => Promise<R>;
  /**
   * Takes the batch's shift locks once, before its first command runs through `run` (optional;
   * `runBatch` takes its own). `shiftIds` are distinct and sorted, so that two batches lock in
   * the same order and cannot deadlock each other; the commands' own locks of the same rows
   * then cost nothing more.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the batcher is schema-agnostic
  lock?: ((trx: Transaction<any>, shiftIds: string[]) => Promise<void>) | undefined;
  /**
   * Runs a whole batch (even of one command) at once, in set-based statements (optional). Its
   * outcomes must be what `run` would have answered one command after the other. When it throws,
   * its writes are rolled back and the commands go through `run` one by one.
   */
  runBatch?:
    | ((
        // biome-ignore lint/suspicious/noExplicitAny: the batcher is schema-agnostic
        trx: Transaction<any>,
        commands: C[],
      ) => Promise<BatchOutcome<R>[]>)
    | undefined;
  /** Whether a command may go through `runBatch` (default: all); one that may not runs in a batch of such commands, command by command. */
  batchable?: ((command: C) => boolean) | undefined;
  /**
   * Most commands in one transaction (default 64): bounds the lock hold time and the latency,
   * and keeps a per-command batch within PostgreSQL's 64 cached subtransactions per backend
   * (past them every snapshot in the cluster gets slower: "suboverflow").
   */
  maxBatch?: number | undefined;
  /**
   * How many batches may run at once (default 1). A shift always falls in the same lane (by a
   * hash of its id), so one shift's signups stay in arrival order and two batches of this
   * process never wait for each other's shift locks; more lanes mean more transactions in
   * flight, fewer signups per commit.
   */
  lanes?: number | undefined;
}

/** Counters, for benchmarks and tests. */
export interface SignupBatcherStats {
  batches: number;
  commands: number;
  largestBatch: number;
  /** Batches whose transaction failed as a whole and whose commands were re-run one by one. */
  retriedBatches: number;
  /** Batches that `runBatch` could not take (it threw) and that ran command by command. */
  fallbackBatches: number;
}

export interface SignupBatcher<C, R> {
  /** Runs `command` in the next transaction of `shiftId`'s lane; settles once that transaction ended. */
  submit(shiftId: string, command: C): Promise<R>;
  stats(): SignupBatcherStats;
  /** Resolves once no batch is queued or running. */
  idle(): Promise<void>;
}

interface Pending<C, R> {
  shiftId: string;
  command: C;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** A batch of a lane: its commands are all batchable, or all not (see takeBatch). */
interface Batch<C, R> {
  commands: Pending<C, R>[];
  batchable: boolean;
}

/** What one command of a batch came to: its value, or the error refusing it. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };
type Outcome<R> = BatchOutcome<R>;

// PostgreSQL aborts a whole transaction with these; nothing of it was written, so each command
// can safely run again on its own.
const retryableCodes = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

/** FNV-1a of the id: a stable lane for a shift, spread evenly whatever the ids look like. */
export function laneOf(shiftId: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < shiftId.length; i += 1) {
    hash = Math.imul(hash ^ shiftId.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

/**
 * Creates a per-process group-commit queue for signups, in lanes keyed by shift id.
 *
 * Fairness: a shift's commands run in the order they reached this process, and a batch's
 * transaction queues on the shift row locks like any other, so order of arrival at the database
 * lock is kept. Safety: every command still gets its locked read-decide-write; the batch only
 * shares the transaction, so no-overbooking holds exactly as without batching, and no answer is
 * given before the commit that makes it durable.
 *
 * @example
 * const batcher = createSignupBatcher({ db, run: (trx, c) => signUpInTransaction(trx, c, now) });
 * const signup = await batcher.submit(command.shiftId, command);
 */
export function createSignupBatcher<C, R>(
  options: SignupBatcherOptions<C, R>,
): SignupBatcher<C, R> {
  const maxBatch = options.maxBatch ?? 64;
  const lanes = Math.max(1, Math.floor(options.lanes ?? 1));
  const queues: Pending<C, R>[][] = Array.from({ length: lanes }, () => []);
  const running = new Set<number>();
  const stats: SignupBatcherStats = {
    batches: 0,
    commands: 0,
    largestBatch: 0,
    retriedBatches: 0,
    fallbackBatches: 0,
  };
  let idleWaiters: (() => void)[] = [];

  async function runAlone(command: C): Promise<Outcome<R>> {
    try {
      return {
        ok: true,
        value: await options.db.transaction().execute((trx) => options.run(trx, command)),
      };
    } catch (error) {
      return { ok: false, error };
    }
  }

  async function execute(
    { commands: batch, batchable }: Batch<C, R>,
    onCommitting: () => void,
  ): Promise<Outcome<R>[]> {
    stats.batches += 1;
    stats.commands += batch.length;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    const runBatch = batchable ? options.runBatch : undefined;
    if (batch.length === 1 && runBatch === undefined) {
      // Alone: no savepoint needed, a refusal rolls the whole (one-command) transaction back,
      // and one shift's lock has no order to keep.
      return [await runAlone(batch[0]!.command)];
    }
    // Set-based even for one command: its few statements cost less than the per-command path's.
    if (runBatch !== undefined) {
      let committing = false;
      try {
        return await options.db.transaction().execute(async (trx) => {
          const set = await runBatch(
            trx,
            batch.map((pending) => pending.command),
          );
          committing = true;
          onCommitting();
          return set;
        });
      } catch (error) {
        // A failed COMMIT may or may not have been applied: answer with the error, as a
        // single transaction would. Before the commit nothing was written: e.g. a constraint
        // tripped by a concurrent transaction; each command then meets it on its own below.
        if (committing) return batch.map(() => ({ ok: false, error }));
        stats.fallbackBatches += 1;
      }
    }
    const shiftIds = [...new Set(batch.map((pending) => pending.shiftId))].sort();
    const outcomes: Outcome<R>[] = [];
    try {
      await options.db.transaction().execute(async (trx) => {
        if (options.lock) await options.lock(trx, shiftIds);
        for (const pending of batch) {
          await sql`savepoint hot_shift_command`.execute(trx);
          try {
            const value = await options.run(trx, pending.command);
            await sql`release savepoint hot_shift_command`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Only this command's writes are undone; the others of the batch stay.
            await sql`rollback to savepoint hot_shift_command`.execute(trx);
            await sql`release savepoint hot_shift_command`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
      return outcomes;
    } catch (error) {
      if (!isRetryable(error)) return batch.map(() => ({ ok: false, error }));
      // The whole transaction was rolled back (deadlock, serialization): nothing was written,
      // so every command runs again, alone, in order.
      stats.retriedBatches += 1;
      const retried: Outcome<R>[] = [];
      for (const pending of batch) retried.push(await runAlone(pending.command));
      return retried;
    }
  }

  /**
   * The next batch of a lane: the longest run, from the head of the queue, of commands that are
   * all batchable or all not (up to the cap). A keyed signup then costs the per-command path
   * only to its own run, not to every signup of the lane that queued beside it, and the lane's
   * order is kept.
   */
  function takeBatch(queue: Pending<C, R>[]): Batch<C, R> {
    const isBatchable = options.batchable ?? (() => true);
    const batchable = isBatchable(queue[0]!.command);
    let size = 1;
    while (
      size < queue.length &&
      size < maxBatch &&
      isBatchable(queue[size]!.command) === batchable
    ) {
      size += 1;
    }
    return { commands: queue.splice(0, size), batchable };
  }

  function settle(batch: Pending<C, R>[], outcomes: Outcome<R>[]): void {
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  async function drain(lane: number): Promise<void> {
    running.add(lane);
    const queue = queues[lane]!;
    const start = () => {
      const batch = takeBatch(queue);
      let markCommitting = () => {};
      const committing = new Promise<void>((resolve) => {
        markCommitting = resolve;
      });
      // Settles with the outcomes (execute never throws); marks the batch committing then too,
      // for the paths that do not say so before (one by one, alone).
      const outcomes = execute(batch, markCommitting).finally(markCommitting);
      return { batch, outcomes, committing };
    };
    try {
      let current = start();
      for (;;) {
        // The next batch starts once this one's statements are done and its COMMIT is on its
        // way: its locks queue behind that commit in PostgreSQL (so it still reads what this
        // one wrote, and the shift's order of arrival is kept), and it waits for no turn of this
        // event loop between the commit's answer and its own first statement. At most two
        // transactions of a lane are open at once, the second one waiting for the first's locks.
        await current.committing;
        let next = queue.length > 0 ? start() : undefined;
        const outcomes = await current.outcomes;
        settle(current.batch.commands, outcomes);
        if (next === undefined) {
          // One turn of the event loop: requests already read from their sockets (and callers
          // resubmitting) join the next batch instead of waiting for the one after.
          await new Promise((resolve) => setImmediate(resolve));
          if (queue.length === 0) break;
          next = start();
        }
        current = next;
      }
    } finally {
      running.delete(lane);
      if (running.size === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  return {
    submit(shiftId, command) {
      return new Promise<R>((resolve, reject) => {
        const lane = laneOf(shiftId, lanes);
        queues[lane]!.push({ shiftId, command, resolve, reject });
        if (!running.has(lane)) void drain(lane);
      });
    },
    stats: () => ({ ...stats }),
    idle() {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
