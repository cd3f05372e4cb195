// `npm run bench -w @rota/db`: the hot-shift designs against the raw single-row ceiling, all
// measured in this run, interleaved (baseline, then each design, repeated), medians reported.
// Needs only PostgreSQL up: throwaway databases are created on DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/test) and dropped at the end.
// BENCH_SECONDS (default 5), BENCH_RUNS (default 3), BENCH_CLIENTS (default 64).
// BENCH_PARTS: `signups`, `large-event`, or both (default), comma-separated.

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
import {
  type Alternative,
  createAlternativesSchema,
  runAlternative,
} from './hot-shift-alternatives.ts';
import { runLargeEvent } from './large-event.ts';
import {
  runStoreSignups,
  runStoreSpread,
  type StoreMode,
  spreadShiftCount,
} from './store-signups.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 64);

interface Sample {
  perSecond: number;
  p99Ms: number;
}

const samples = new Map<string, Sample[]>();
function record(name: string, sample: Sample): void {
  const list = samples.get(name) ?? [];
  list.push(sample);
  samples.set(name, list);
}

const parts = new Set((process.env.BENCH_PARTS ?? 'signups,large-event').split(','));

if (parts.has('large-event')) {
  // The largest event one request may touch: create, re-plan, cancel (see large-event.ts).
  const rows: string[][] = [
    [
      '~20,000-shift event',
      'shifts',
      'signups',
      'create ms',
      're-plan ms',
      'capacity ms',
      'cancel ms',
    ],
  ];
  // CPU ms of each step: the process and (PostgreSQL) the database's backends.
  const cpuRows: string[][] = [
    ['CPU ms (process + backends)', 'create', 're-plan', 'capacity', 'cancel'],
  ];
  for (const backend of ['postgres', 'pglite'] as const) {
    const times: Awaited<ReturnType<typeof runLargeEvent>>[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const database =
        backend === 'postgres' ? await createThrowawayDatabase('db_large') : undefined;
      try {
        times.push(await runLargeEvent(backend, database?.url));
      } finally {
        await database?.drop();
      }
    }
    const med = (pick: (t: (typeof times)[number]) => number) => fmt(median(times.map(pick)));
    rows.push([
      backend === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)',
      med((t) => t.shifts),
      med((t) => t.signups),
      med((t) => t.createMs),
      med((t) => t.replanMs),
      med((t) => t.capacityMs),
      med((t) => t.cancelMs),
    ]);
    cpuRows.push([
      backend === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)',
      med((t) => t.cpu.create),
      med((t) => t.cpu.replan),
      med((t) => t.cpu.capacity),
      med((t) => t.cpu.cancel),
    ]);
  }
  console.log(`large event: median of ${runs} runs`);
  printTable(rows);
  printTable(cpuRows);
  console.log('');
}

const database = parts.has('signups') ? await createThrowawayDatabase('db') : undefined;
if (database !== undefined)
  try {
    console.log(`@rota/db bench: ${clients} clients, ${runs} runs of ${seconds} s each`);
    console.log(`PostgreSQL: ${await durabilitySettings(database.url)}`);
    await createCounterTable(database.url, 1000, 1_000_000_000);
    await createAlternativesSchema(database.url);
    const alternatives: Alternative[] = [
      'locked-row',
      'group-commit',
      'group-commit-set',
      'split-rows',
    ];
    const storeModes: StoreMode[] = [
      'store: no batching',
      'store: group commit, savepoint per signup',
      'store: group commit, set-based',
    ];
    let shiftId = 0;
    for (let run = 1; run <= runs; run += 1) {
      const raw = await runPgbench(database.url, hotScript, { clients, seconds });
      record('raw single-row UPDATE (pgbench)', { perSecond: raw.tps, p99Ms: raw.p99Ms });
      for (const alternative of alternatives) {
        shiftId += 1;
        const result = await runAlternative(database.url, alternative, {
          clients,
          seconds,
          shiftId,
        });
        record(`sql: ${alternative}`, result);
      }
      for (const mode of storeModes) {
        const result = await runStoreSignups(database.url, mode, { clients, seconds, run });
        if (result !== undefined) record(mode, result);
      }
      const rawSpread = await runPgbench(database.url, spreadScript(spreadShiftCount), {
        clients,
        seconds,
      });
      record('spread: raw UPDATE on 1 of 1000 rows (pgbench)', {
        perSecond: rawSpread.tps,
        p99Ms: rawSpread.p99Ms,
      });
      record(
        'spread: store, group commit across shifts',
        await runStoreSpread(database.url, {
          clients,
          seconds,
        }),
      );
      console.log(`run ${run}/${runs} done`);
    }
    const baselineOf = (name: string) => median(samples.get(name)!.map((s) => s.perSecond));
    const hotBaseline = baselineOf('raw single-row UPDATE (pgbench)');
    const spreadBaseline = baselineOf('spread: raw UPDATE on 1 of 1000 rows (pgbench)');
    const rows: string[][] = [
      ['one shift (hot), then 1000 shifts (spread)', 'per s (median)', 'p99 ms', 'x raw'],
    ];
    for (const [name, list] of samples) {
      const perSecond = median(list.map((s) => s.perSecond));
      rows.push([
        name,
        fmt(perSecond),
        fmt(median(list.map((s) => s.p99Ms)), 1),
        fmt(perSecond / (name.startsWith('spread') ? spreadBaseline : hotBaseline), 2),
      ]);
    }
    console.log('');
    printTable(rows);
  } finally {
    await database.drop();
  }
