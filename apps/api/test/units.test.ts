// Units: creating the tree (an organizer creates in their subtree only), reading one, and
// listing a unit's children page by page. Runs on PGlite, and on PostgreSQL when DATABASE_URL
// is set.
import t from 'tap';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`units on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    // The tree: 平城区 > 永泰街道 > { 王家园社区, 李家园社区 }; 新华街道 is a sibling subdistrict.
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    const district = await call(admin, 'POST', '/v1/units', { name: '平城区', kind: 'district' });
    t.equal(district.status, 201);
    t.match(district.body, { name: '平城区', kind: 'district', parentId: null });
    ids.district = district.body.id;

    const orgToken = await call(admin, 'POST', '/v1/tokens', {
      role: 'organizer',
      unitId: ids.district,
      label: '区组织者',
    });
    t.equal(orgToken.status, 201);
    t.match(orgToken.body, { role: 'organizer', unitId: ids.district, personId: null });
    t.type(orgToken.body.token, 'string');
    tokens.district = orgToken.body.token;

    const sub = await call(tokens.district, 'POST', '/v1/units', {
      name: '永泰街道',
      kind: 'subdistrict',
      parentId: ids.district,
    });
    t.equal(sub.status, 201, 'an organizer creates a child in their subtree');
    ids.sub = sub.body.id;
    const sibling = await call(admin, 'POST', '/v1/units', {
      name: '新华街道',
      kind: 'subdistrict',
      parentId: ids.district,
    });
    ids.sibling = sibling.body.id;
    for (const name of ['王家园社区', '李家园社区']) {
      const res = await call(admin, 'POST', '/v1/units', {
        name,
        kind: 'community',
        parentId: ids.sub,
      });
      t.equal(res.status, 201);
      ids[name] = res.body.id;
    }
    ids.community = ids.王家园社区!;
    ids.otherCommunity = ids.李家园社区!;

    for (const [name, unitId] of [
      ['sub', ids.sub],
      ['sibling', ids.sibling],
      ['community', ids.community],
      ['otherCommunity', ids.otherCommunity],
    ] as const) {
      const res = await call(tokens.district, 'POST', '/v1/tokens', {
        role: 'organizer',
        unitId,
      });
      t.equal(res.status, 201);
      tokens[name] = res.body.token;
    }

    const outside = await call(tokens.sibling, 'POST', '/v1/units', {
      name: '越界社区',
      kind: 'community',
      parentId: ids.sub,
    });
    t.equal(outside.status, 403, 'a sibling organizer may not create under another subtree');
    t.equal(outside.body.code, 'forbidden');
    const missingParent = await call(admin, 'POST', '/v1/units', {
      name: 'x',
      kind: 'grid',
      parentId: 'no-such-unit',
    });
    t.equal(missingParent.status, 404);
    t.equal(missingParent.body.code, 'not_found');
    const bad = await call(admin, 'POST', '/v1/units', { name: 'x', kind: 'grid', parentId: 5 });
    t.equal(bad.status, 400);
    t.same(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['parentId'],
    );

    const got = await call(tokens.sibling, 'GET', `/v1/units/${ids.community}`);
    t.equal(got.status, 200);
    t.same(got.body, {
      id: ids.community,
      name: '王家园社区',
      kind: 'community',
      parentId: ids.sub,
    });
    t.equal((await call(admin, 'GET', '/v1/units/nope')).status, 404);
    t.equal((await call(undefined, 'GET', `/v1/units/${ids.community}`)).status, 401);

    const children = await call(admin, 'GET', `/v1/units?parentId=${ids.sub}&limit=1`);
    t.equal(children.status, 200);
    t.equal(children.body.items.length, 1);
    t.type(children.body.nextCursor, 'string');
    const rest = await call(
      admin,
      'GET',
      `/v1/units?parentId=${ids.sub}&limit=1&cursor=${encodeURIComponent(children.body.nextCursor)}`,
    );
    t.equal(rest.body.items.length, 1);
    t.not(rest.body.items[0].id, children.body.items[0].id, 'the next page moves on');
    t.equal((await call(admin, 'GET', '/v1/units?parentId=nope')).status, 404);
    const cursor = await call(admin, 'GET', '/v1/units?cursor=not-a-cursor');
    t.equal(cursor.status, 400);
    t.same(
      cursor.body.errors.map((e: { path: string }) => e.path),
      ['query.cursor'],
    );
  });
}
