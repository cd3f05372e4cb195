// `npm run bench -w @rota/api`: the HTTP figures of issue 5, each beside its baseline measured in
// this same run (interleaved: baseline, Rota, baseline, Rota, ...), medians of BENCH_RUNS runs.
// The server runs as a child process on a throwaway PostgreSQL database; the load comes from
// another child process (autocannon) over 127.0.0.1; pgbench gives the raw baselines.
// Needs only PostgreSQL up (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test).
// BENCH_SECONDS (5), BENCH_RUNS (3), BENCH_CLIENTS (64), BENCH_SEARCH_CLIENTS (1,8),
// BENCH_ONLY (comma list of hot,soldout,spread,floor,search,startup,city,memory).
// BENCH_IDLE_SECONDS (30): how long the memory part lets the demo server idle before reading RSS;
// BENCH_MEMORY_DEMO (1): 0 starts it without the demo, to tell the seed's share.
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
import { apiShift, buildApiScene } from './api-scene.ts';
import { type CityResult, runCityOpening } from './city-opening.ts';
import { apiClient } from './lib/api-client.ts';
import { type CpuSplit, cpuSnapshot, cpuSplit } from './lib/cpu-split.ts';
import { type Drain, outboxMark, waitForDrain } from './lib/drain-outbox.ts';
import { type LoadResult, runLoad } from './lib/run-load.ts';
import { startServer } from './lib/server-process.ts';
import { startWorkerProcess } from './lib/worker-process.ts';
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
  (process.env.BENCH_ONLY ?? 'hot,soldout,spread,floor,search,startup,city,memory').split(','),
);
const city = {
  residents: Number(process.env.BENCH_CITY_RESIDENTS ?? 5_000),
  shifts: Number(process.env.BENCH_CITY_SHIFTS ?? 200),
  processes: Number(process.env.BENCH_CITY_PROCESSES ?? 4),
};
let cityResult: CityResult | undefined;
let cityBaseline: { tps: number; p99Ms: number } | undefined;
// More than a run's signups at ~4,000/s for 5 s: a resident signs up for a hot shift once.
const sceneResidents = Number(process.env.BENCH_SCENE_RESIDENTS ?? 25_000);
/** BENCH_HOT_VARIANTS: a comma list of the hot part's variants to run (default: all). */
const hotVariants = process.env.BENCH_HOT_VARIANTS?.split(',');
const runsVariant = (name: string) => hotVariants === undefined || hotVariants.includes(name);
const needsScene = ['hot scene', 'hot scene desk', 'hot scene before'].some(runsVariant);
const floorServerPath = new URL('./lib/floor-server.ts', import.meta.url).pathname;
const token = `bench-admin-${randomBytes(12).toString('hex')}`;

interface Sample {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** This run's figure over its own baseline's (interleaved runs), when it has one. */
  ratio?: number;
}
const samples = new Map<string, Sample[]>();
/**
 * BENCH_WORKER_PROCESS=1: the SQL fixture's server runs without workers and `npm run worker`
 * runs beside it (its own process, same database, same cores) to fan the notifications out.
 */
const workerProcess = process.env.BENCH_WORKER_PROCESS === '1';
/** The notifications are fanned out unless ROTA_WORKERS=0 is in the environment (and no worker). */
const workersOn =
  workerProcess || !['0', 'false', 'no', 'off'].includes(process.env.ROTA_WORKERS ?? '');
/** Per hot run: the outbox drain after the load, and the CPU per signup during the load. */
interface HotCost {
  drain: Drain | undefined;
  /** CPU ms per signup during the load: API processes, this database's backends, other postgres, load generator. */
  load: { api: number; database: number; otherPostgres: number; generator: number; cores: number };
  /** CPU ms per signup from the end of the load until the outbox was drained. */
  drainCpu: { api: number; database: number } | undefined;
}
const hotCosts = new Map<string, HotCost[]>();
const perSignup = (split: CpuSplit, signups: number) => ({
  api: (split.api * 1000) / signups,
  database: (split.database * 1000) / signups,
});
function record(name: string, sample: Sample): void {
  samples.set(name, [...(samples.get(name) ?? []), sample]);
}
function med(name: string, field: Exclude<keyof Sample, 'ratio'>): number {
  return median((samples.get(name) ?? []).map((sample) => sample[field]));
}
/** Signups (201s) per second of a load; the rest were refusals. */
function signupsOf(result: LoadResult): Sample {
  const share = result.requests > 0 ? (result.statuses['201'] ?? 0) / result.requests : 0;
  return { ...result, perSecond: result.perSecond * share };
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
// The scene built through the API from an empty database (the hot shift's first variant).
const sceneDatabase =
  only.has('hot') && needsScene ? await createThrowawayDatabase('scene') : undefined;
const notes: string[] = [];
let peakRssMb = Number.NaN;
const startupMs: number[] = [];
let npmStartMs = Number.NaN;
/** `npm start`'s server on the embedded database with the demo (issue 11, item 16), in MiB. */
const memory = {
  seedPeakMb: Number.NaN,
  afterSeedMb: Number.NaN,
  idleMb: Number.NaN,
  /** The same, started again on the same folder (the demo's week refreshed, fresh tokens). */
  againPeakMb: Number.NaN,
  againAfterMb: Number.NaN,
  againIdleMb: Number.NaN,
};
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
try {
  console.log(`@rota/api bench: ${clients} clients, ${runs} runs of ${seconds} s each`);
  console.log(`PostgreSQL: ${await durabilitySettings(raw.url)}`);
  await createCounterTable(raw.url, 1000, 1_000_000_000);

  const server = await startServer({
    DATABASE_URL: apiDatabase.url,
    ROTA_ADMIN_TOKEN: token,
    ...(workerProcess ? { ROTA_WORKERS: '0' } : {}),
  });
  const worker = workerProcess
    ? await startWorkerProcess({ DATABASE_URL: apiDatabase.url, ROTA_WORKERS: undefined })
    : undefined;
  if (worker !== undefined) console.log(`notifications: npm run worker as process ${worker.pid}`);
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
      // Two worlds side by side: the SQL fixture above, and a scene built through the API from
      // an empty database by its own server (statistics: whatever autovacuum has taken). On
      // each, residents sign themselves up with their own tokens (the volunteer path) and an
      // organizer signs residents up at a desk (the organizer's path), a fresh hot shift each.
      const scene = needsScene ? await startScene() : undefined;
      try {
        const sqlDesk = await api.post<{ token: string }>('/v1/tokens', {
          role: 'organizer',
          unitId: fixture.unitId,
        });
        let sceneOffset = 0;
        for (let run = 0; run < runs; run += 1) {
          const baseline = await runPgbench(raw.url, hotScript, { clients, seconds });
          record('raw hot', fromPgbench(baseline));
          type Variant = readonly [
            name: string,
            url: string,
            shiftId: string,
            personIds: readonly string[],
            tokens: readonly string[] | undefined,
            bearer: string,
          ];
          // Every variant of the part, its hot shift made only when it runs (a fresh one each).
          const sceneShift = (title: string) => () =>
            apiShift(scene!.api, scene!.districtId, `${title} ${run + 1}`, 100_000);
          const all: (readonly [
            name: string,
            url: string,
            shift: () => Promise<string> | string,
            personIds: readonly string[],
            tokens: readonly string[] | undefined,
            bearer: string,
          ])[] = [
            [
              'hot',
              server.url,
              () => fixture.hot[run]!,
              fixture.personIds,
              fixture.personTokens,
              token,
            ],
            [
              'hot desk',
              server.url,
              () => fixture.hotDesk[run]!,
              fixture.personIds,
              undefined,
              sqlDesk.token,
            ],
            ...(scene === undefined
              ? []
              : ([
                  [
                    'hot scene',
                    scene.server.url,
                    sceneShift('接种'),
                    scene.personIds,
                    scene.personTokens,
                    token,
                  ],
                  [
                    'hot scene desk',
                    scene.server.url,
                    sceneShift('登记台'),
                    scene.personIds,
                    undefined,
                    scene.organizerToken,
                  ],
                  [
                    'hot scene before',
                    scene.before.url,
                    sceneShift('旧计划'),
                    scene.personIds,
                    scene.personTokens,
                    token,
                  ],
                ] as const)),
          ];
          const variants: Variant[] = [];
          for (const [name, url, shift, personIds, tokens, bearer] of all) {
            if (runsVariant(name))
              variants.push([name, url, await shift(), personIds, tokens, bearer]);
          }
          for (const [name, url, shiftId, personIds, tokens, bearer] of variants) {
            const scenePeople = url !== server.url;
            const databaseUrl = scenePeople ? sceneDatabase!.url : apiDatabase.url;
            const apiPids = scenePeople ? [scene!.server.pid, scene!.before.pid] : [server.pid];
            // The worker process's CPU counts with the API's: it is the same program's work.
            if (!scenePeople && worker !== undefined) apiPids.push(worker.pid);
            const mark = workersOn ? await outboxMark(databaseUrl) : 0;
            const cpuBefore = await cpuSnapshot(databaseUrl);
            const result = await runLoad({
              url,
              token: bearer,
              connections: clients,
              seconds,
              signup: {
                shiftIds: [shiftId],
                personIds: [...personIds],
                tokens: tokens && [...tokens],
                offset: scenePeople ? sceneOffset : offset,
              },
            });
            const cpuAfter = await cpuSnapshot(databaseUrl);
            if (scenePeople) sceneOffset = result.nextOffset;
            else offset = result.nextOffset;
            statusLine(`run ${run + 1} ${name}`, result);
            // The notification work of these signups is part of their cost: wait until the
            // dispatcher has fanned all of it out before the next run, and say how long it took.
            const drain = workersOn ? await waitForDrain(databaseUrl, mark) : undefined;
            const cpuDrained = workersOn ? await cpuSnapshot(databaseUrl) : undefined;
            const created = result.statuses['201'] ?? 0;
            const load = cpuSplit(cpuBefore, cpuAfter, apiPids);
            const cost: HotCost = {
              drain,
              load: {
                ...perSignup(load, created),
                otherPostgres: (load.otherPostgres * 1000) / created,
                generator: (result.cpuMs ?? Number.NaN) / created,
                cores: load.machineCores,
              },
              drainCpu:
                cpuDrained === undefined
                  ? undefined
                  : perSignup(cpuSplit(cpuAfter, cpuDrained, apiPids), created),
            };
            hotCosts.set(name, [...(hotCosts.get(name) ?? []), cost]);
            console.log(
              `    CPU per signup during the load: API ${fmt(cost.load.api, 3)} ms, PostgreSQL ${fmt(cost.load.database, 3)} ms (+ ${fmt(cost.load.otherPostgres, 3)} other postgres), load generator ${fmt(cost.load.generator, 3)} ms; machine ${fmt(cost.load.cores, 2)} cores busy`,
            );
            console.log(
              drain === undefined
                ? '    outbox: not dispatched (ROTA_WORKERS=0: no dispatcher)'
                : `    outbox at the end of the load: ${drain.waitingAtEnd} events waiting (oldest ${fmt(drain.oldestAgeSeconds, 1)} s); drained ${fmt(drain.seconds, 2)} s later (the longest wait of an event for its fan-out: ${fmt(drain.maxLagSeconds, 2)} s), using per signup API ${fmt(cost.drainCpu!.api, 3)} ms, PostgreSQL ${fmt(cost.drainCpu!.database, 3)} ms`,
            );
            // Each request names a distinct resident until they run out; after that the hot
            // shift answers 409 already_signed_up, and the 201s per second understate it.
            if ((result.statuses['409'] ?? 0) > 0) {
              console.log(
                `  ${name}: the residents ran out (409s); raise ${scenePeople ? 'BENCH_SCENE_RESIDENTS' : 'the fixture'} for a true figure`,
              );
            }
            const sample = signupsOf(result);
            record(name, { ...sample, ratio: sample.perSecond / baseline.tps });
          }
        }
        peakRssMb = await server.peakRssMb();
        if (scene !== undefined)
          notes.push(...(await checkInvariants(sceneDatabase!.url, 'API scene')));
      } finally {
        await scene?.stop();
      }
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
    await worker?.stop();
    await server.stop();
  }

  if (only.has('city')) {
    console.log(
      `city opening: ${city.residents} residents, ${city.shifts} shifts, ${city.processes} API processes`,
    );
    const cityDatabase = await createThrowawayDatabase('city');
    try {
      // The raw ceiling for the same spread: one UPDATE on 1 of as many rows as shifts.
      cityBaseline = await runPgbench(raw.url, spreadScript(city.shifts), { clients, seconds });
      cityResult = await runCityOpening({
        databaseUrl: cityDatabase.url,
        adminToken: token,
        clients,
        ...city,
      });
    } finally {
      await cityDatabase.drop();
    }
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

  if (only.has('memory')) {
    // As `npm start` runs on a fresh machine: a new PGlite folder, the demo seeded before the
    // server listens (so the high-water mark at the first health answer is the seed's peak).
    // Then started again on the same folder, as every later `npm start` runs.
    const dataDir = await mkdtemp(join(tmpdir(), 'rota-bench-memory-'));
    try {
      const env = {
        DATABASE_URL: undefined,
        ROTA_DATA_DIR: dataDir,
        ROTA_ADMIN_TOKEN: token,
        ROTA_DEMO: process.env.BENCH_MEMORY_DEMO ?? '1',
      };
      const server = await startServer(env);
      memory.seedPeakMb = await server.peakRssMb();
      memory.afterSeedMb = await server.rssMb();
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      memory.idleMb = await server.rssMb();
      await server.stop();
      const again = await startServer(env);
      memory.againPeakMb = await again.peakRssMb();
      memory.againAfterMb = await again.rssMb();
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      memory.againIdleMb = await again.rssMb();
      await again.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    }
  }
} finally {
  await sceneDatabase?.drop();
  await apiDatabase.drop();
  await raw.drop();
}

/**
 * The API-built scene: its own server on an empty database, built through the API only, and a
 * second process on the same scene as the server ran before decision 0008 (prepared statements
 * under PostgreSQL's default plan cache). The second serves every other request of the build,
 * so that its connections, like the first one's, first run their statements on small tables.
 */
async function startScene() {
  console.log(`hot shift: building the API scene (${sceneResidents} residents with tokens)`);
  const server = await startServer({ DATABASE_URL: sceneDatabase!.url, ROTA_ADMIN_TOKEN: token });
  const before = await startServer({
    DATABASE_URL: sceneDatabase!.url,
    ROTA_ADMIN_TOKEN: token,
    ROTA_PREPARED_STATEMENTS: '1',
    ROTA_PLAN_CACHE_MODE: 'auto',
  });
  const api = apiClient(server.url, token);
  const beforeApi = apiClient(before.url, token);
  let turn = 0;
  const next = () => {
    turn += 1;
    return turn % 2 === 0 ? api : beforeApi;
  };
  const both: typeof api = {
    post: (path, body) => next().post(path, body),
    get: (path) => next().get(path),
  };
  const built = await buildApiScene(both, sceneResidents);
  console.log(
    `  ${built.requests} requests in ${fmt(built.buildSeconds, 1)} s (${fmt(built.requests / built.buildSeconds)}/s); ${await analyzedTables(sceneDatabase!.url)}`,
  );
  return {
    ...built,
    api,
    server,
    before,
    stop: () => Promise.all([server.stop(), before.stop()]),
  };
}

async function emptyFixture(api: ReturnType<typeof apiClient>): Promise<SignupFixture> {
  const unit = await api.post<{ id: string }>('/v1/units', { name: 'Bench', kind: 'district' });
  return {
    unitId: unit.id,
    personIds: [],
    personTokens: [],
    hot: [],
    hotDesk: [],
    soldOutWaitlist: [],
    soldOutFull: [],
    spread: [],
  };
}

/** Which tables autovacuum had analyzed when the load started (the scene's statistics). */
async function analyzedTables(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; n: number; analyzed: boolean }>(
      `select relname, n_live_tup::int as n, last_autoanalyze is not null as analyzed
         from pg_stat_user_tables where relname in ('people', 'tokens', 'shifts', 'signups')
        order by relname`,
    );
    return `autovacuum had analyzed: ${rows.map((r) => `${r.relname} (${r.n} rows) ${r.analyzed ? 'yes' : 'no'}`).join(', ')}`;
  } finally {
    await client.end();
  }
}

// What the load must not have broken: no shift over capacity, counters equal to the rows, and
// the sold-out shifts exactly full.
async function checkInvariants(url: string, label = 'SQL fixture'): Promise<string[]> {
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
        ? `${label}: invariants held: every shift's seats_taken = its confirmed seats <= capacity, waitlist_count = its waitlisted rows (${summary})`
        : `${label}: INVARIANT BROKEN on ${broken.rowCount} shifts: ${JSON.stringify(broken.rows.slice(0, 3))}`,
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
    `hot shift, ${clients} clients (SQL fixture, volunteers)`,
    `${fmt(med('hot', 'perSecond'))} signups/s`,
    `${fmt(med('raw hot', 'perSecond'))} UPDATE/s (pgbench, p99 ${fmt(med('raw hot', 'p99Ms'), 1)})`,
    ratio(med('hot', 'perSecond'), med('raw hot', 'perSecond')),
    lat('hot'),
    '>= 2x',
  ]);
}
// The hot shift in both worlds, both paths: every run's figure and its ratio to the pgbench run
// just before it, so that the spread of runs (and a bimodal result) shows.
const hotRows: string[][] = [
  [
    'hot shift, one run = pgbench then each',
    'signups/s median',
    'runs',
    'x raw (median)',
    'x raw per run',
    'p50 / p99 ms',
    'target',
  ],
];
const runsOf = (name: string) => (samples.get(name) ?? []).map((s) => fmt(s.perSecond)).join(' / ');
const ratiosOf = (name: string) => {
  const list = (samples.get(name) ?? []).map((s) => s.ratio ?? Number.NaN);
  return `${fmt(Math.min(...list), 2)}-${fmt(Math.max(...list), 2)}x`;
};
if (samples.has('hot scene')) {
  hotRows.push([
    'raw single-row UPDATE (pgbench)',
    fmt(med('raw hot', 'perSecond')),
    runsOf('raw hot'),
    '1.00x',
    '-',
    `${fmt(med('raw hot', 'p50Ms'), 1)} / ${fmt(med('raw hot', 'p99Ms'), 1)}`,
    '',
  ]);
  for (const [name, label, target] of [
    ['hot scene', 'API-built scene: volunteers, own tokens', '>= 4x'],
    ['hot scene desk', 'API-built scene: organizer at a desk', '>= 2x'],
    [
      'hot scene before',
      'API-built scene: volunteers, prepared under the default plan cache',
      'before 0008',
    ],
    ['hot', 'SQL fixture: volunteers, own tokens', ''],
    ['hot desk', 'SQL fixture: organizer at a desk', ''],
  ] as const) {
    hotRows.push([
      label,
      fmt(med(name, 'perSecond')),
      runsOf(name),
      ratio(med(name, 'perSecond'), med('raw hot', 'perSecond')),
      ratiosOf(name),
      `${fmt(med(name, 'p50Ms'), 1)} / ${fmt(med(name, 'p99Ms'), 1)}`,
      target,
    ]);
  }
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
if (Number.isFinite(memory.idleMb)) {
  const row = (name: string, mb: number) => [name, `${fmt(mb)} MiB`, '-', '-', '-', '-'];
  rows.push(row('RSS peak while seeding the demo (PGlite)', memory.seedPeakMb));
  rows.push(row('RSS right after the seed', memory.afterSeedMb));
  rows.push(row(`RSS after ${idleSeconds} s idle`, memory.idleMb));
  rows.push(row('second start on the same folder: RSS peak', memory.againPeakMb));
  rows.push(row('second start: RSS when it answers', memory.againAfterMb));
  rows.push(row(`second start: RSS after ${idleSeconds} s idle`, memory.againIdleMb));
}
if (rows.length > 1) {
  console.log('');
  printTable(rows);
}
if (hotRows.length > 1) {
  console.log('');
  printTable(hotRows);
}
if (hotCosts.size > 0) {
  // The hot runs' notification drain and CPU per signup, medians over the runs.
  const costRows: string[][] = [
    [
      'hot shift variant',
      'signups/s',
      'waiting at end / drain s (runs) / longest wait s',
      'CPU ms per signup in the load: API / PostgreSQL / other pg / load gen',
      'cores busy',
      'drain CPU ms per signup: API / PostgreSQL',
    ],
  ];
  for (const [name, costs] of hotCosts) {
    const m = (pick: (c: HotCost) => number | undefined) =>
      median(costs.map(pick).filter((v): v is number => v !== undefined));
    costRows.push([
      name,
      fmt(med(name, 'perSecond')),
      workersOn
        ? `${fmt(m((c) => c.drain?.waitingAtEnd))} / ${fmt(
            m((c) => c.drain?.seconds),
            2,
          )} (${costs.map((c) => fmt(c.drain?.seconds ?? Number.NaN, 2)).join(', ')})`
        : 'no dispatcher',
      `${fmt(
        m((c) => c.load.api),
        3,
      )} / ${fmt(
        m((c) => c.load.database),
        3,
      )} / ${fmt(
        m((c) => c.load.otherPostgres),
        3,
      )} / ${fmt(
        m((c) => c.load.generator),
        3,
      )}`,
      fmt(
        m((c) => c.load.cores),
        2,
      ),
      workersOn
        ? `${fmt(
            m((c) => c.drainCpu?.api),
            3,
          )} / ${fmt(
            m((c) => c.drainCpu?.database),
            3,
          )}`
        : '-',
    ]);
  }
  console.log('');
  printTable(costRows);
}
if (cityResult !== undefined) {
  const c = cityResult;
  const codes = Object.entries(c.statuses)
    .map(([code, count]) => `${code}x${count}`)
    .join(' ');
  console.log('');
  printTable([
    ['city opening', 'figure'],
    ['residents (own tokens) / shifts / seats', `${c.residents} / ${c.shifts} / ${c.seats}`],
    ['API processes on one PostgreSQL, clients', `${c.processes}, ${clients}`],
    ['answers (every resident once)', `${codes} in ${fmt(c.seconds, 1)} s`],
    [
      'signups per second (201)',
      `${fmt(c.signupsPerSecond)}: ${ratio(c.signupsPerSecond, cityBaseline?.tps ?? Number.NaN)} of pgbench's ${fmt(cityBaseline?.tps ?? Number.NaN)} UPDATE/s on 1 of ${c.shifts} rows (p99 ${fmt(cityBaseline?.p99Ms ?? Number.NaN, 1)} ms), this run`,
    ],
    ['p50 / p99 ms', `${fmt(c.p50Ms, 1)} / ${fmt(c.p99Ms, 1)}`],
    [
      'time until every shift is full',
      `${fmt(c.secondsUntilFull, 1)} s (${c.shiftsFull} of ${c.shifts} full)`,
    ],
    ['confirmed / waitlisted', `${c.confirmed} / ${c.waitlisted}`],
    ...c.invariants.map((line) => ['re-counted', line]),
  ]);
}
for (const note of notes) console.log(note);
