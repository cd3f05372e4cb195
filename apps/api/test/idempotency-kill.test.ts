// Issue 10 item 10, for every POST: an API process is SIGKILLed while two keyed requests
// (POST /v1/events, POST /v1/people) are inside their commands, after the claim and before
// their write committed. A new process takes the same keys at once (201, not 409
// idempotency_key_in_flight for a minute), and later retries replay those answers: the claim
// and the write committed together, or (here) not at all. A row lock held by the test on the
// unit parks both requests mid-command, so the kill lands there every time. PostgreSQL only:
// the lock and a second process need a server.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createTestDatabase } from '@rota/db/testing';
import pg from 'pg';
import t from 'tap';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const ADMIN = 'idempotency-kill-admin-token-0123456789';

interface Answer {
  status: number;
  body: { id?: string; code?: string; [key: string]: unknown };
  replayed: boolean;
}

function startServer(url: string): Promise<ServerProcess> {
  return startServerProcess(url, ADMIN);
}

async function send(base: string, path: string, body: unknown, key: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ADMIN}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? {} : JSON.parse(text),
    replayed: res.headers.get('idempotent-replayed') === 'true',
  };
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!process.env.DATABASE_URL) {
  t.plan(0, 'needs DATABASE_URL (PostgreSQL): a row lock and a second process need a server');
} else {
  t.test('SIGKILL mid-command: the retried keys run at once, then replay', async (t) => {
    const { db, url, drop } = await createTestDatabase({ backend: 'postgres' });
    if (!url) throw new Error('createTestDatabase gave no url');
    const unit = await db.units.create({ name: '永泰街道', kind: 'subdistrict' });
    await db.close();
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid'))
      .rows[0]?.pid;
    const servers: ChildProcess[] = [];
    t.teardown(async () => {
      for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
      await locker.end().catch(() => {});
      await watcher.end().catch(() => {});
      await drop();
    });

    const start = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
    const requests = [
      {
        path: '/v1/events',
        key: 'kill-event-1',
        body: {
          unitId: unit.id,
          kind: 'general',
          title: '被中断的活动',
          timeZone: 'Asia/Shanghai',
          start,
          durationMinutes: 120,
          slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: 5 }],
          status: 'published',
        },
      },
      { path: '/v1/people', key: 'kill-person-1', body: { name: '被中断的人', unitId: unit.id } },
    ];

    const first = await startServer(url);
    servers.push(first.child);
    // Park both writes: the unit's row is locked, and both insert rows that reference it.
    await locker.query('begin');
    await locker.query('select id from units where id = $1 for update', [unit.id]);
    const inFlight = requests.map((r) =>
      send(first.base, r.path, r.body, r.key).then(
        (answer) => {
          t.comment(`${r.path} answered before the kill: ${JSON.stringify(answer)}`);
          return answer;
        },
        () => null,
      ),
    );
    await until(
      async () => {
        // (Not on the locker: inside its transaction the activity view is a snapshot.)
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return (rows[0]?.n ?? 0) >= requests.length;
      },
      30_000,
      'both requests waiting on the unit lock',
    );
    const { rows: backends } = await watcher.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and pid <> $1`,
      [lockerPid],
    );
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    t.same(await Promise.all(inFlight), [null, null], 'the killed process answered nothing');
    await locker.query('rollback');
    // The killed process's sessions end as PostgreSQL notices the closed sockets: their
    // transactions (claims and writes) roll back.
    const pids = backends.map((b) => b.pid);
    await until(
      async () => {
        const { rows } = await watcher.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where pid = any($1::int[])',
          [pids],
        );
        return rows[0]?.n === 0;
      },
      30_000,
      "the killed process's sessions gone",
    );

    const second = await startServer(url);
    servers.push(second.child);
    for (const r of requests) {
      const retried = await send(second.base, r.path, r.body, r.key);
      t.equal(
        retried.status,
        201,
        `${r.path}: the retry runs at once (${retried.body.code ?? ''})`,
      );
      t.notOk(retried.replayed, `${r.path}: nothing to replay: the killed command left nothing`);
      const again = await send(second.base, r.path, r.body, r.key);
      t.equal(again.status, 201);
      t.ok(again.replayed, `${r.path}: a later retry replays`);
      t.equal(again.body.id, retried.body.id, `${r.path}: the same answer`);
    }
    const { rows: counts } = await locker.query<{ events: number; people: number }>(
      `select (select count(*)::int from events where title = '被中断的活动') as events,
              (select count(*)::int from people where name = '被中断的人') as people`,
    );
    t.same(counts[0], { events: 1, people: 1 }, 'one of each: nothing written twice');
  });
}
