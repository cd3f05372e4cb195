// The raw PostgreSQL ceiling, measured by pgbench in the same run as Rota's figures.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { percentile } from './stats.ts';
import { runSql } from './throwaway-database.ts';

export interface PgbenchResult {
  tps: number;
  p50Ms: number;
  p99Ms: number;
  transactions: number;
}

/** One table of counters, `rows` rows of capacity `capacity`, for the raw baselines. */
export async function createCounterTable(
  url: string,
  rows: number,
  capacity: number,
): Promise<void> {
  await runSql(
    url,
    `drop table if exists bench_counter;
     create table bench_counter (id int primary key, taken int not null default 0, capacity int not null);
     insert into bench_counter select g, 0, ${capacity} from generate_series(1, ${rows}) g;
     analyze bench_counter;`,
  );
}

/** The hot-shift baseline: every client updates row 1. */
export const hotScript =
  'UPDATE bench_counter SET taken = taken + 1 WHERE id = 1 AND taken + 1 <= capacity;\n';

/** The spread baseline: a random row among `rows`. */
export function spreadScript(rows: number): string {
  return `\\set id random(1, ${rows})\nUPDATE bench_counter SET taken = taken + 1 WHERE id = :id AND taken + 1 <= capacity;\n`;
}

/**
 * Runs `pgbench -n -f script -c clients -j 2 -T seconds` against `url`; reads the per-transaction
 * log for percentiles. On a busy machine opening 64 connections can eat a short run whole
 * (pgbench starts its clock first): such a run is repeated once, longer.
 */
export async function runPgbench(
  url: string,
  script: string,
  options: { clients: number; seconds: number; pgbench?: string | undefined },
): Promise<PgbenchResult> {
  await waitForFreeConnections(url, options.clients + 2);
  const result = await runPgbenchOnce(url, script, options);
  if (result.transactions > 0 && Number.isFinite(result.tps)) return result;
  return runPgbenchOnce(url, script, { ...options, seconds: options.seconds + 5 });
}

/**
 * Waits (up to 30 s) until the server has `wanted` connection slots free. The API servers a
 * bench has just loaded keep their pooled connections until the pool's idle timeout (10 s):
 * three servers' pools and pg-boss's beside pgbench's 64 clients exceed the default
 * max_connections of 100, and pgbench would fail with "too many clients".
 */
async function waitForFreeConnections(url: string, wanted: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ free: number }>(
        `select current_setting('max_connections')::int
                - current_setting('superuser_reserved_connections')::int
                - (select count(*) from pg_stat_activity where backend_type = 'client backend')::int
                as free`,
      );
      if ((rows[0]?.free ?? 0) >= wanted) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

async function runPgbenchOnce(
  url: string,
  script: string,
  options: { clients: number; seconds: number; pgbench?: string | undefined },
): Promise<PgbenchResult> {
  const directory = await mkdtemp(join(tmpdir(), 'rota-pgbench-'));
  try {
    const scriptPath = join(directory, 'script.sql');
    await writeFile(scriptPath, script);
    const args = [
      '-n',
      '-f',
      scriptPath,
      '-c',
      String(options.clients),
      '-j',
      '2',
      '-T',
      String(options.seconds),
      '-l',
      '--log-prefix',
      join(directory, 'log'),
      url,
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(options.pgbench ?? process.env.BENCH_PGBENCH ?? 'pgbench', args, {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
      });
      child.stderr.on('data', (chunk) => {
        text += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}: ${text}`)),
      );
    });
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
    const latencies: number[] = [];
    for (const file of await readdir(directory)) {
      if (!file.startsWith('log')) continue;
      for (const line of (await readFile(join(directory, file), 'utf8')).split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    return {
      tps,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      transactions: latencies.length,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
