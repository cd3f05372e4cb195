// The organizer's people routes (issue 15): GET /v1/people (search by name, pinyin, phone and
// tag within the organizer's subtree), 409 duplicate_person on POST and PATCH unless
// `allowDuplicatePhone`, and GET /v1/tags. PGlite, and PostgreSQL when DATABASE_URL is set.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { buildUnitTree, type CallFn, eventInput, expectStatus, NOW } from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

for (const backend of backends) {
  t.test(`people routes on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    const app = await buildApp({ db, now: () => NOW });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call: CallFn = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const { units, tokens, people } = await buildUnitTree(call, admin);
    const organizer = tokens.unit;

    const zhang = (
      await expectStatus(
        call(organizer, 'POST', '/v1/people', {
          name: '张三',
          unitId: units.community,
          phone: '138 1234 5678',
          tags: ['driver'],
        }),
        201,
        'zhang',
      )
    ).body;

    t.test('GET /v1/people: pinyin, initials, Chinese, phone, tag', async (t) => {
      const ids = async (query: string, token = organizer) => {
        const res = await call(token, 'GET', `/v1/people?${query}`);
        t.equal(res.status, 200, query);
        return res.body.items.map((p: { id: string }) => p.id);
      };
      t.same(await ids('q=zhang'), [zhang.id]);
      t.same(await ids('q=zs'), [zhang.id]);
      t.same(await ids(`q=${encodeURIComponent('张')}`), [zhang.id]);
      t.same(await ids(`q=${encodeURIComponent('138 1234')}`), [zhang.id]);
      t.same(await ids('tag=driver'), [zhang.id]);
      t.same(await ids('tag=medical'), [people.self], 'the fixture’s 王芳 has medical');
      t.same(await ids(`unitId=${units.community}&q=wang`), [], '王芳 lives above the community');
      const all = await call(organizer, 'GET', '/v1/people?limit=500');
      t.same(
        all.body.items.map((p: { id: string }) => p.id).sort(),
        [people.self, people.other, people.spare, zhang.id].sort(),
        "without unitId: the organizer's own subtree, nobody of B",
      );
      const item = all.body.items.find((p: { id: string }) => p.id === zhang.id);
      const one = await call(organizer, 'GET', `/v1/people/${zhang.id}`);
      t.same(item, one.body, 'the same Person as GET /v1/people/:id, contact details included');
      t.equal(item.phone, '+8613812345678');
      const admins = await ids('q=wai', admin);
      t.same(admins, [people.stranger], 'the admin searches everyone (外人 in B)');
    });

    t.test('GET /v1/people: cursor pages', async (t) => {
      const first = await call(organizer, 'GET', '/v1/people?limit=3');
      t.equal(first.body.items.length, 3);
      t.type(first.body.nextCursor, 'string');
      const second = await call(
        organizer,
        'GET',
        `/v1/people?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      t.equal(second.body.items.length, 1);
      t.equal(second.body.nextCursor, null);
      const bad = await call(organizer, 'GET', '/v1/people?cursor=nonsense');
      t.equal(bad.status, 400);
      t.equal(bad.body.errors[0].path, 'query.cursor');
    });

    t.test('GET /v1/people: who may list', async (t) => {
      t.equal((await call(tokens.self, 'GET', '/v1/people')).status, 403, 'a volunteer');
      t.equal(
        (await call(tokens.self, 'GET', `/v1/people?unitId=${units.a}`)).status,
        403,
        'a volunteer, with a unit',
      );
      const sibling = await call(tokens.sibling, 'GET', `/v1/people?unitId=${units.a}`);
      t.equal(sibling.status, 403, 'an organizer of another subtree');
      t.equal(sibling.body.code, 'forbidden');
      const child = await call(tokens.child, 'GET', `/v1/people?unitId=${units.a}`);
      t.equal(child.status, 403, 'an organizer below the unit');
      const unknown = await call(organizer, 'GET', '/v1/people?unitId=no-such-unit');
      t.equal(unknown.status, 404);
      const extra = await call(organizer, 'GET', '/v1/people?name=x');
      t.equal(extra.status, 400, 'an unknown query parameter');
      const badTag = await call(organizer, 'GET', `/v1/people?tag=${encodeURIComponent('a b')}`);
      t.equal(badTag.status, 400);
      t.equal(badTag.body.errors[0].path, 'query.tag');
    });

    t.test('POST /v1/people: duplicate_person unless allowDuplicatePhone', async (t) => {
      const body = { name: '张三', unitId: units.a, phone: '+86 138-1234-5678' };
      const refused = await call(organizer, 'POST', '/v1/people', body);
      t.equal(refused.status, 409);
      t.equal(refused.body.code, 'duplicate_person');
      t.equal(refused.body.existingId, zhang.id);
      t.same(
        refused.body.errors.map((e: { path: string }) => e.path),
        ['phone'],
      );
      t.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      const before = await call(organizer, 'GET', '/v1/people?limit=500');
      t.equal(before.body.items.length, 4, 'nothing was written');

      const sibling = await call(tokens.sibling, 'POST', '/v1/people', {
        ...body,
        unitId: units.b,
      });
      t.equal(sibling.status, 201, "B's organizer does not see A's people: no duplicate for them");
      const byAdmin = await call(admin, 'POST', '/v1/people', { ...body, unitId: units.b });
      t.equal(byAdmin.status, 409, 'the admin: a duplicate anywhere');

      const forced = await call(organizer, 'POST', '/v1/people', {
        ...body,
        allowDuplicatePhone: true,
      });
      t.equal(forced.status, 201, 'created anyway with the flag');
      t.equal(forced.body.phone, '+8613812345678');
      t.notOk('allowDuplicatePhone' in forced.body, 'the flag is not part of the Person');
      const wrongType = await call(organizer, 'POST', '/v1/people', {
        ...body,
        allowDuplicatePhone: 'yes',
      });
      t.equal(wrongType.status, 400);
    });

    t.test('PATCH /v1/people/:id: a changed phone is checked too', async (t) => {
      const refused = await call(organizer, 'PATCH', `/v1/people/${people.spare}`, {
        phone: '13812345678',
      });
      t.equal(refused.status, 409);
      t.equal(refused.body.code, 'duplicate_person');
      t.equal((await call(admin, 'GET', `/v1/people/${people.spare}`)).body.phone, null);
      const forced = await call(organizer, 'PATCH', `/v1/people/${people.spare}`, {
        phone: '13812345678',
        allowDuplicatePhone: true,
      });
      t.equal(forced.status, 200);
      t.equal(forced.body.phone, '+8613812345678');
      const again = await call(organizer, 'PATCH', `/v1/people/${people.spare}`, {
        phone: '138 1234 5678',
        name: '陈静',
      });
      t.equal(again.status, 200, 'keeping the phone one already has is no duplicate');
      const flagOnly = await call(organizer, 'PATCH', `/v1/people/${people.spare}`, {
        allowDuplicatePhone: true,
      });
      t.equal(flagOnly.status, 200, 'a patch of only the flag changes nothing');
    });

    t.test('GET /v1/tags: people tags with counts, slot tags at 0', async (t) => {
      await expectStatus(
        call(
          organizer,
          'POST',
          '/v1/events',
          eventInput(units.a, {
            slots: [
              {
                key: 'doc',
                name: '医生',
                role: 'volunteer',
                capacity: 2,
                requiredTags: ['medical', 'nurse'],
              },
            ],
          }),
        ),
        201,
        'event with tags',
      );
      const res = await call(organizer, 'GET', '/v1/tags');
      t.equal(res.status, 200);
      t.same(res.body, {
        items: [
          { tag: 'driver', count: 1 },
          { tag: 'medical', count: 1 },
          { tag: 'nurse', count: 0 },
        ],
      });
      const community = await call(tokens.child, 'GET', '/v1/tags');
      t.same(community.body.items, [{ tag: 'driver', count: 1 }], "the child's own subtree");
      t.equal((await call(tokens.self, 'GET', '/v1/tags')).status, 403);
      t.equal((await call(tokens.sibling, 'GET', `/v1/tags?unitId=${units.a}`)).status, 403);
      t.equal((await call(organizer, 'GET', '/v1/tags?unitId=nope')).status, 404);
    });
  });
}
