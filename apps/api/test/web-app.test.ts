// The web app served at `/`: its files, index.html for its own page paths, and never a page
// where the API answers (its 404s stay problem+json).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { createFakeDb } from './support/fake-db.ts';

t.test('the built web app at / with a fallback that never shadows the API', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rota-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Rota</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  const app = await buildApp({ db: createFakeDb(), webRoot: root });
  t.teardown(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  for (const url of ['/', '/signups', '/shifts/abc', '/sign-in', '/hours?x=1']) {
    const res = await get(url);
    t.equal(res.statusCode, 200, url);
    t.match(res.headers['content-type'], /^text\/html/, `${url}: the app`);
    t.equal(res.headers['cache-control'], 'no-cache', `${url}: revalidated`);
  }
  const asset = await get('/assets/index-abc.js');
  t.equal(asset.statusCode, 200);
  t.match(asset.headers['cache-control'], /immutable/, 'hashed assets are cached for good');

  for (const url of ['/v1/nope', '/v1', '/docs/nope.js', '/assets/missing.js', '/favicon.ico']) {
    const res = await get(url);
    t.equal(res.statusCode, 404, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${url}: not the app`);
  }
  t.equal((await get('/v1/units')).statusCode, 401, 'the API still authenticates');
  t.equal((await get('/health')).statusCode, 200);
  t.match((await get('/openapi.json')).headers['content-type'], /json/);
  t.equal((await get('/docs/')).statusCode, 200, 'Swagger UI');
  const post = await app.inject({ method: 'POST', url: '/signups' });
  t.equal(post.statusCode, 404, 'only GET serves pages');
});

t.test('pre-compressed files go to browsers that accept them (phones on slow links)', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rota-web-'));
  await mkdir(join(root, 'assets'));
  const html = '<!doctype html><title>Rota</title>';
  const js = 'console.log("社区志愿服务")'.repeat(50);
  await writeFile(join(root, 'index.html'), html);
  await writeFile(join(root, 'index.html.br'), brotliCompressSync(html));
  await writeFile(join(root, 'assets', 'index-abc.js'), js);
  await writeFile(join(root, 'assets', 'index-abc.js.br'), brotliCompressSync(js));
  await writeFile(join(root, 'assets', 'index-abc.js.gz'), gzipSync(js));
  const app = await buildApp({ db: createFakeDb(), webRoot: root });
  t.teardown(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });
  const get = (url: string, encoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: encoding === undefined ? {} : { 'accept-encoding': encoding },
    });

  const br = await get('/assets/index-abc.js', 'gzip, deflate, br');
  t.equal(br.statusCode, 200);
  t.equal(br.headers['content-encoding'], 'br', 'brotli first');
  t.match(br.headers.vary, /accept-encoding/i, 'caches keep one copy per encoding');
  t.match(br.headers['content-type'], /javascript/, 'the type of the original file');
  t.match(br.headers['cache-control'], /immutable/);
  t.equal(brotliDecompressSync(br.rawPayload).toString(), js);

  const gz = await get('/assets/index-abc.js', 'gzip');
  t.equal(gz.headers['content-encoding'], 'gzip');
  t.equal(gunzipSync(gz.rawPayload).toString(), js);

  const plain = await get('/assets/index-abc.js');
  t.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: the file as is');
  t.equal(plain.payload, js);

  for (const url of ['/', '/signups']) {
    const page = await get(url, 'br');
    t.equal(page.statusCode, 200, url);
    t.equal(page.headers['content-encoding'], 'br', `${url}: the page compressed too`);
    t.equal(brotliDecompressSync(page.rawPayload).toString(), html);
    t.equal(page.headers['cache-control'], 'no-cache');
  }
});

t.test('without a build, / is a plain 404 and the API is unchanged', async (t) => {
  const app = await buildApp({ db: createFakeDb(), webRoot: join(tmpdir(), 'no-such-web') });
  t.teardown(() => app.close());
  const res = await app.inject({ method: 'GET', url: '/' });
  t.equal(res.statusCode, 404);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
});
