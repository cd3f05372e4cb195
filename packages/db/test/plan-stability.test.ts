// The hot statements keep index-driven plans however the tables grow after a connection first
// ran them (docs/decisions/0008). A pooled connection that ran a prepared statement while its
// tables were small could keep a generic plan costed for that size: the token lookup kept a
// sequential scan of `tokens` and read every row of it per request at 30,000 tokens. Here:
// an empty database, a small scene made through the stores, every pooled connection warmed on
// every hot statement, then people, tokens, events, shifts and signups grown 100x and more by
// SQL; auto_explain (loaded for this throwaway database only, its plans sent to the client as
// notices) then shows the plan each statement actually ran on each connection, and none may
// read a whole table. As the server runs by default (the hot statements unnamed, the session
// in PostgreSQL's own plan_cache_mode): once with the statistics never taken (autovacuum off),
// once with ANALYZE at the small size; then prepared (named, under force_custom_plan), and
// prepared under PostgreSQL's default plan cache, to show what is at stake.
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import t, { type Test } from 'tap';
import { openDatabase } from '../src/create-database.ts';
import { draft, NOW, seedUnits, slot } from './fixtures/fixtures.ts';

interface Explained {
  pid: number;
  query: string;
  plan: PlanNode;
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every (table, node) of a plan that reads a whole table. */
function wholeTableScans(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' ? [`Seq Scan on ${node['Relation Name'] ?? '?'}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(wholeTableScans)];
}

const poolSize = 3;
const warmRounds = 7; // PostgreSQL weighs a generic plan from a statement's sixth execution
const growth = { units: 400, people: 4_000, events: 1_500, signups: 6_000 };

interface Scene {
  subdistrictId: string;
  communityIds: string[];
  secrets: string[];
  personIds: string[];
  /** The confirmed signup of the promotion shift: cancelling it promotes the next in line. */
  promotionHead: string;
}

/** The small scene, through the stores, as an organizer's first day would make it. */
async function smallScene(db: RotaDb): Promise<Scene> {
  const { subdistrict, community, other } = await seedUnits(db);
  const personIds: string[] = [];
  const secrets: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    const p = await db.people.create({ name: `居民 ${i}`, unitId: community.id });
    personIds.push(p.id);
    secrets.push((await db.tokens.create({ role: 'volunteer', personId: p.id })).token);
  }
  for (let i = 0; i < 4; i += 1) {
    await db.events.create(
      draft(i % 2 === 0 ? community.id : other.id, {
        start: `2026-12-0${5 + i}T08:00`,
        slots: [slot({ key: 'crew', capacity: 100 }), slot({ key: 'class', role: 'attendee' })],
      }),
      NOW,
    );
  }
  // One seat, a long waitlist: every cancel of its confirmed signup promotes the next.
  const event = await db.events.create(
    draft(community.id, {
      start: '2026-12-20T08:00',
      slots: [slot({ key: 'desk', role: 'attendee', capacity: 1 })],
    }),
    NOW,
  );
  const page = await db.events.occurrences(event.id, {
    from: '2026-12-01T00:00:00Z',
    to: '2027-01-01T00:00:00Z',
  });
  const shift = page.items[0]!.shifts[0]!;
  let promotionHead = '';
  for (const personId of personIds) {
    const signup = await db.signups.create(
      { shiftId: shift.id, personId, seats: 1, companions: [] },
      NOW,
    );
    if (signup.status === 'confirmed') promotionHead = signup.id;
  }
  return {
    subdistrictId: subdistrict.id,
    communityIds: [community.id, other.id],
    secrets,
    personIds,
    promotionHead,
  };
}

/** People with tokens, events with their occurrence and two shifts, signups: bulk SQL. */
async function grow(kysely: Kysely<unknown>, scene: Scene) {
  const [a, b] = scene.communityIds;
  // A city's other communities (the search reads its unit's path by key).
  await sql`insert into units (id, name, kind, parent_id, path, created_at)
    select 'grow-unit-' || g, '社区 ' || g, 'community', ${scene.subdistrictId},
      (select path from units where id = ${scene.subdistrictId}) || ('grow_unit_' || g), now()
    from generate_series(1, ${growth.units}) g`.execute(kysely);
  await sql`insert into people (id, name, unit_id, created_at)
    select 'grow-' || g, '居民 ' || g, case when g % 2 = 0 then ${a} else ${b} end, now()
    from generate_series(1, ${growth.people}) g`.execute(kysely);
  // People choose their notices' channels and language: the token lookup joins that table.
  await sql`insert into notification_preferences (person_id, language)
    select 'grow-' || g, case when g % 3 = 0 then 'en' else 'zh-CN' end
    from generate_series(1, ${growth.people}) g`.execute(kysely);
  await sql`insert into tokens (secret_hash, role, person_id, created_at)
    select md5('grow-' || g) || md5('secret-' || g), 'volunteer', 'grow-' || g, now()
    from generate_series(1, ${growth.people}) g`.execute(kysely);
  await sql`insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
      duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
    select 'grow-' || g, case when g % 2 = 0 then ${a} else ${b} end, 'general', '清扫 ' || g,
      'Asia/Shanghai', '2026-12-05T08:00', timestamptz '2026-12-02T00:00:00Z' + g * interval '1 hour',
      60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]', 'published', now(), now(), now()
    from generate_series(1, ${growth.events}) g`.execute(kysely);
  await sql`insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
    select id, id, start_local, start_local, starts_at, starts_at + interval '1 hour'
    from events where id like 'grow-%'`.execute(kysely);
  for (const [key, role] of [
    ['crew', 'volunteer'],
    ['class', 'attendee'],
  ] as const) {
    await sql`insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role,
        start, "end", local_date, capacity, max_party_size, waitlist)
      select o.id || '-' || ${key}, o.event_id, o.id, ${key}, 0, ${key}, ${role}, o.start, o."end",
        (o.start at time zone 'Asia/Shanghai')::date, 50, 1, true
      from occurrences o where o.id like 'grow-%'`.execute(kysely);
  }
  // Each grown person signs up for up to two attendee shifts (no volunteer overlaps to mind).
  await sql`with picked as (
      select 'grow-' || (g % ${growth.people} + 1) as person_id,
        'grow-' || (g % ${growth.events} + 1) || '-class' as shift_id
      from generate_series(1, ${growth.signups}) g)
    insert into signups (shift_id, person_id, seats, status, role, period, created_at)
    select p.shift_id, p.person_id, 1, 'confirmed', 'attendee', tstzrange(s.start, s."end"), now()
    from picked p join shifts s on s.id = p.shift_id
    on conflict do nothing`.execute(kysely);
  await sql`update shifts s set seats_taken = c.n from (select shift_id, count(*)::int as n
    from signups where shift_id like 'grow-%' group by shift_id) c where s.id = c.shift_id`.execute(
    kysely,
  );
}

/**
 * Runs one round of every hot statement: the token lookup, a signup batch (volunteer and
 * attendee shifts), the shift search, a cancel that promotes the waitlist. `round` picks fresh
 * (shift, person) pairs.
 */
function hotPath(db: RotaDb, scene: Scene, shiftIds: () => Promise<string[]>) {
  let promotionHead = scene.promotionHead;
  let round = 0;
  return async () => {
    round += 1;
    const verified = await Promise.all(scene.secrets.slice(0, 3).map((s) => db.tokens.verify(s)));
    if (verified.some((info) => info === undefined)) throw new Error('a token did not verify');
    const shifts = await shiftIds();
    await Promise.allSettled(
      [0, 1, 2].map((k) =>
        db.signups.create(
          {
            shiftId: shifts[(round * 3 + k) % shifts.length]!,
            personId: scene.personIds[(round * 7 + k * 11) % scene.personIds.length]!,
            seats: 1,
            companions: [],
          },
          NOW,
        ),
      ),
    );
    await db.shifts.search({
      from: '2026-12-03T00:00:00Z',
      to: '2026-12-10T00:00:00Z',
      unitId: scene.subdistrictId,
      available: true,
    });
    const { promoted } = await db.signups.cancel(promotionHead, 'cancelled_by_person', NOW);
    if (promoted[0] === undefined) throw new Error('nobody was promoted');
    promotionHead = promoted[0].id;
  };
}

/** Runs `work` on each pooled connection in turn, the others held; returns each one's pid. */
async function onEachConnection(
  t: Test,
  kysely: Kysely<unknown>,
  work: (pid: number) => Promise<void>,
): Promise<void> {
  const hold = () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pidOf: (pid: number) => void = () => {};
    const pid = new Promise<number>((resolve) => {
      pidOf = resolve;
    });
    const done = kysely.connection().execute(async (connection) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
        connection,
      );
      pidOf(rows[0]!.pid);
      await gate;
    });
    return { pid, release, done };
  };
  const held = Array.from({ length: poolSize }, hold);
  const pids = await Promise.all(held.map((h) => h.pid));
  t.equal(new Set(pids).size, poolSize, `${poolSize} pooled connections`);
  for (let i = 0; i < poolSize; i += 1) {
    // The only idle connection now is this one: everything `work` sends goes through it.
    held[i]!.release();
    await held[i]!.done;
    await work(pids[i]!);
    held[i] = hold();
    await held[i]!.pid;
  }
  for (const h of held) h.release();
  await Promise.all(held.map((h) => h.done));
}

async function scenario(
  t: Test,
  options: {
    analyzeSmall: boolean;
    preparedStatements?: boolean;
    planCacheMode?: 'auto' | 'force_custom_plan';
  },
): Promise<string[]> {
  const test = await createTestDatabase({ backend: 'postgres', poolSize: 1 });
  t.teardown(test.drop);
  const name = new URL(test.url!).pathname.slice(1);
  const setup = test.db;
  const kysely = (setup as unknown as { kysely: Kysely<unknown> }).kysely;
  for (const table of ['units', 'people', 'tokens', 'events', 'occurrences', 'shifts', 'signups']) {
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(kysely);
  }
  // This throwaway database only: every new session loads auto_explain and sends each plan it
  // runs to its client as a notice.
  for (const [setting, value] of [
    ['session_preload_libraries', 'auto_explain'],
    ['auto_explain.log_min_duration', '0'],
    ['auto_explain.log_level', 'notice'],
    ['auto_explain.log_format', 'json'],
  ]) {
    await sql`alter database ${sql.id(name)} set ${sql.raw(setting!)} = ${sql.lit(value!)}`.execute(
      kysely,
    );
  }
  const explained: Explained[] = [];
  let watching = false;
  const db = await openDatabase({
    url: test.url,
    poolSize,
    migrate: false,
    preparedStatements: options.preparedStatements,
    planCacheMode: options.planCacheMode,
    onConnect(client: pg.PoolClient) {
      client.on('notice', (notice) => {
        if (!watching) return;
        const text = notice.message ?? '';
        const json = text.indexOf('{');
        if (json < 0) return;
        const parsed = JSON.parse(text.slice(json)) as { 'Query Text': string; Plan: PlanNode };
        const pid = (client as unknown as { processID: number }).processID;
        explained.push({ pid, query: parsed['Query Text'], plan: parsed.Plan });
      });
    },
  });
  t.teardown(() => db.close());
  const scene = await smallScene(setup);
  if (options.analyzeSmall) await sql`analyze`.execute(kysely);
  let grown = false;
  const shiftIds = async () => {
    if (grown) return ['grow-7-crew', 'grow-8-class', 'grow-900-crew', 'grow-901-class'];
    const page = await setup.shifts.search({
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-10T00:00:00Z',
    });
    return page.items.map((s) => s.id);
  };
  const round = hotPath(db, scene, shiftIds);
  await onEachConnection(t, dbKysely(db), async () => {
    for (let i = 0; i < warmRounds; i += 1) await round();
  });
  await grow(kysely, scene);
  grown = true;
  const offenders: string[] = [];
  const seen = new Set<number>();
  await onEachConnection(t, dbKysely(db), async (pid) => {
    watching = true;
    explained.length = 0;
    await round();
    watching = false;
    for (const { query, plan } of explained) {
      seen.add(pid);
      for (const scan of wholeTableScans(plan)) {
        offenders.push(`${scan}: ${query.replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
    t.ok(explained.length >= 8, `connection ${pid}: ${explained.length} statements explained`);
  });
  t.equal(seen.size, poolSize, 'plans seen on every pooled connection');
  return [...new Set(offenders)];
}

function dbKysely(db: RotaDb): Kysely<unknown> {
  return (db as unknown as { kysely: Kysely<unknown> }).kysely;
}

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  t.test('statistics never taken, tables grown 100x: no hot statement scans a table', async (t) => {
    const offenders = await scenario(t, { analyzeSmall: false });
    t.same(offenders, []);
  });

  t.test(
    'ANALYZE at the small size, tables grown 100x: no hot statement scans a table',
    async (t) => {
      const offenders = await scenario(t, { analyzeSmall: true });
      t.same(offenders, []);
    },
  );

  t.test(
    'prepared (force_custom_plan), ANALYZE at the small size: no hot statement scans a table',
    async (t) => {
      const offenders = await scenario(t, { analyzeSmall: true, preparedStatements: true });
      t.same(offenders, []);
    },
  );

  t.test(
    "what is at stake: prepared under the default plan cache, the small tables' scans stay",
    async (t) => {
      const offenders = await scenario(t, {
        analyzeSmall: true,
        preparedStatements: true,
        planCacheMode: 'auto',
      });
      t.ok(
        offenders.some((line) => line.startsWith('Seq Scan on tokens')),
        `the token lookup's generic plan still scans tokens: ${offenders.join('; ')}`,
      );
    },
  );
}
