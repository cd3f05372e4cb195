// Starts the load generator as a separate process and reads its figures.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the load worker does: POST signups over pairs, or GET paths in turn. */
export interface LoadPlan {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Request i signs up personIds[i] (with tokens[i] when given) on shiftIds[i]. */
  signup?:
    | { shiftIds: string[]; personIds: string[]; tokens?: string[] | undefined; offset: number }
    | undefined;
  paths?: string[] | undefined;
  /** Stop after this many responses instead of after `seconds` (each resident once). */
  amount?: number | undefined;
  /** Return every response's latency (to merge several workers' percentiles). */
  keepLatencies?: boolean | undefined;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** HTTP status -> count. */
  statuses: Record<string, number>;
  errors: number;
  /** Where the next run should start counting pairs, so that no pair repeats. */
  nextOffset: number;
  /** CPU time the load generator used during the load (user + system), in ms. */
  cpuMs?: number | undefined;
  /** Every latency in ms, with `keepLatencies`. */
  latencies?: number[] | undefined;
}

const workerPath = new URL('./load-worker.ts', import.meta.url).pathname;

/** Runs `plan` in a child process (this Node binary) and returns its figures. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const directory = await mkdtemp(join(tmpdir(), 'rota-load-'));
  try {
    const planPath = join(directory, 'plan.json');
    await writeFile(planPath, JSON.stringify(plan));
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [workerPath, planPath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`load worker exited ${code}`)),
      );
    });
    return JSON.parse(output.trim().split('\n').at(-1)!) as LoadResult;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
