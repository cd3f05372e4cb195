// The search baseline: the very SQL the store sends for "open shifts this week in my
// subdistrict", captured from the store in this process, then run directly over a pg pool.

import { percentile } from '@rota/bench-kit';
import { createDatabase, type ShiftSearch } from '@rota/db';
import pg from 'pg';

export interface CapturedQuery {
  text: string;
  values: unknown[];
}

export interface LatencyResult {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
}

/**
 * Runs the store's search for each filter and records the statements it sent (in order: e.g.
 * the unit's path, then the search itself).
 */
export async function captureSearchSql(
  url: string,
  filters: ShiftSearch[],
): Promise<CapturedQuery[][]> {
  const captured: CapturedQuery[] = [];
  const prototype = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string }).text;
    if (typeof text === 'string') {
      captured.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return original.apply(this, args);
  };
  const db = await createDatabase({ url, migrate: false });
  const queries: CapturedQuery[][] = [];
  try {
    for (const filter of filters) {
      captured.length = 0;
      await db.shifts.search(filter);
      if (!captured.some((query) => /\bfrom\s+shifts\b/i.test(query.text))) {
        throw new Error('the search sent no statement on shifts');
      }
      queries.push([...captured]);
    }
  } finally {
    prototype.query = original;
    await db.close();
  }
  return queries;
}

/** Runs each search's statements, searches in turn, from `clients` connections for `seconds`. */
export async function runQueries(
  url: string,
  queries: CapturedQuery[][],
  clients: number,
  seconds: number,
): Promise<LatencyResult> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const latencies: number[] = [];
  let next = 0;
  try {
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          const search = queries[next++ % queries.length]!;
          const begin = performance.now();
          for (const query of search) await pool.query(query.text, query.values);
          latencies.push(performance.now() - begin);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return {
      perSecond: latencies.length / elapsed,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      requests: latencies.length,
    };
  } finally {
    await pool.end();
  }
}
