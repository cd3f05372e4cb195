// The client's helpers against a real listening server (Node's global fetch over TCP):
// bearer tokens, unwrap and RotaProblem, idempotency keys, cursor iteration.
import { buildApp } from '@rota/api';
import { createDatabase } from '@rota/db';
import t from 'tap';
import {
  allPages,
  createRotaClient,
  idempotent,
  newIdempotencyKey,
  RotaProblem,
  unwrap,
} from '../src/index.ts';

t.test('the typed client over HTTP', async (t) => {
  const db = await createDatabase({});
  const app = await buildApp({ db });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(async () => {
    await app.close();
    await db.close();
  });
  const admin = (await db.tokens.create({ role: 'admin', label: 'client test' })).token;
  const rota = createRotaClient({ baseUrl: `${baseUrl}/`, token: admin });

  t.test('unwrap returns typed data', async (t) => {
    const health = await unwrap(rota.GET('/health'));
    t.equal(health.status, 'ok');
  });

  t.test('a failed answer throws RotaProblem with its code and field errors', async (t) => {
    const anonymous = createRotaClient({ baseUrl });
    const error = await unwrap(anonymous.GET('/v1/units', {})).catch((e: unknown) => e);
    t.ok(error instanceof RotaProblem);
    t.equal((error as RotaProblem).status, 401);
    t.equal((error as RotaProblem).code, 'unauthorized');

    const invalid = await unwrap(
      // biome-ignore lint/suspicious/noExplicitAny: a body the types rule out, on purpose
      rota.POST('/v1/units', { body: { name: '', kind: 'district' } as any }),
    ).catch((e: unknown) => e);
    t.ok(invalid instanceof RotaProblem);
    t.equal((invalid as RotaProblem).code, 'validation_failed');
    t.ok((invalid as RotaProblem).problem.errors?.some((e) => e.path === 'name'));
    t.equal((invalid as RotaProblem).problem.instance, '/v1/units');
  });

  t.test('a token function is asked per request', async (t) => {
    let current: string | undefined;
    const client = createRotaClient({ baseUrl, token: () => current });
    t.equal((await client.GET('/v1/units', {})).response.status, 401);
    current = admin;
    t.equal((await client.GET('/v1/units', {})).response.status, 200);
  });

  t.test('an idempotency key replays the first answer', async (t) => {
    const key = newIdempotencyKey();
    const body = { name: '平城区', kind: 'district' as const };
    const first = await rota.POST('/v1/units', { params: { header: idempotent(key) }, body });
    const again = await rota.POST('/v1/units', { params: { header: idempotent(key) }, body });
    t.equal(first.response.status, 201);
    t.equal(again.response.headers.get('idempotent-replayed'), 'true');
    t.equal(again.data?.id, first.data?.id);
    t.not(newIdempotencyKey(), key);
  });

  t.test('allPages follows nextCursor to the end', async (t) => {
    const district = await unwrap(
      rota.POST('/v1/units', { body: { name: '新区', kind: 'district' } }),
    );
    for (const name of ['甲', '乙', '丙', '丁', '戊']) {
      await unwrap(
        rota.POST('/v1/units', {
          body: { name: `${name}街道`, kind: 'subdistrict', parentId: district.id },
        }),
      );
    }
    const names: string[] = [];
    let pages = 0;
    for await (const unit of allPages((cursor) => {
      pages += 1;
      return unwrap(
        rota.GET('/v1/units', { params: { query: { parentId: district.id, limit: 2, cursor } } }),
      );
    })) {
      names.push(unit.name);
    }
    t.equal(names.length, 5);
    t.equal(pages, 3);
  });
});
