// A popular opening at city scale, simulated: the residents of a district, each with their own
// volunteer token, all try to book one of the appointment shifts that open at the same second,
// through several API processes on one PostgreSQL. Reported: signups per second, p99, the time
// until every shift is full, and the invariants re-counted in SQL afterwards (nobody oversold,
// every waitlist in join order behind its confirmed seats).
//
// Sizes (environment): BENCH_CITY_RESIDENTS (default 5,000; the full size is 100,000),
// BENCH_CITY_SHIFTS (200), BENCH_CITY_PROCESSES (4), BENCH_CLIENTS (64, shared by the processes).
// Units, the clinics' events and their shifts are made through the API; the residents and their
// tokens by SQL (100,000 of each through the API would take ~15 minutes on the bench machine).
import { percentile, runSql } from '@rota/bench-kit';
import pg from 'pg';
import { apiClient } from './lib/api-client.ts';
import { type LoadResult, runLoad } from './lib/run-load.ts';
import { startServer } from './lib/server-process.ts';

export interface CityOptions {
  databaseUrl: string;
  adminToken: string;
  residents: number;
  shifts: number;
  processes: number;
  clients: number;
}

export interface CityResult {
  residents: number;
  shifts: number;
  seats: number;
  processes: number;
  seconds: number;
  signupsPerSecond: number;
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** From the first request to the commit of the last seat of the last shift to fill. */
  secondsUntilFull: number;
  shiftsFull: number;
  confirmed: number;
  waitlisted: number;
  statuses: Record<string, number>;
  invariants: string[];
}

interface Created {
  id: string;
}

const slotsPerClinic = 10;

export async function runCityOpening(options: CityOptions): Promise<CityResult> {
  const { databaseUrl, adminToken, residents, shifts, processes, clients } = options;
  const servers = await Promise.all(
    Array.from({ length: processes }, () =>
      startServer({ DATABASE_URL: databaseUrl, ROTA_ADMIN_TOKEN: adminToken }),
    ),
  );
  try {
    const api = apiClient(servers[0]!.url, adminToken);
    // The district, its subdistricts and communities, and the clinics: through the API.
    const district = await api.post<Created>('/v1/units', { name: '平城区', kind: 'district' });
    const communities: string[] = [];
    for (let s = 0; s < 4; s += 1) {
      const sub = await api.post<Created>('/v1/units', {
        name: `街道 ${s + 1}`,
        kind: 'subdistrict',
        parentId: district.id,
      });
      for (let c = 0; c < 5; c += 1) {
        const unit = await api.post<Created>('/v1/units', {
          name: `社区 ${s + 1}-${c + 1}`,
          kind: 'community',
          parentId: sub.id,
        });
        communities.push(unit.id);
      }
    }
    // Half of the residents get a seat: the rest wait, in order.
    const capacity = Math.max(1, Math.floor(residents / 2 / shifts));
    const clinics = Math.ceil(shifts / slotsPerClinic);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const eventIds: string[] = [];
    for (let k = 0; k < clinics; k += 1) {
      const slots = Math.min(slotsPerClinic, shifts - k * slotsPerClinic);
      const event = await api.post<Created>('/v1/events', {
        unitId: communities[k % communities.length]!,
        kind: 'vaccination_clinic',
        title: `疫苗接种点 ${k + 1}`,
        timeZone: 'Asia/Shanghai',
        start: `${day}T08:00`,
        durationMinutes: slots * 30,
        slots: Array.from({ length: slots }, (_, i) => ({
          key: `t${i}`,
          name: `预约 ${8 + Math.floor(i / 2)}:${i % 2 === 0 ? '00' : '30'}`,
          role: 'attendee',
          capacity,
          offsetMinutes: i * 30,
          durationMinutes: 30,
          waitlist: true,
        })),
        status: 'draft',
      });
      eventIds.push(event.id);
    }
    // Residents and their own tokens, spread over the communities: SQL (see the header).
    const values = communities.map((id) => `'${id}'`).join(',');
    await runSql(
      databaseUrl,
      `insert into people (id, name, unit_id, created_at)
       select 'city-person-' || g, '居民 ' || g, (array[${values}])[1 + g % ${communities.length}],
         now() from generate_series(1, ${residents}) g;
       insert into tokens (secret_hash, role, person_id, label, created_at)
       select encode(sha256(convert_to('city-volunteer-' || g, 'UTF8')), 'hex'), 'volunteer',
         'city-person-' || g, 'city', now() from generate_series(1, ${residents}) g;`,
    );
    // The opening: every clinic published at once, then every resident tries, at once.
    await Promise.all(eventIds.map((id) => api.post(`/v1/events/${id}/publish`, {})));
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const shiftIds: string[] = [];
    for (const id of eventIds) {
      const page = await api.get<{ items: { shifts: { id: string }[] }[] }>(
        `/v1/events/${id}/occurrences?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      for (const occurrence of page.items) shiftIds.push(...occurrence.shifts.map((s) => s.id));
    }
    if (shiftIds.length !== shifts) throw new Error(`${shiftIds.length} shifts, not ${shifts}`);
    // Resident r books shift (r * 7919) mod shifts: every shift is asked for by ~2x its seats.
    const plans = servers.map((server, p) => {
      const personIds: string[] = [];
      const tokens: string[] = [];
      const wanted: string[] = [];
      for (let r = p + 1; r <= residents; r += processes) {
        personIds.push(`city-person-${r}`);
        tokens.push(`city-volunteer-${r}`);
        wanted.push(shiftIds[(r * 7919) % shifts]!);
      }
      return {
        url: server.url,
        token: adminToken,
        connections: Math.max(1, Math.floor(clients / processes)),
        seconds: 600,
        amount: personIds.length,
        keepLatencies: true,
        signup: { shiftIds: wanted, personIds, tokens, offset: 0 },
      };
    });
    const started = Date.now();
    const results: LoadResult[] = await Promise.all(plans.map((plan) => runLoad(plan)));
    const seconds = (Date.now() - started) / 1000;
    const latencies = results.flatMap((r) => r.latencies ?? []);
    const statuses: Record<string, number> = {};
    for (const r of results) {
      for (const [code, count] of Object.entries(r.statuses)) {
        statuses[code] = (statuses[code] ?? 0) + count;
      }
    }
    const counted = await countCity(databaseUrl, started);
    return {
      residents,
      shifts,
      seats: capacity * shifts,
      processes,
      seconds,
      signupsPerSecond: (statuses['201'] ?? 0) / seconds,
      answersPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      statuses,
      ...counted,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Re-counts everything in SQL after the load. */
async function countCity(url: string, startedMs: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <T>(text: string) => (await client.query(text)).rows[0] as T;
    const totals = await one<{ confirmed: number; waitlisted: number }>(
      `select count(*) filter (where status = 'confirmed')::int as confirmed,
              count(*) filter (where status = 'waitlisted')::int as waitlisted from signups`,
    );
    const full = await one<{ full: number; last_ms: number | null }>(
      `select count(*) filter (where s.seats_taken = s.capacity)::int as full,
              (extract(epoch from max(f.filled_at)) * 1000)::float8 as last_ms
         from shifts s
         left join lateral (select max(created_at) as filled_at from signups g
           where g.shift_id = s.id and g.status = 'confirmed') f on true`,
    );
    const oversold = await one<{ n: number }>(
      `select count(*)::int as n from shifts s where s.seats_taken > s.capacity
          or s.seats_taken <> (select coalesce(sum(seats), 0) from signups g
                               where g.shift_id = s.id and g.status = 'confirmed')`,
    );
    const counters = await one<{ n: number }>(
      `select count(*)::int as n from shifts s where s.waitlist_count <>
         (select count(*) from signups g where g.shift_id = s.id and g.status = 'waitlisted')`,
    );
    // First come, first served: on every shift, each waitlisted signup joined after every
    // confirmed one, and nobody waits for a shift with a free seat.
    const outOfOrder = await one<{ n: number }>(
      `select count(*)::int as n from shifts s
        where (select max(join_seq) from signups g where g.shift_id = s.id and g.status = 'confirmed')
            > (select min(join_seq) from signups g where g.shift_id = s.id and g.status = 'waitlisted')
           or (s.waitlist_count > 0 and s.seats_taken < s.capacity)`,
    );
    const invariants = [
      `${oversold.n} shifts oversold or with seats_taken <> their confirmed seats`,
      `${counters.n} shifts with waitlist_count <> their waitlisted rows`,
      `${outOfOrder.n} shifts whose waitlist is out of join order or waits beside a free seat`,
    ];
    return {
      confirmed: totals.confirmed,
      waitlisted: totals.waitlisted,
      shiftsFull: full.full,
      secondsUntilFull: full.last_ms === null ? Number.NaN : (full.last_ms - startedMs) / 1000,
      invariants,
    };
  } finally {
    await client.end();
  }
}
