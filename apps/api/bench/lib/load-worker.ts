// The load generator, run as its own process (never inside the server under test): autocannon
// with a per-request body, so that every signup names a distinct (shift, person) pair. Reads its
// plan from the JSON file named by argv[2]; prints one JSON line with the figures.
import { readFile } from 'node:fs/promises';
import { percentile } from '@rota/bench-kit';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './run-load.ts';

const plan = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as LoadPlan;
const headers: Record<string, string> = {
  authorization: `Bearer ${plan.token}`,
  'content-type': 'application/json',
};
let counter = plan.signup?.offset ?? 0;
const request =
  plan.signup !== undefined
    ? {
        method: 'POST',
        path: '/v1/signups',
        headers,
        setupRequest: (base: { method?: string; path?: string }) => {
          const signup = plan.signup!;
          const index = counter++;
          // Pairs repeat only after lcm(shifts, people) requests: people are coprime to shifts.
          const shiftId = signup.shiftIds[index % signup.shiftIds.length]!;
          const person = index % signup.personIds.length;
          const personId = signup.personIds[person]!;
          const token = signup.tokens?.[person];
          return {
            ...base,
            headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
            body: JSON.stringify({ shiftId, personId }),
          };
        },
      }
    : {
        method: 'GET',
        path: plan.paths![0]!,
        headers,
        setupRequest: (base: { method?: string }) => ({
          ...base,
          headers,
          path: plan.paths![counter++ % plan.paths!.length]!,
        }),
      };

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const result = await new Promise<{ errors: number; timeouts: number }>((resolve, reject) => {
  const instance = autocannon(
    {
      url: plan.url,
      connections: plan.connections,
      ...(plan.amount !== undefined ? { amount: plan.amount } : { duration: plan.seconds }),
      timeout: 30,
      requests: [request],
    },
    (error, value) => (error ? reject(error) : resolve(value)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
});
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const output: LoadResult = {
  requests: latencies.length,
  perSecond: latencies.length / elapsed,
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
  statuses,
  errors: result.errors + result.timeouts,
  nextOffset: counter,
  cpuMs: (cpu.user + cpu.system) / 1000,
  ...(plan.keepLatencies ? { latencies: latencies.map((ms) => Math.round(ms * 100) / 100) } : {}),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
