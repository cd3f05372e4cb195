// The user guides are tested: every ```sh block with a curl in docs/organizer-guide.md and
// docs/volunteer-guide.md runs, in order, with bash and the real curl against the real API
// (listening on a port, demo data seeded), and its last request must answer with the status its
// `# expect: NNN` line promises. Blocks of one guide share one shell, so ids saved by one
// step are there for the next, as they are for a reader.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';

const docs = new URL('../../../docs/', import.meta.url);
const GUIDE_URL = 'http://localhost:3000';

interface Block {
  heading: string;
  code: string;
  expect: number;
}

/** The ```sh blocks that call curl, with the section they are in and their expected status. */
function curlBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let heading = '';
  const pattern = /^## (.+)$|^```sh\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    if (match[1] !== undefined) {
      heading = match[1];
      continue;
    }
    const code = match[2] ?? '';
    if (!/\bcurl\b/.test(code)) continue;
    const expect = /^# expect: (\d{3})$/m.exec(code);
    blocks.push({ heading, code, expect: expect ? Number(expect[1]) : Number.NaN });
  }
  return blocks;
}

/**
 * Runs the blocks in one bash. A `curl` function wraps the real one to report each status on
 * stderr (`%{stderr}` in --write-out), so the blocks' own pipes and `$(...)` see the body only.
 */
function runBlocks(
  blocks: Block[],
  baseUrl: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ statuses: number[][]; stdout: string[]; stderr: string }> {
  const script = [
    `curl() { command curl --show-error --write-out '%{stderr}@@status %{http_code}\\n' "$@"; }`,
    ...blocks.flatMap((block, i) => [
      `printf '@@block ${i}\\n' >&2; printf '@@block ${i}\\n'`,
      block.code.replaceAll(GUIDE_URL, baseUrl),
    ]),
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 10_000_000 },
      (error, stdout, stderr) => {
        if (error?.killed) return reject(error);
        const statuses: number[][] = blocks.map(() => []);
        let current = -1;
        for (const line of stderr.split('\n')) {
          const block = /^@@block (\d+)$/.exec(line);
          if (block) current = Number(block[1]);
          const status = /@@status (\d{3})$/.exec(line);
          if (status && current >= 0) statuses[current]!.push(Number(status[1]));
        }
        const outputs = stdout.split(/^@@block \d+\n/m).slice(1);
        resolve({ statuses, stdout: outputs, stderr });
      },
    );
  });
}

t.test('the guides run against the API with the demo data', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  t.teardown(drop);
  const { tokens } = await seedDemo(db, new Date().toISOString());
  const app = await buildApp({ db, logger: false });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const secret = (label: string): string => {
    const token = tokens.find((x) => x.label === label);
    if (!token) throw new Error(`no demo token ${label}`);
    return token.token;
  };
  const organizer = await db.tokens.verify(secret('王家园社区 organizer'));
  const volunteer = await db.tokens.verify(secret('李娜 volunteer'));
  const env = {
    ORGANIZER_TOKEN: secret('王家园社区 organizer'),
    UNIT_ID: organizer?.unitId ?? '',
    VOLUNTEER_TOKEN: secret('李娜 volunteer'),
    PERSON_ID: volunteer?.personId ?? '',
  };
  t.ok(env.UNIT_ID && env.PERSON_ID, 'the demo tokens are bound');

  const cwd = await mkdtemp(join(tmpdir(), 'rota-guides-'));
  t.teardown(() => rm(cwd, { recursive: true, force: true }));

  for (const guide of ['organizer-guide.md', 'volunteer-guide.md']) {
    await t.test(guide, async (t) => {
      const blocks = curlBlocks(await readFile(new URL(guide, docs), 'utf8'));
      t.ok(blocks.length >= 8, `${blocks.length} curl blocks`);
      const run = await runBlocks(blocks, baseUrl, cwd, env);
      blocks.forEach((block, i) => {
        const statuses = run.statuses[i] ?? [];
        t.ok(Number.isInteger(block.expect), `"${block.heading}" block ${i} says what to expect`);
        // The expected status is the last request's; a lookup before it must succeed.
        const ok =
          statuses.at(-1) === block.expect &&
          statuses.slice(0, -1).every((status) => status >= 200 && status < 300);
        t.ok(ok, `"${block.heading}" block ${i}: expect ${block.expect}`, {
          got: statuses,
          output: run.stdout[i],
          code: block.code,
        });
      });
      t.notMatch(run.stderr, /command not found/, 'every tool the guide uses exists');
    });
  }

  // What the guides tell the reader they will see, checked in the files the steps saved.
  const read = async (name: string) => readFile(join(cwd, name), 'utf8');
  t.match(JSON.parse(await read('event.json')), { kind: 'vaccination_clinic', status: 'draft' });
  const csv = await read('roster.csv');
  t.ok(csv.startsWith('\uFEFF'), 'the CSV roster starts with a BOM for Excel');
  t.match(csv, /张建国/, 'with Chinese names intact');
  t.match(JSON.parse(await read('family.json')), {
    status: 'waitlisted',
    waitlistPosition: 2,
    seats: 3,
  });
  t.match(await read('my-shifts.ics'), /BEGIN:VCALENDAR[\s\S]*清洁家园/);
  // The volunteer kept the cleanup drive and cancelled the family signup, as the guide says.
  const signups = await db.people.signups(env.PERSON_ID, { limit: 50 });
  t.same(signups.items.map((s) => [s.event.kind, s.status]).sort(), [
    ['cleanup_drive', 'confirmed'],
    ['parent_child', 'cancelled'],
  ]);
});
