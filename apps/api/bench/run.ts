// `npm run bench -w @rota/api`: the HTTP figures of issue 5, each beside its baseline measured in
// this same run (interleaved: baseline, Rota, baseline, Rota, ...), medians of BENCH_RUNS runs.
// The server runs as a child process on a throwaway PostgreSQL database; the load comes from
// another child process (autocannon) over 127.0.0.1; pgbench gives the raw baselines.
// Needs only PostgreSQL up (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test).
// BENCH_SECONDS (5), BENCH_RUNS (3), BENCH_CLIENTS (64), BENCH_SEARCH_CLIENTS (1,8),
// BENCH_ONLY (comma list of hot,soldout,spread,floor,search,startup).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCounterTable,
  createThrowawayDatabase,
  durabilitySettings,
  fmt,
  hotScript,
  median,
  printTable,
  runPgbench,
  spreadScript,
} from '@rota/bench-kit';
import pg from 'pg';
import { apiClient } from './lib/api-client.ts';
import { type LoadResult, runLoad } from './lib/run-load.ts';
import { startServer } from './lib/server-process.ts';
import { loadSearchData } from './search-fixture.ts';
import { captureSearchSql, type LatencyResult, runQueries } from './search-sql.ts';
import {
  benchResidents,
  createSignupFixture,
  type SignupFixture,
  soldOutCapacity,
  spreadShiftCount,
} from './signup-fixture.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 64);
const searchClients = (process.env.BENCH_SEARCH_CLIENTS ?? '1,8').split(',').map(Number);
const only = new Set(
  (process.env.BENCH_ONLY ?? 'hot,soldout,spread,floor,search,startup').split(','),
);
const floorServerPath = new URL('./lib/floor-server.ts', import.meta.url).pathname;
const token = `bench-admin-${randomBytes(12).toString('hex')}`;

interface Sample {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}
const samples = new Map<string, Sample[]>();
function record(name: string, sample: Sample): void {
  samples.set(name, [...(samples.get(name) ?? []), sample]);
}
function med(name: string, field: keyof Sample): number {
  return median((samples.get(name) ?? []).map((sample) => sample[field]));
}
function fromPgbench(result: { tps: number; p50Ms: number; p99Ms: number }): Sample {
  return { perSecond: result.tps, p50Ms: result.p50Ms, p95Ms: Number.NaN, p99Ms: result.p99Ms };
}
function statusLine(name: string, result: LoadResult): void {
  const codes = Object.entries(result.statuses)
    .map(([code, count]) => `${code}x${count}`)
    .join(' ');
  console.log(
    `  ${name}: ${fmt(result.perSecond)}/s p99 ${fmt(result.p99Ms, 1)} ms [${codes}]${result.errors ? ` errors ${result.errors}` : ''}`,
  );
}

const raw = await createThrowawayDatabase('raw');
const apiDatabase = await createThrowawayDatabase('api');
const notes: string[] = [];
let peakRssMb = Number.NaN;
const startupMs: number[] = [];
let npmStartMs = Number.NaN;
try {
  console.log(`@rota/api bench: ${clients} clients, ${runs} runs of ${seconds} s each`);
  console.log(`PostgreSQL: ${await durabilitySettings(raw.url)}`);
  await createCounterTable(raw.url, 1000, 1_000_000_000);

  const server = await startServer({ DATABASE_URL: apiDatabase.url, ROTA_ADMIN_TOKEN: token });
  const api = apiClient(server.url, token);
  try {
    const signups = only.has('hot') || only.has('soldout') || only.has('spread');
    const fixture = signups
      ? await createSignupFixture(api, apiDatabase.url, runs)
      : await emptyFixture(api);
    const signupPlan = (shiftIds: string[], offset: number) => ({
      url: server.url,
      token,
      connections: clients,
      seconds,
      signup: { shiftIds, personIds: fixture.personIds, tokens: fixture.personTokens, offset },
    });
    let offset = 0;

    if (only.has('hot')) {
      console.log('hot shift: one shift, capacity 100,000');
      for (let run = 0; run < runs; run += 1) {
        record('raw hot', fromPgbench(await runPgbench(raw.url, hotScript, { clients, seconds })));
        const result = await runLoad(signupPlan([fixture.hot[run]!], offset));
        offset = result.nextOffset;
        statusLine(`run ${run + 1}`, result);
        record('hot', result);
      }
      peakRssMb = await server.peakRssMb();
    }

    if (only.has('soldout')) {
      console.log(`sold out: capacity ${soldOutCapacity} filled first, then the load`);
      for (let run = 0; run < runs; run += 1) {
        for (const shiftId of [fixture.soldOutWaitlist[run]!, fixture.soldOutFull[run]!]) {
          for (let i = 0; i < soldOutCapacity; i += 1) {
            await api.post('/v1/signups', {
              shiftId,
              personId: fixture.personIds[offset++ % fixture.personIds.length]!,
            });
          }
        }
        record('raw hot', fromPgbench(await runPgbench(raw.url, hotScript, { clients, seconds })));
        const waitlisted = await runLoad(signupPlan([fixture.soldOutWaitlist[run]!], offset));
        offset = waitlisted.nextOffset;
        statusLine(`run ${run + 1} waitlisted`, waitlisted);
        record('sold out, waitlisted', waitlisted);
        const full = await runLoad(signupPlan([fixture.soldOutFull[run]!], offset));
        offset = full.nextOffset;
        statusLine(`run ${run + 1} shift_full`, full);
        record('sold out, shift_full', full);
      }
      peakRssMb = await server.peakRssMb();
    }

    if (only.has('spread')) {
      console.log(`spread: ${spreadShiftCount} shifts`);
      for (let run = 0; run < runs; run += 1) {
        const script = spreadScript(spreadShiftCount);
        record('raw spread', fromPgbench(await runPgbench(raw.url, script, { clients, seconds })));
        const result = await runLoad(signupPlan(fixture.spread, offset));
        offset = result.nextOffset;
        statusLine(`run ${run + 1}`, result);
        record('spread', result);
      }
    }

    if (only.has('floor')) {
      // The spread load against the app over a stub store: what the HTTP layer alone serves.
      console.log('HTTP floor: the spread load, the app over a stub store');
      const floor = await startServer({}, { script: floorServerPath });
      try {
        const { personIds, personTokens: tokens } = benchResidents();
        const shiftIds = Array.from({ length: spreadShiftCount }, (_, i) => `floor-${i + 1}`);
        for (let run = 0; run < runs; run += 1) {
          const script = spreadScript(spreadShiftCount);
          record(
            'raw spread',
            fromPgbench(await runPgbench(raw.url, script, { clients, seconds })),
          );
          const result = await runLoad({
            url: floor.url,
            token,
            connections: clients,
            seconds,
            signup: { shiftIds, personIds, tokens, offset: 0 },
          });
          statusLine(`run ${run + 1}`, result);
          record('floor', result);
        }
      } finally {
        await floor.stop();
      }
    }

    if (signups) {
      notes.push(...(await checkInvariants(apiDatabase.url)));
    }

    if (only.has('search')) {
      console.log('search: loading 10,000 events / 100,000 shifts');
      const subdistricts = await loadSearchData(api, apiDatabase.url, fixture.unitId);
      const from = new Date().toISOString();
      const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const paths = subdistricts.map(
        (unitId) =>
          `/v1/shifts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&unitId=${unitId}&available=true`,
      );
      const queries = await captureSearchSql(
        apiDatabase.url,
        subdistricts.map((unitId) => ({ from, to, unitId, available: true, limit: 50 })),
      );
      const pages = await Promise.all(paths.map((path) => api.get<{ items: unknown[] }>(path)));
      console.log(
        `  the subdistricts' pages hold ${pages.map((page) => page.items.length)} shifts`,
      );
      for (const connections of searchClients) {
        for (let run = 0; run < runs; run += 1) {
          const direct: LatencyResult = await runQueries(
            apiDatabase.url,
            queries,
            connections,
            seconds,
          );
          record(`search SQL ${connections}`, direct);
          const http = await runLoad({ url: server.url, token, connections, seconds, paths });
          statusLine(`run ${run + 1}, ${connections} client(s)`, http);
          record(`search ${connections}`, http);
        }
      }
    }
  } finally {
    await server.stop();
  }

  if (only.has('startup')) {
    const dataDir = await mkdtemp(join(tmpdir(), 'rota-bench-data-'));
    try {
      const env = { DATABASE_URL: undefined, ROTA_DATA_DIR: dataDir, ROTA_ADMIN_TOKEN: token };
      const first = await startServer(env);
      console.log(`start-up on a new PGlite folder: ${fmt(first.startupMs)} ms`);
      await first.stop();
      for (let run = 0; run < runs; run += 1) {
        const server = await startServer(env);
        startupMs.push(server.startupMs);
        await server.stop();
      }
      // `npm start` at the root: turbo's build check first, then the same server.
      const viaNpm = await startServer(env, { npmStart: true });
      npmStartMs = viaNpm.startupMs;
      await viaNpm.stop();
    } finally {
      // A PGlite server that was just stopped may still be flushing its folder: retry.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    }
  }
} finally {
  await apiDatabase.drop();
  await raw.drop();
}

async function emptyFixture(api: ReturnType<typeof apiClient>): Promise<SignupFixture> {
  const unit = await api.post<{ id: string }>('/v1/units', { name: 'Bench', kind: 'district' });
  return {
    unitId: unit.id,
    personIds: [],
    personTokens: [],
    hot: [],
    soldOutWaitlist: [],
    soldOutFull: [],
    spread: [],
  };
}

// What the load must not have broken: no shift over capacity, counters equal to the rows, and
// the sold-out shifts exactly full.
async function checkInvariants(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const broken = await client.query(
      `select s.id, s.capacity, s.seats_taken,
              coalesce(sum(g.seats) filter (where g.status = 'confirmed'), 0)::int as confirmed,
              count(*) filter (where g.status = 'waitlisted')::int as waitlisted, s.waitlist_count
         from shifts s left join signups g on g.shift_id = s.id
        group by s.id
       having coalesce(sum(g.seats) filter (where g.status = 'confirmed'), 0) <> s.seats_taken
           or s.seats_taken > s.capacity
           or count(*) filter (where g.status = 'waitlisted') <> s.waitlist_count`,
    );
    const totals = await client.query<{ status: string; count: number }>(
      `select status, count(*)::int as count from signups group by status order by status`,
    );
    const summary = totals.rows.map((row) => `${row.status} ${row.count}`).join(', ');
    return [
      broken.rowCount === 0
        ? `invariants held: every shift's seats_taken = its confirmed seats <= capacity, waitlist_count = its waitlisted rows (${summary})`
        : `INVARIANT BROKEN on ${broken.rowCount} shifts: ${JSON.stringify(broken.rows.slice(0, 3))}`,
    ];
  } finally {
    await client.end();
  }
}

const rows: string[][] = [
  ['benchmark', 'Rota (median)', 'baseline (median)', 'ratio', 'Rota p50/p95/p99 ms', 'target'],
];
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${fmt(a / b, 2)}x` : '-');
const lat = (name: string) =>
  `${fmt(med(name, 'p50Ms'), 1)} / ${fmt(med(name, 'p95Ms'), 1)} / ${fmt(med(name, 'p99Ms'), 1)}`;
if (samples.has('hot')) {
  rows.push([
    `hot shift, ${clients} clients`,
    `${fmt(med('hot', 'perSecond'))} signups/s`,
    `${fmt(med('raw hot', 'perSecond'))} UPDATE/s (pgbench, p99 ${fmt(med('raw hot', 'p99Ms'), 1)})`,
    ratio(med('hot', 'perSecond'), med('raw hot', 'perSecond')),
    lat('hot'),
    '>= 2x',
  ]);
}
for (const name of ['sold out, waitlisted', 'sold out, shift_full']) {
  if (!samples.has(name)) continue;
  rows.push([
    name,
    `${fmt(med(name, 'perSecond'))} answers/s`,
    `${fmt(med('raw hot', 'perSecond'))} UPDATE/s (pgbench)`,
    ratio(med(name, 'perSecond'), med('raw hot', 'perSecond')),
    lat(name),
    'fast and correct',
  ]);
}
if (samples.has('spread')) {
  rows.push([
    `spread, ${spreadShiftCount} shifts`,
    `${fmt(med('spread', 'perSecond'))} signups/s`,
    `${fmt(med('raw spread', 'perSecond'))} UPDATE/s (pgbench, p99 ${fmt(med('raw spread', 'p99Ms'), 1)})`,
    ratio(med('spread', 'perSecond'), med('raw spread', 'perSecond')),
    lat('spread'),
    '>= 0.5x, p99 < 30',
  ]);
}
if (samples.has('floor')) {
  rows.push([
    'HTTP floor: spread load, stub store',
    `${fmt(med('floor', 'perSecond'))} answers/s`,
    `${fmt(med('raw spread', 'perSecond'))} UPDATE/s (pgbench, spread)`,
    ratio(med('floor', 'perSecond'), med('raw spread', 'perSecond')),
    lat('floor'),
    'context: no store at all',
  ]);
}
for (const connections of searchClients) {
  const name = `search ${connections}`;
  if (!samples.has(name)) continue;
  rows.push([
    `search, 100k shifts, ${connections} client${connections === 1 ? '' : 's'}`,
    `${fmt(med(name, 'perSecond'))} req/s`,
    `SQL direct ${lat(`search SQL ${connections}`)} ms, ${fmt(med(`search SQL ${connections}`, 'perSecond'))}/s`,
    `p95 ${ratio(med(name, 'p95Ms'), med(`search SQL ${connections}`, 'p95Ms'))}`,
    lat(name),
    'p95 < 20',
  ]);
}
if (startupMs.length > 0) {
  rows.push([
    'start-up, existing PGlite folder',
    `${fmt(median(startupMs))} ms`,
    '-',
    '-',
    '-',
    '-',
  ]);
  rows.push(['the same through `npm start`', `${fmt(npmStartMs)} ms`, '-', '-', '-', '-']);
}
if (Number.isFinite(peakRssMb)) {
  rows.push(['peak RSS under hot-shift load', `${fmt(peakRssMb)} MiB`, '-', '-', '-', '-']);
}
console.log('');
printTable(rows);
for (const note of notes) console.log(note);
