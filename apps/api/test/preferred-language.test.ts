// Issue 11, item 12: a person and a token carry a preferred language, and error answers and
// CSV headers follow, in order: Accept-Language, the token's language, the acting person's
// language, English (programs). Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import t from 'tap';
import { buildTestApp } from './support/build-test-app.ts';

const NOW = '2026-11-28T04:00:00.000Z';
const CSRF = { 'x-rota-csrf': '1' };

const backends: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

for (const backend of backends) {
  t.test(`preferred language on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const unit = (await call(admin, 'POST', '/v1/units', { name: '王家园社区', kind: 'community' }))
      .body.id as string;
    const token = async (body: object) => {
      const res = await call(admin, 'POST', '/v1/tokens', body);
      t.equal(res.status, 201, res.text);
      return res.body as { token: string; language: string | null };
    };
    const organizer = (await token({ role: 'organizer', unitId: unit })).token;
    /** A 404 asked for by `secret`: its title, detail and Content-Language. */
    const missing = async (secret: string | undefined, headers: Record<string, string> = {}) => {
      const res = await call(secret, 'GET', '/v1/shifts/nope', undefined, headers);
      t.equal(res.status, 404);
      return {
        title: res.body.title as string,
        detail: res.body.detail as string,
        language: res.headers['content-language'],
      };
    };
    const chinese = { title: '未找到', detail: '没有 id 为 nope 的班次', language: 'zh-CN' };
    const english = { title: 'Not found', detail: 'No shift nope', language: 'en' };

    await t.test('a person has a language: zh-CN by default, settable, one field', async (t) => {
      const plain = await call(organizer, 'POST', '/v1/people', { name: '王芳', unitId: unit });
      t.equal(plain.status, 201);
      t.equal(plain.body.language, 'zh-CN');
      const chosen = await call(organizer, 'POST', '/v1/people', {
        name: 'Anna Smith',
        unitId: unit,
        language: 'en',
      });
      t.equal(chosen.body.language, 'en');
      t.equal((await call(organizer, 'GET', `/v1/people/${chosen.body.id}`)).body.language, 'en');
      const prefs = await call(
        organizer,
        'GET',
        `/v1/people/${chosen.body.id}/notification-preferences`,
      );
      t.equal(prefs.body.language, 'en', 'the notices use the same field');

      const patched = await call(organizer, 'PATCH', `/v1/people/${plain.body.id}`, {
        language: 'en',
      });
      t.equal(patched.status, 200, patched.text);
      t.match(patched.body, { name: '王芳', language: 'en' });
      const both = await call(organizer, 'PATCH', `/v1/people/${plain.body.id}`, {
        name: '王芳芳',
        language: 'zh-CN',
      });
      t.match(both.body, { name: '王芳芳', language: 'zh-CN' });
      await call(organizer, 'PUT', `/v1/people/${plain.body.id}/notification-preferences`, {
        language: 'en',
      });
      const after = await call(organizer, 'GET', `/v1/people/${plain.body.id}`);
      t.equal(after.body.language, 'en', 'a choice made in the preferences shows on the person');

      const bad = await call(organizer, 'PATCH', `/v1/people/${plain.body.id}`, { language: 'fr' });
      t.equal(bad.status, 400);
      t.equal(bad.body.errors[0].path, 'language');
      const unknown = await call(organizer, 'PATCH', '/v1/people/nobody', { language: 'en' });
      t.equal(unknown.status, 404);
    });

    await t.test('programs: English unless the request or the token says', async (t) => {
      t.same(await missing(admin), english, 'an admin token without a language: English');
      t.same(await missing(organizer), english, 'an organizer token without a language');
      const zhToken = await token({ role: 'organizer', unitId: unit, language: 'zh-CN' });
      t.equal(zhToken.language, 'zh-CN', 'the creation answer shows the language');
      t.same(await missing(zhToken.token), chinese, "the token's language");
      t.same(await missing(zhToken.token, { 'accept-language': 'en-US' }), english, 'header wins');
      t.same(await missing(organizer, { 'accept-language': 'zh' }), chinese);
      t.same(
        await missing(zhToken.token, { 'accept-language': 'fr' }),
        chinese,
        'a header naming neither language falls back to the token',
      );

      const validation = await call(zhToken.token, 'GET', '/v1/shifts?limit=0');
      t.same(validation.body.errors, [{ path: 'query.limit', message: '不能小于 1' }]);
    });

    await t.test("a person's token and session speak the person's language", async (t) => {
      const zhPerson = (await call(organizer, 'POST', '/v1/people', { name: '李娜', unitId: unit }))
        .body.id as string;
      const enPerson = (
        await call(organizer, 'POST', '/v1/people', { name: 'Li Na', unitId: unit, language: 'en' })
      ).body.id as string;
      const zhVolunteer = (await token({ role: 'volunteer', personId: zhPerson })).token;
      const enVolunteer = (await token({ role: 'volunteer', personId: enPerson })).token;
      t.same(await missing(zhVolunteer), chinese, 'a person who chose nothing reads Chinese');
      t.same(await missing(enVolunteer), english);
      t.same(await missing(zhVolunteer, { 'accept-language': 'en' }), english, 'header wins');

      const enToken = (await token({ role: 'volunteer', personId: zhPerson, language: 'en' }))
        .token;
      t.same(await missing(enToken), english, "the token's language before the person's");

      await call(organizer, 'PATCH', `/v1/people/${zhPerson}`, { language: 'en' });
      t.same(await missing(zhVolunteer), english, 'a change applies to the next request');

      const link = await call(admin, 'POST', '/v1/sign-in-links', { personId: enPerson });
      const session = await call(undefined, 'POST', '/v1/sessions', { code: link.body.code }, CSRF);
      t.equal(session.status, 201, session.text);
      const cookie = String(session.headers['set-cookie']).split(';')[0] as string;
      t.same(await missing(undefined, { cookie }), english, "a session: the person's language");
      await call(organizer, 'PATCH', `/v1/people/${enPerson}`, { language: 'zh-CN' });
      t.same(await missing(undefined, { cookie }), chinese);
    });

    await t.test('CSV headers follow the same order', async (t) => {
      const event = await call(organizer, 'POST', '/v1/events', {
        unitId: unit,
        kind: 'general',
        title: '清扫楼道',
        start: '2026-12-05T14:00',
        durationMinutes: 60,
        slots: [{ key: 'helper', name: '志愿者', role: 'volunteer', capacity: 2 }],
        status: 'published',
      });
      t.equal(event.status, 201, event.text);
      const occurrences = await call(organizer, 'GET', `/v1/events/${event.body.id}/occurrences`);
      const shiftId = occurrences.body.items[0].shifts[0].id as string;
      const zhToken = (await token({ role: 'organizer', unitId: unit, language: 'zh-CN' })).token;
      const roster = (secret: string, headers: Record<string, string> = {}) =>
        call(secret, 'GET', `/v1/shifts/${shiftId}/roster.csv`, undefined, headers);
      t.match((await roster(zhToken)).text, /^\uFEFF姓名,电话,状态/);
      t.match((await roster(organizer)).text, /^\uFEFFname,phone,status/);
      t.match((await roster(zhToken, { 'accept-language': 'en' })).text, /^\uFEFFname,/);
    });
  });
}
