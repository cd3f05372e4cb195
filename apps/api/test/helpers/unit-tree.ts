// The fixture of the authorization and fuzz suites: a unit tree with an organizer on every
// level, volunteers, and events in subdistrict A, all created through the API as the admin.
//
//   平城区 (district)                    organizer: parent
//   ├── 永泰街道 = A (subdistrict)        organizer: unit   people: self, other, spare
//   │   └── 王家园社区 (community)        organizer: child
//   │       └── 一网格 (grid)             organizer: grid
//   └── 新华街道 = B (subdistrict)        organizer: sibling  people: stranger
import {
  type CallFn,
  createPerson,
  createUnit,
  expectStatus,
  organizerToken,
  volunteerToken,
} from './fixture-calls.ts';

export { type CallFn, expectStatus } from './fixture-calls.ts';

/** Saturday 28 November 2026, 12:00 in Shanghai: the pinned clock of these suites. */
export const NOW = '2026-11-28T04:00:00.000Z';

export interface UnitTree {
  units: { district: string; a: string; b: string; community: string; grid: string };
  people: { self: string; other: string; spare: string; stranger: string };
  feedKeys: { self: string };
  tokens: {
    admin: string;
    unit: string;
    parent: string;
    child: string;
    sibling: string;
    grid: string;
    self: string;
    other: string;
    stranger: string;
  };
}

/**
 * Builds the tree, its organizers, three people in A and one in B, with volunteer tokens.
 *
 * @example
 * const tree = await buildUnitTree(clientFor(app), adminToken);
 */
export async function buildUnitTree(call: CallFn, admin: string): Promise<UnitTree> {
  const unit = (name: string, kind: string, parentId?: string) =>
    createUnit(call, admin, name, kind, parentId);
  const district = await unit('平城区', 'district');
  const a = await unit('永泰街道', 'subdistrict', district);
  const b = await unit('新华街道', 'subdistrict', district);
  const community = await unit('王家园社区', 'community', a);
  const grid = await unit('一网格', 'grid', community);
  const organizer = (unitId: string) => organizerToken(call, admin, unitId);
  const person = (name: string, unitId: string, extra: object = {}) =>
    createPerson(call, admin, name, unitId, extra);
  const volunteer = (personId: string) => volunteerToken(call, admin, personId);

  const self = await person('王芳', a, { birthDate: '1990-03-01', tags: ['medical'] });
  const other = await person('李建国', a, { birthDate: '1950-06-15' });
  const spare = await person('陈静', a, { birthDate: '1985-01-20' });
  const stranger = await person('外人', b, { birthDate: '1980-01-01' });
  const feedKey = (
    await expectStatus(
      call(admin, 'POST', `/v1/people/${self.id}/feed-key`),
      201,
      'feed key of self',
    )
  ).body.key as string;
  return {
    units: { district, a, b, community, grid },
    people: { self: self.id, other: other.id, spare: spare.id, stranger: stranger.id },
    feedKeys: { self: feedKey },
    tokens: {
      admin,
      unit: await organizer(a),
      parent: await organizer(district),
      child: await organizer(community),
      sibling: await organizer(b),
      grid: await organizer(grid),
      self: await volunteer(self.id),
      other: await volunteer(other.id),
      stranger: await volunteer(stranger.id),
    },
  };
}

/**
 * A one-off event input (a week after NOW, two hours, one volunteer slot with a waitlist).
 *
 * @example
 * await call(admin, 'POST', '/v1/events', eventInput(tree.units.a, { status: 'published' }));
 */
export function eventInput(unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    unitId,
    kind: 'general',
    title: '擦洗宣传橱窗',
    start: '2026-12-05T09:00',
    durationMinutes: 120,
    location: { name: '永泰街道活动室' },
    slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: 10 }],
    status: 'published',
    ...overrides,
  };
}

export interface PublishedEvent {
  eventId: string;
  occurrenceId: string;
  shiftId: string;
}

/**
 * Creates a published one-off event in `unitId` and returns its occurrence and first shift.
 *
 * @example
 * const { shiftId } = await publishedEvent(call, admin, tree.units.a);
 */
export async function publishedEvent(
  call: CallFn,
  token: string,
  unitId: string,
  overrides: Record<string, unknown> = {},
): Promise<PublishedEvent> {
  const created = await expectStatus(
    call(token, 'POST', '/v1/events', eventInput(unitId, overrides)),
    201,
    'published event',
  );
  const eventId = created.body.id as string;
  const occurrences = await expectStatus(
    call(
      token,
      'GET',
      `/v1/events/${eventId}/occurrences?from=${encodeURIComponent(NOW)}&to=2027-11-27T00:00:00Z`,
    ),
    200,
    'occurrences',
  );
  const occurrence = occurrences.body.items[0];
  if (!occurrence?.shifts?.[0]) throw new Error('fixture: the event has no shift');
  return { eventId, occurrenceId: occurrence.id, shiftId: occurrence.shifts[0].id };
}
