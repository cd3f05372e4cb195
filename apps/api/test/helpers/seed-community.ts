// The fixture of the route suites (units, people, events, shifts, signups...): a small unit
// tree with an organizer on every unit, and four volunteers of a community with their tokens,
// all created through the API as the admin. Each suite seeds what it needs on its own app.
//
//   平城区 = district                      organizer: district
//   ├── 永泰街道 = sub                      organizer: sub
//   │   ├── 王家园社区 = community          organizer: community  people: wang, li, zhao, chen
//   │   └── 李家园社区 = otherCommunity     organizer: otherCommunity  people: stranger
//   └── 新华街道 = sibling                  organizer: sibling
import {
  type CallFn,
  createPerson,
  createUnit,
  organizerToken,
  volunteerToken,
} from './fixture-calls.ts';

export interface SeededUnits {
  units: {
    district: string;
    sub: string;
    sibling: string;
    community: string;
    otherCommunity: string;
  };
  /** Organizer tokens, one per unit, named like the unit. */
  tokens: {
    district: string;
    sub: string;
    sibling: string;
    community: string;
    otherCommunity: string;
  };
}

export interface SeededCommunity extends SeededUnits {
  people: { wang: string; li: string; zhao: string; chen: string; stranger: string };
  tokens: SeededUnits['tokens'] & {
    wang: string;
    li: string;
    zhao: string;
    chen: string;
    stranger: string;
  };
}

/** The volunteers of 王家园社区: a nurse, a pensioner, a 14-year-old and an adult. */
export const communityPeople = [
  { key: 'wang', name: '王芳', birthDate: '1990-03-01', tags: ['medical'], phone: '13800138000' },
  { key: 'li', name: '李建国', birthDate: '1950-06-15', tags: ['party-member'] },
  { key: 'zhao', name: '赵小明', birthDate: '2012-09-01', tags: [] },
  { key: 'chen', name: '陈静', birthDate: '1985-01-20', tags: [] },
] as const;

/**
 * Creates the unit tree and an organizer token per unit.
 *
 * @example
 * const { units, tokens } = await seedUnits(call, admin);
 */
export async function seedUnits(call: CallFn, admin: string): Promise<SeededUnits> {
  const unit = (name: string, kind: string, parentId?: string) =>
    createUnit(call, admin, name, kind, parentId);
  const district = await unit('平城区', 'district');
  const sub = await unit('永泰街道', 'subdistrict', district);
  const sibling = await unit('新华街道', 'subdistrict', district);
  const community = await unit('王家园社区', 'community', sub);
  const otherCommunity = await unit('李家园社区', 'community', sub);
  const organizer = (unitId: string) => organizerToken(call, admin, unitId);
  return {
    units: { district, sub, sibling, community, otherCommunity },
    tokens: {
      district: await organizer(district),
      sub: await organizer(sub),
      sibling: await organizer(sibling),
      community: await organizer(community),
      otherCommunity: await organizer(otherCommunity),
    },
  };
}

/**
 * Creates the unit tree, the four people of 王家园社区 and 外人 of 李家园社区, each with a
 * volunteer token.
 *
 * @example
 * const { units, people, tokens } = await seedCommunity(call, admin);
 */
export async function seedCommunity(call: CallFn, admin: string): Promise<SeededCommunity> {
  const seeded = await seedUnits(call, admin);
  const ids: Record<string, string> = {};
  for (const { key, ...input } of communityPeople) {
    const { name, ...extra } = input;
    ids[key] = (
      await createPerson(call, seeded.tokens.community, name, seeded.units.community, extra)
    ).id;
  }
  ids.stranger = (
    await createPerson(call, seeded.tokens.otherCommunity, '外人', seeded.units.otherCommunity)
  ).id;
  const people = ids as SeededCommunity['people'];
  const volunteer = (key: keyof SeededCommunity['people']) =>
    volunteerToken(
      call,
      key === 'stranger' ? seeded.tokens.otherCommunity : seeded.tokens.community,
      people[key],
    );
  return {
    units: seeded.units,
    people,
    tokens: {
      ...seeded.tokens,
      wang: await volunteer('wang'),
      li: await volunteer('li'),
      zhao: await volunteer('zhao'),
      chen: await volunteer('chen'),
      stranger: await volunteer('stranger'),
    },
  };
}
