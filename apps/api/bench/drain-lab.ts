// The dispatcher's cost in PostgreSQL, alone (docs/performance.md, session 7): a backlog made by
// the hot load with ROTA_WORKERS=0 (the SQL fixture, BENCH_SECONDS, default 8), kept as a
// template database; then a copy of it drained by `db.notifications.dispatch` in a loop, with
// pg_stat_statements read before and after (diffed, never reset) and the statements printed by
// execution time. The extension must be loaded and exist in database `postgres`:
// `alter system set shared_preload_libraries = 'pg_stat_statements'`, a restart of the server,
// then `create extension pg_stat_statements` in `postgres` (not on a server others depend on).
//   node bench/drain-lab.ts            # builds the backlog, drains a copy, keeps the template
//   node bench/drain-lab.ts <template> # drains another copy of a kept one (try a change)
//   then: psql -c 'drop database <template>'
import { randomBytes } from 'node:crypto';
import { createThrowawayDatabase } from '@rota/bench-kit';
import { createDatabase } from '@rota/db';
import pg from 'pg';
import { apiClient } from './lib/api-client.ts';
import { runLoad } from './lib/run-load.ts';
import { startServer } from './lib/server-process.ts';
import { createSignupFixture } from './signup-fixture.ts';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const at = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function buildBacklog(): Promise<string> {
  const token = `bench-admin-${randomBytes(12).toString('hex')}`;
  const db = await createThrowawayDatabase('drainlab');
  const server = await startServer({
    DATABASE_URL: db.url,
    ROTA_ADMIN_TOKEN: token,
    ROTA_WORKERS: '0',
  });
  try {
    const fixture = await createSignupFixture(apiClient(server.url, token), db.url, 1);
    const result = await runLoad({
      url: server.url,
      token,
      connections: 64,
      seconds: Number(process.env.BENCH_SECONDS ?? 8),
      signup: {
        shiftIds: [fixture.hot[0]!],
        personIds: fixture.personIds,
        tokens: fixture.personTokens,
        offset: 0,
      },
    });
    console.log(`backlog: ${result.statuses['201'] ?? 0} signups in template ${db.name}`);
  } finally {
    await server.stop();
  }
  return db.name;
}

const template = process.argv[2] ?? (await buildBacklog());
const name = `rota_b_drainlab_copy_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: at('postgres') });
await admin.connect();
try {
  await admin.query(`create database ${name} template ${template}`);
  const snapshot = async () => {
    const { rows } = await admin.query<{
      queryid: string;
      query: string;
      calls: number;
      rows: number;
      ms: number;
      blocks: number;
    }>(
      `select queryid::text, query, calls::int, rows::int, total_exec_time as ms,
              (shared_blks_hit + shared_blks_read)::int as blocks
         from pg_stat_statements where dbid = (select oid from pg_database where datname = $1)`,
      [name],
    );
    return new Map(rows.map((r) => [r.queryid, r]));
  };
  // Opening it migrates it: the copy runs this checkout's schema.
  const db = await createDatabase({ url: at(name), poolSize: 5 });
  const before = await snapshot();
  const started = performance.now();
  let events = 0;
  for (;;) {
    const taken = await db.notifications.dispatch(new Date().toISOString());
    if (taken === 0) break;
    events += taken;
  }
  const wallMs = performance.now() - started;
  await db.close();
  const after = await snapshot();
  const rows = [...after.values()]
    .map((a) => {
      const b = before.get(a.queryid);
      return {
        query: a.query.replace(/\s+/g, ' ').slice(0, 100),
        calls: a.calls - (b?.calls ?? 0),
        rows: a.rows - (b?.rows ?? 0),
        ms: a.ms - (b?.ms ?? 0),
        blocks: a.blocks - (b?.blocks ?? 0),
      };
    })
    .filter((r) => r.calls > 0)
    .sort((x, y) => y.ms - x.ms);
  const totalMs = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(
    `drained ${events} events: ${wallMs.toFixed(0)} ms wall; PostgreSQL execution ${totalMs.toFixed(0)} ms (${((totalMs * 1000) / events).toFixed(1)} µs per event)`,
  );
  for (const r of rows.slice(0, 15)) {
    console.log(
      `${r.ms.toFixed(0).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.rows).padStart(8)} rows ${String(r.blocks).padStart(9)} blocks  ${r.query}`,
    );
  }
  if (process.argv[2] === undefined) console.log(`kept template ${template}: drop it when done`);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
