// People search (GET /v1/people's store): a Chinese substring, pinyin in full and by initials,
// phone digits however written, tags, subtree boundaries and cursors; the pinyin key is
// rewritten with every name and backfilled by migration 0090; duplicate phones are refused
// within the scope asked for. PGlite, and PostgreSQL when DATABASE_URL is set.
import { isRotaError, type Person } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { backfillNameKeys } from '../src/migrations/0090-people-search.ts';
import { nameSearchKey, pinyinQuery } from '../src/people/name-search-key.ts';
import { backends, draft, kyselyOf, NOW, seedUnits, slot } from './fixtures/fixtures.ts';

t.test('nameSearchKey: full pinyin, then initials', async (t) => {
  t.equal(nameSearchKey('张三'), 'zhangsan zs');
  t.equal(nameSearchKey('曾小明'), 'zengxiaoming zxm', 'a surname read as a surname');
  t.equal(nameSearchKey('单田芳'), 'shantianfang stf', '单 as a surname is shan');
  t.equal(nameSearchKey('吕布'), 'lvbu lb lubu', 'ü as v, and a u variant');
  t.equal(nameSearchKey('Anna 王'), 'annawang w', 'Latin letters kept as a word');
  t.equal(nameSearchKey('Smith'), 'smith');
  t.equal(pinyinQuery('Zhang San'), 'zhangsan');
  t.equal(pinyinQuery("xi'an"), 'xian');
  t.equal(pinyinQuery('张'), undefined);
  t.equal(pinyinQuery('138'), undefined);
});

t.test('nameSearchKey (generated names): full pinyin, one initial per character', async (t) => {
  const chars = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐芳建国静丽强军敏伟秀英华'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }), (list) => {
      const [full = '', initials = '', ...rest] = nameSearchKey(list.join('')).split(' ');
      return (
        /^[a-z]+$/.test(full) &&
        pinyinQuery(full) === full &&
        initials.length === list.length &&
        initials[0] === full[0] &&
        rest.length === 0
      );
    }),
    { numRuns: 200 },
  );
  t.pass('held for 200 generated names');
});

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const { district, subdistrict, community, other } = await seedUnits(db);
    const elsewhere = await db.units.create({ name: '别的区', kind: 'district' });
    const add = (name: string, unitId: string, extra: { phone?: string; tags?: string[] } = {}) =>
      db.people.create({ name, unitId, ...extra });
    const zhang = await add('张三', community.id, { phone: '138 1234 5678' });
    const li = await add('李四', community.id, { phone: '13900001111', tags: ['medical'] });
    const zeng = await add('曾小明', other.id, { tags: ['medical', 'driver'] });
    const lv = await add('吕布', subdistrict.id);
    const anna = await add('Anna Smith', community.id);
    const far = await add('张三丰', elsewhere.id, { phone: '13812345678' });
    const top = await add('赵六', district.id);

    const names = (page: { items: Person[] }) => page.items.map((p) => p.name).sort();
    const find = async (q: string, unitId: string | undefined = subdistrict.id) =>
      names(await db.people.search({ q, unitId }));

    t.test('Chinese substring', async (t) => {
      t.same(await find('张'), ['张三']);
      t.same(await find('小明'), ['曾小明']);
      t.same(
        names(await db.people.search({ q: '张' })),
        ['张三', '张三丰'],
        'everyone without a unit',
      );
    });

    t.test('pinyin: full, partial, initials, any case and spacing', async (t) => {
      t.same(await find('zhang'), ['张三']);
      t.same(await find('zhangsan'), ['张三']);
      t.same(await find('Zhang San'), ['张三']);
      t.same(await find('zs'), ['张三']);
      t.same(await find('zeng'), ['曾小明'], '曾 as a surname');
      t.same(await find('zxm'), ['曾小明']);
      t.same(await find('lv'), ['吕布']);
      t.same(await find('lubu'), ['吕布'], 'u for ü');
      t.same(await find('anna'), ['Anna Smith'], 'a Latin name by its letters');
      t.same(await find('sz'), [], 'no match across full pinyin and initials');
    });

    t.test('phone: digits however written', async (t) => {
      t.same(await find('1234'), ['张三']);
      t.same(await find('138 1234 5678'), ['张三']);
      t.same(await find('+86 138-1234-5678'), ['张三']);
      t.same(await find('0086 13812345678'), ['张三']);
      t.same(await find('0000111'), ['李四']);
      t.same(await find('12'), [], 'fewer than three digits match no phone');
    });

    t.test('tag, and tag with text', async (t) => {
      t.same(names(await db.people.search({ unitId: subdistrict.id, tag: 'medical' })), [
        '曾小明',
        '李四',
      ]);
      t.same(names(await db.people.search({ unitId: subdistrict.id, tag: 'medical', q: 'li' })), [
        '李四',
      ]);
      t.same(names(await db.people.search({ unitId: subdistrict.id, tag: 'nobody' })), []);
    });

    t.test('subtree boundaries', async (t) => {
      t.same(names(await db.people.search({ unitId: community.id })), [
        'Anna Smith',
        '张三',
        '李四',
      ]);
      t.same(names(await db.people.search({ unitId: other.id })), ['曾小明']);
      t.same(names(await db.people.search({ unitId: subdistrict.id })), [
        'Anna Smith',
        '吕布',
        '张三',
        '曾小明',
        '李四',
      ]);
      t.ok(
        (await db.people.search({ unitId: district.id })).items.some((p) => p.id === top.id),
        'the root of the subtree itself is included',
      );
      t.notOk(
        (await db.people.search({ unitId: district.id })).items.some((p) => p.id === far.id),
        'another district is not',
      );
    });

    t.test('LIKE wildcards are taken literally', async (t) => {
      t.same(await find('%'), []);
      t.same(await find('_'), []);
    });

    t.test('cursor pages cover the list once, in creation order', async (t) => {
      const all = await db.people.search({ limit: 500 });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await db.people.search({ limit: 2, cursor });
        t.ok(page.items.length <= 2);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      t.same(
        seen,
        all.items.map((p) => p.id),
        'the same people in the same order',
      );
      t.equal(new Set(seen).size, seen.length, 'nobody twice');
      t.ok([zhang, li, zeng, lv, anna, far, top].every((p) => seen.includes(p.id)));
    });

    t.test('a rename rewrites the pinyin key', async (t) => {
      const renamed = await add('王五', community.id);
      t.same(await find('ww'), ['王五']);
      await db.people.update(renamed.id, { name: '孙七' });
      t.same(await find('ww'), []);
      t.same(await find('sunqi'), ['孙七']);
    });

    t.test('migration 0090 backfills the key of people written before it', async (t) => {
      await sql`update people set name_key = ''`.execute(kyselyOf(db));
      t.same(await find('zhang'), [], 'no key, no pinyin match');
      await backfillNameKeys(kyselyOf(db));
      t.same(await find('zhang'), ['张三']);
      t.same(await find('zxm'), ['曾小明']);
    });

    t.test('duplicate phones: refused in the scope asked for', async (t) => {
      const input = { name: '张三的家人', unitId: community.id, phone: '+86 138-1234-5678' };
      try {
        await db.people.create(input, { duplicatePhoneScope: subdistrict.id });
        t.fail('expected duplicate_person');
      } catch (error) {
        t.ok(isRotaError(error, 'duplicate_person'));
        if (isRotaError(error)) {
          t.same(error.extra, { existingId: zhang.id });
          t.same(
            error.errors?.map((e) => e.path),
            ['phone'],
          );
        }
      }
      try {
        await db.people.create(input, { duplicatePhoneScope: null });
        t.fail('expected duplicate_person everywhere');
      } catch (error) {
        t.ok(isRotaError(error, 'duplicate_person'), 'null: everywhere');
      }
      const outside = await db.people.create(
        { ...input, unitId: other.id },
        { duplicatePhoneScope: other.id },
      );
      t.equal(outside.phone, '+8613812345678', 'another subtree does not count');
      const allowed = await db.people.create(input);
      t.equal(allowed.phone, '+8613812345678', 'no scope: no check');

      try {
        await db.people.update(li.id, { phone: '13812345678' }, { duplicatePhoneScope: null });
        t.fail('expected duplicate_person on update');
      } catch (error) {
        t.ok(isRotaError(error, 'duplicate_person'), 'a changed phone is checked');
      }
      const same = await db.people.update(
        zhang.id,
        { phone: '13812345678', tags: ['x'] },
        { duplicatePhoneScope: null },
      );
      t.same(same.tags, ['x'], 'an unchanged phone is not');
    });

    t.test('duplicate phones: concurrent adds of one number, one wins', async (t) => {
      // On PostgreSQL the twenty run on many connections at once; PGlite runs them in turn.
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          db.people.create(
            { name: `同号${i}`, unitId: other.id, phone: '13700009999' },
            { duplicatePhoneScope: subdistrict.id },
          ),
        ),
      );
      t.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'one person added');
      t.ok(
        results
          .filter((r) => r.status === 'rejected')
          .every((r) => isRotaError((r as PromiseRejectedResult).reason, 'duplicate_person')),
        'the others: duplicate_person',
      );
    });

    t.test('tags used in a subtree, with slot requirements', async (t) => {
      await db.events.create(
        draft(subdistrict.id, {
          slots: [slot({ key: 'doc', requiredTags: ['medical', 'nurse'] })],
        }),
        NOW,
      );
      t.same(await db.people.tags(subdistrict.id), [
        { tag: 'medical', count: 2 },
        { tag: 'driver', count: 1 },
        { tag: 'x', count: 1 },
        { tag: 'nurse', count: 0 },
      ]);
      t.same(await db.people.tags(community.id), [
        { tag: 'medical', count: 1 },
        { tag: 'x', count: 1 },
      ]);
      t.same(await db.people.tags(elsewhere.id), []);
    });
  });
}
