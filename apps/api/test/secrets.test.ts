// Issue 10 item 9: secrets stay out of the logs. The feed key is masked in a request's URL
// however its name is encoded (`?%6Bey=`, `?k%65y=`); a 500's log entry names the failure,
// never the SQL text, its parameters or the values the database quotes (PGlite attaches the
// whole statement and its parameters to its errors).
import { Writable } from 'node:stream';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { logSerializers, redactUrl } from '../src/http/log-serializers.ts';

const NOW = '2026-11-28T04:00:00.000Z';

function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: { level: 'info', serializers: logSerializers, stream } };
}

t.test('the feed key is masked however its name is encoded', async (t) => {
  for (const [url, masked] of [
    ['/c.ics?key=s1', '/c.ics?key=***'],
    ['/c.ics?%6Bey=s2', '/c.ics?%6Bey=***'],
    ['/c.ics?k%65y=s3', '/c.ics?k%65y=***'],
    ['/c.ics?%6b%65%79=s4', '/c.ics?%6b%65%79=***'],
    ['/c.ics?KEY=s5', '/c.ics?KEY=***'],
    ['/c.ics?from=2026&key=s6&x=1', '/c.ics?from=2026&key=***&x=1'],
    ['/c.ics?%zz=s7', '/c.ics?%zz=***'],
    ['/c.ics?monkey=ok', '/c.ics?monkey=ok'],
  ]) {
    t.equal(redactUrl(String(url)), masked, String(url));
  }

  const { lines, logger } = logCapture();
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  const app = await buildApp({ db, now: () => NOW, logger });
  t.teardown(async () => {
    await app.close();
    await drop();
  });
  await app.inject({ method: 'GET', url: '/v1/people/p1/calendar.ics?%6Bey=feed-secret-1' });
  await app.inject({ method: 'GET', url: '/v1/people/p1/calendar.ics?k%65y=feed-secret-2' });
  t.ok(lines.length > 0, 'the requests were logged');
  t.notMatch(lines.join(''), /feed-secret/, 'no feed key in the log');
});

t.test("a 500's log entry carries no SQL text and no parameters", async (t) => {
  const { lines, logger } = logCapture();
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  const admin = (await db.tokens.create({ role: 'admin' })).token;
  const kysely = (db as unknown as { kysely: { selectFrom: (table: string) => any } }).kysely;
  // A real PGlite failure, with personal data among its parameters.
  const failing = Object.create(db) as typeof db;
  Object.assign(failing, {
    kind: db.kind,
    units: {
      ...db.units,
      get: () =>
        kysely
          .selectFrom('people')
          .selectAll()
          .where('birth_date', '=', '+8613800138000')
          .where('name', '=', '王芳')
          .execute(),
    },
  });
  const app = await buildApp({ db: failing, now: () => NOW, logger });
  t.teardown(async () => {
    await app.close();
    await drop();
  });
  const res = await app.inject({
    method: 'GET',
    url: '/v1/units/u1',
    headers: { authorization: `Bearer ${admin}` },
  });
  t.equal(res.statusCode, 500);
  t.equal(res.json().code, 'internal_error');
  t.notMatch(res.body, /select|8613800138000/, 'nothing internal in the answer');
  const entry = lines.map((line) => JSON.parse(line)).find((e) => e.msg === 'unhandled error');
  t.ok(entry, 'the failure is logged');
  t.match(entry.err.code, /^22[0-9A-Z]{3}$/, 'with its SQLSTATE');
  const text = JSON.stringify(entry);
  t.notMatch(text, /8613800138000/, 'no parameter value');
  t.notMatch(text, /王芳/, 'no personal data');
  t.notMatch(text, /select .* from/i, 'no SQL text');
});
