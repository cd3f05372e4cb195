// An in-process closed-loop load: `clients` loops each awaiting one operation at a time until
// the deadline. Used where the work under test is a library call, not HTTP.
import { percentile } from '@rota/bench-kit';

export interface LoopResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  operations: number;
  errors: number;
}

/** Runs `operation(i)` from `clients` concurrent loops for `seconds`; `i` counts up globally. */
export async function closedLoop(
  clients: number,
  seconds: number,
  operation: (index: number) => Promise<unknown>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function loop(): Promise<void> {
    while (performance.now() < deadline) {
      const index = next++;
      const begin = performance.now();
      try {
        await operation(index);
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - begin);
    }
  }
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    operations: latencies.length,
    errors,
  };
}
