// Issue 10 item 8: every answer Rota controls is problem+json with a code, also those that
// never reach a route: a request arriving while the server shuts down (503 shutting_down with
// Retry-After, not Fastify's plain JSON), malformed HTTP (400, not Node's bare answer), a body
// over the limit (413 payload_too_large, not a 400).
import net from 'node:net';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { createFakeDb } from './support/fake-db.ts';

const NOW = '2026-11-28T04:00:00.000Z';

/** Sends raw bytes and collects what comes back until the server closes or `ms` pass. */
function exchange(socket: net.Socket, bytes: string, ms = 1_000): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const done = () => resolve(answer);
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.once('close', done);
    setTimeout(done, ms);
    socket.write(bytes);
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
  });
}

t.test('a body over the limit is 413 payload_too_large', async (t) => {
  const db = createFakeDb();
  const admin = await db.tokens.create({ role: 'admin', secret: 'admin-secret' });
  const app = await buildApp({ db, now: () => NOW });
  t.teardown(() => app.close());
  const res = await app.inject({
    method: 'POST',
    url: '/v1/units',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024), kind: 'district' }),
  });
  t.equal(res.statusCode, 413);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.equal(res.json().code, 'payload_too_large');
});

t.test('malformed HTTP is a 400 problem+json', async (t) => {
  const app = await buildApp({ db: createFakeDb(), now: () => NOW });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  const answer = await exchange(
    await connect(port),
    'GET /health HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n',
  );
  t.match(answer, /^HTTP\/1\.1 400 /);
  t.match(answer, /content-type: application\/problem\+json/i);
  t.match(answer, /"code":"validation_failed"/);
});

t.test('a request during shutdown is 503 shutting_down with Retry-After', async (t) => {
  const db = createFakeDb();
  const admin = await db.tokens.create({ role: 'admin', secret: 'admin-secret' });
  const unit = await db.units.create({ name: '平城区', kind: 'district' });
  const app = await buildApp({ db, now: () => NOW });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;

  // A request in flight holds the connection open (the database answers slowly).
  let open!: () => void;
  db.gate = new Promise((resolve) => {
    open = resolve;
  });
  const socket = await connect(port);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('utf8');
  });
  const request = (path: string) =>
    `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\nConnection: keep-alive\r\n\r\n`;
  socket.write(request(`/v1/units/${unit.id}`));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const closing = app.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  // The next request on the kept-alive connection, while the first is still running.
  socket.write(request('/health/live'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  db.gate = undefined;
  open();
  await closing;
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();

  const answers = received.split(/(?=HTTP\/1\.1 )/);
  t.equal(answers.length, 2, 'both requests answered');
  t.match(answers[0], /^HTTP\/1\.1 200 /, 'the request in flight finished');
  t.match(answers[1], /^HTTP\/1\.1 503 /);
  t.match(answers[1], /content-type: application\/problem\+json/i);
  t.match(answers[1], /retry-after: 1/i);
  t.match(answers[1], /"code":"shutting_down"/);
});
