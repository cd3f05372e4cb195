// The authorization policy as pure predicates (apps/api/test/authorization-matrix.test.ts checks
// the API's answers built on them).
import t from 'tap';
import type { Actor } from '../src/permissions/actor.ts';
import {
  isSelf,
  mayActForPerson,
  mayCreateUnit,
  mayListDrafts,
  mayManageToken,
  mayOrganizeUnit,
  mayReadContactDetails,
  maySeeEvent,
} from '../src/permissions/policy.ts';

const admin: Actor = { role: 'admin', unitId: null, personId: null };
const sub: Actor = { role: 'organizer', unitId: 'sub', personId: null };
const other: Actor = { role: 'organizer', unitId: 'sub2', personId: null };
const orphan: Actor = { role: 'organizer', unitId: null, personId: null };
const vol: Actor = { role: 'volunteer', unitId: null, personId: 'p1' };
const community = ['district', 'sub', 'c3'];
const district = ['district'];

t.test('organizing a unit: admin anywhere, an organizer in their subtree', async (t) => {
  t.ok(mayOrganizeUnit(admin, district));
  t.ok(mayOrganizeUnit(sub, community));
  t.notOk(mayOrganizeUnit(sub, district), 'not above their unit');
  t.notOk(mayOrganizeUnit(other, community), 'not a sibling');
  t.notOk(mayOrganizeUnit(orphan, community));
  t.notOk(mayOrganizeUnit(vol, community));
});

t.test('creating units: only an admin at the top', async (t) => {
  t.ok(mayCreateUnit(admin, null));
  t.notOk(mayCreateUnit(sub, null));
  t.ok(mayCreateUnit(sub, community));
  t.notOk(mayCreateUnit(other, community));
});

t.test('events: drafts exist for their organizers only', async (t) => {
  t.ok(maySeeEvent(vol, { status: 'published' }, community));
  t.ok(maySeeEvent(vol, { status: 'cancelled' }, community));
  t.notOk(maySeeEvent(vol, { status: 'draft' }, community));
  t.notOk(maySeeEvent(other, { status: 'draft' }, community));
  t.ok(maySeeEvent(sub, { status: 'draft' }, community));
  t.ok(maySeeEvent(admin, { status: 'draft' }, community));
  t.ok(mayListDrafts(admin, undefined));
  t.notOk(mayListDrafts(sub, undefined), 'an organizer lists drafts only when filtering');
  t.ok(mayListDrafts(sub, community));
  t.notOk(mayListDrafts(other, community));
  t.notOk(mayListDrafts(vol, community));
});

t.test('people: themself, or an organizer of their unit', async (t) => {
  const p1 = { id: 'p1' };
  const p2 = { id: 'p2' };
  t.ok(isSelf(vol, 'p1'));
  t.notOk(isSelf(vol, 'p2'));
  t.notOk(isSelf({ ...sub, personId: 'p1' }, 'p1'), 'only a volunteer token is a person');
  t.ok(mayActForPerson(vol, p1, community));
  t.notOk(mayActForPerson(vol, p2, community));
  t.ok(mayActForPerson(sub, p2, community));
  t.notOk(mayActForPerson(other, p2, community), 'no cross-unit enrolment');
  t.ok(mayReadContactDetails(admin, p2, community));
  t.notOk(mayReadContactDetails(other, p2, community));
});

t.test('tokens: an admin any; an organizer their subtree, never an admin token', async (t) => {
  t.ok(mayManageToken(admin, { role: 'admin' }, null));
  t.notOk(mayManageToken(sub, { role: 'admin' }, null));
  t.ok(mayManageToken(sub, { role: 'organizer' }, community));
  t.ok(mayManageToken(sub, { role: 'volunteer' }, community));
  t.notOk(mayManageToken(other, { role: 'volunteer' }, community));
  t.notOk(mayManageToken(sub, { role: 'volunteer' }, null), 'unknown unit or person');
  t.notOk(mayManageToken(vol, { role: 'volunteer' }, community));
});
