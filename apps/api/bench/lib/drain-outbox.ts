// After a load: how much of its notification work was still waiting, and how long the
// dispatcher took to fan it all out (issue 18: a paced dispatcher defers the fan-out of a burst,
// so the signups per second alone would flatter it).
import pg from 'pg';

export interface Drain {
  /** Outbox events not yet dispatched when the load ended. */
  waitingAtEnd: number;
  /** The oldest one's age then, in seconds (0 when none waited). */
  oldestAgeSeconds: number;
  /** From the end of the load until no event waits, in seconds. */
  seconds: number;
  /** The longest any event of the load waited for its fan-out (dispatched_at - occurred_at), s. */
  maxLagSeconds: number;
}

/** The outbox's sequence now: the events written before a load are those up to it. */
export async function outboxMark(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ mark: string }>(
      'select case when is_called then last_value else 0 end as mark from outbox_seq_seq',
    );
    return Number(rows[0]!.mark);
  } finally {
    await client.end();
  }
}

/**
 * Polls the outbox of `databaseUrl` every 20 ms until it is drained (or `timeoutMs` passes);
 * `mark` (outboxMark before the load) tells which events were the load's.
 */
export async function waitForDrain(
  databaseUrl: string,
  mark: number,
  timeoutMs = 300_000,
): Promise<Drain> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ waiting: number; age: number | null }>(
      `select count(*)::int as waiting,
              extract(epoch from clock_timestamp() - min(occurred_at))::float8 as age
         from outbox where dispatched_at is null`,
    );
    const first = rows[0]!;
    let waiting = first.waiting;
    while (waiting > 0) {
      if (performance.now() - started > timeoutMs) {
        throw new Error(`the outbox still holds ${waiting} events after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows: now } = await client.query<{ waiting: boolean }>(
        // min() over the partial index of waiting events: one index probe, whatever the plan.
        'select (select min(seq) from outbox where dispatched_at is null) is not null as waiting',
      );
      waiting = now[0]!.waiting ? 1 : 0;
    }
    const seconds = (performance.now() - started) / 1000;
    // Read once at the end (a scan of the load's rows; the bench only).
    const { rows: lag } = await client.query<{ max: number | null }>(
      `select max(extract(epoch from dispatched_at - occurred_at))::float8 as max
         from outbox where seq > $1`,
      [mark],
    );
    return {
      waitingAtEnd: first.waiting,
      maxLagSeconds: lag[0]?.max ?? 0,
      oldestAgeSeconds: Math.max(0, first.age ?? 0),
      seconds,
    };
  } finally {
    await client.end();
  }
}
