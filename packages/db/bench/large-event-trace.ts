// `node bench/large-event-trace.ts`: where the largest event's time goes on PostgreSQL,
// statement by statement. Runs large-event.ts's scenario once on a throwaway database and, for
// each timed step (create, re-plan, capacity, cancel), lists every statement the store sent:
// the JavaScript time before it (planning, building parameters), its round trip, and the size
// of its parameters. BENCH_EXPLAIN=1 also prints EXPLAIN (ANALYZE, BUFFERS, WAL) of each
// statement with more than 100 kB of parameters, run in a savepoint rolled back just before the
// statement itself (the step's total then includes it: read the statements' own times).
import { createThrowawayDatabase } from '@rota/bench-kit';
import pg from 'pg';
import { runLargeEvent } from './large-event.ts';

interface Sent {
  started: number;
  ended: number;
  text: string;
  bytes: number;
}

const explain = process.env.BENCH_EXPLAIN === '1';
let sent: Sent[] | undefined;
let stepStarted = 0;
const query = pg.Client.prototype.query;
// Every statement of the pool's clients passes here while a step is traced.
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? '');
  const bytes = JSON.stringify(args[1] ?? []).length;
  const call = query as unknown as (
    ...a: unknown[]
  ) => Promise<{ rows: { 'QUERY PLAN': string }[] }>;
  if (sent !== undefined && explain && bytes > 100_000 && !/^\s*select/i.test(text)) {
    void call.call(this, 'savepoint trace');
    void call
      .call(this, `explain (analyze, buffers, wal, costs off) ${text}`, args[1])
      .then((result) => {
        console.log(`EXPLAIN ${oneLine(text)}`);
        console.log(result.rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n'));
      });
    void call.call(this, 'rollback to savepoint trace');
  }
  const started = performance.now();
  const result = call.apply(this, args);
  const list = sent;
  if (list !== undefined) {
    void result.then(
      () => list.push({ started, ended: performance.now(), text, bytes }),
      () => {},
    );
  }
  return result;
} as typeof query;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 100);
}

const database = await createThrowawayDatabase('db_trace');
try {
  await runLargeEvent('postgres', database.url, 200, {
    before() {
      sent = [];
      stepStarted = performance.now();
    },
    after(step, ms) {
      const list = sent ?? [];
      sent = undefined;
      let previous = stepStarted;
      let sql = 0;
      console.log(`\n${step}: ${ms.toFixed(0)} ms, ${list.length} statements`);
      console.log('   js ms | statement ms | parameters | statement');
      for (const s of list) {
        sql += s.ended - s.started;
        console.log(
          `${(s.started - previous).toFixed(0).padStart(8)} | ${(s.ended - s.started).toFixed(0).padStart(12)} | ${String(s.bytes).padStart(10)} | ${oneLine(s.text)}`,
        );
        previous = s.ended;
      }
      console.log(
        `statements ${sql.toFixed(0)} ms, the rest (JavaScript) ${(ms - sql).toFixed(0)} ms`,
      );
    },
  });
} finally {
  await database.drop();
}
