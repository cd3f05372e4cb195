// People: an organizer records the volunteers of their subtree; a volunteer reads only
// themself and edits nothing. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import t from 'tap';
import { volunteerToken } from './helpers/fixture-calls.ts';
import { communityPeople, seedUnits } from './helpers/seed-community.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`people on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { units, tokens } = await seedUnits(call, admin);
    const ids: Record<string, string> = {};
    const volunteers: Record<string, string> = {};

    for (const { key, ...input } of communityPeople) {
      const res = await call(tokens.community, 'POST', '/v1/people', {
        ...input,
        unitId: units.community,
      });
      t.equal(res.status, 201, `creates ${input.name}`);
      t.match(res.body, { name: input.name, unitId: units.community, tags: input.tags });
      t.notOk('feedKey' in res.body, 'no feed key: only its hash is stored');
      ids[key] = res.body.id;
      volunteers[key] = await volunteerToken(call, tokens.community, res.body.id);
    }

    t.equal(
      (await call(tokens.sibling, 'POST', '/v1/people', { name: 'x', unitId: units.community }))
        .status,
      403,
    );
    t.equal(
      (await call(tokens.community, 'POST', '/v1/people', { name: 'x', unitId: 'nope' })).status,
      404,
    );
    t.equal(
      (await call(volunteers.wang, 'POST', '/v1/people', { name: 'x', unitId: units.community }))
        .status,
      403,
      'a volunteer creates no one',
    );
    const strict = await call(tokens.community, 'POST', '/v1/people', {
      name: 'x',
      unitId: units.community,
      tags: 'medical',
      age: 40,
    });
    t.equal(strict.status, 400);
    t.same(strict.body.errors.map((e: { path: string }) => e.path).sort(), ['age', 'tags']);

    const self = await call(volunteers.wang, 'GET', `/v1/people/${ids.wang}`);
    t.equal(self.status, 200);
    t.equal(self.body.name, '王芳', 'Chinese text round-trips');
    t.equal((await call(volunteers.li, 'GET', `/v1/people/${ids.wang}`)).status, 403);
    t.equal((await call(tokens.sibling, 'GET', `/v1/people/${ids.wang}`)).status, 403);
    t.equal((await call(tokens.sub, 'GET', `/v1/people/${ids.wang}`)).status, 200);
    t.equal((await call(tokens.sub, 'GET', '/v1/people/nope')).status, 404);

    const patched = await call(tokens.community, 'PATCH', `/v1/people/${ids.chen}`, {
      tags: ['law-enforcement'],
    });
    t.equal(patched.status, 200);
    t.same(patched.body.tags, ['law-enforcement']);
    t.equal(
      (await call(volunteers.chen, 'PATCH', `/v1/people/${ids.chen}`, { name: '改名' })).status,
      403,
      'a volunteer does not edit their own record',
    );
    t.equal(
      (await call(tokens.community, 'PATCH', `/v1/people/${ids.chen}`, { unitId: units.sibling }))
        .status,
      403,
      'nor moves a person out of their subtree',
    );
  });
}
