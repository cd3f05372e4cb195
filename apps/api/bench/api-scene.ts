// The signup scene built as users build it: through the API, from an empty database. Units, an
// organizer's token, every resident and their own volunteer token, and the events (published,
// their shifts materialized by the server) are each one request of the contract; nothing is
// written by SQL and nothing is analyzed by hand: statistics are whatever autovacuum has taken
// when the load starts. The SQL fixture (signup-fixture.ts) is the second variant beside it.
import type { ApiClient } from './lib/api-client.ts';

export interface ApiScene {
  districtId: string;
  /** An organizer of the district (the desk at a vaccination site). */
  organizerToken: string;
  personIds: string[];
  /** Each resident's own volunteer token (same index). */
  personTokens: string[];
  /** Seconds the scene took to build, and how many requests. */
  buildSeconds: number;
  requests: number;
}

interface Created {
  id: string;
}

/** Runs `work(i)` for i in [0, count) with `concurrency` in flight. */
export async function inParallel(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await work(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Units, an organizer, `residents` people with their own volunteer tokens: all through the API. */
export async function buildApiScene(admin: ApiClient, residents: number): Promise<ApiScene> {
  const started = performance.now();
  let requests = 0;
  const post = async <T>(path: string, body: unknown) => {
    requests += 1;
    return admin.post<T>(path, body);
  };
  const district = await post<Created>('/v1/units', { name: '平城区', kind: 'district' });
  const subdistricts = await Promise.all(
    ['新华街道', '和平街道', '光明街道', '友谊街道'].map((name) =>
      post<Created>('/v1/units', { name, kind: 'subdistrict', parentId: district.id }),
    ),
  );
  const communities: string[] = [];
  for (const [s, subdistrict] of subdistricts.entries()) {
    for (let c = 0; c < 5; c += 1) {
      const unit = await post<Created>('/v1/units', {
        name: `社区 ${s + 1}-${c + 1}`,
        kind: 'community',
        parentId: subdistrict.id,
      });
      communities.push(unit.id);
    }
  }
  const organizer = await post<{ token: string }>('/v1/tokens', {
    role: 'organizer',
    unitId: district.id,
    label: '接种点登记台',
  });
  const personIds: string[] = new Array(residents);
  const personTokens: string[] = new Array(residents);
  await inParallel(residents, 16, async (i) => {
    const person = await post<Created>('/v1/people', {
      name: `居民 ${i + 1}`,
      unitId: communities[i % communities.length]!,
    });
    const token = await post<{ token: string }>('/v1/tokens', {
      role: 'volunteer',
      personId: person.id,
    });
    personIds[i] = person.id;
    personTokens[i] = token.token;
  });
  return {
    districtId: district.id,
    organizerToken: organizer.token,
    personIds,
    personTokens,
    buildSeconds: (performance.now() - started) / 1000,
    requests,
  };
}

/**
 * A published one-off event of the district with one attendee slot of `capacity` (waitlist
 * on), a week ahead, made through the API; returns its shift's id (materialized by the server).
 */
export async function apiShift(
  admin: ApiClient,
  unitId: string,
  title: string,
  capacity: number,
  dayOffset = 7,
): Promise<string> {
  const day = new Date(Date.now() + dayOffset * 86_400_000).toISOString().slice(0, 10);
  const event = await admin.post<Created>('/v1/events', {
    unitId,
    kind: 'vaccination_clinic',
    title,
    timeZone: 'Asia/Shanghai',
    start: `${day}T09:00`,
    durationMinutes: 60,
    slots: [{ key: 'seat', name: '接种', role: 'attendee', capacity, waitlist: true }],
    status: 'published',
  });
  const from = new Date(Date.now()).toISOString();
  const to = new Date(Date.now() + (dayOffset + 2) * 86_400_000).toISOString();
  const page = await admin.get<{ items: { shifts: { id: string }[] }[] }>(
    `/v1/events/${event.id}/occurrences?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  const shift = page.items[0]?.shifts[0];
  if (shift === undefined) throw new Error(`event ${event.id}: no shift materialized`);
  return shift.id;
}
