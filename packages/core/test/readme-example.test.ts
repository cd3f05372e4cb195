// The README's "Use the library" sample is code that runs: this test takes the ```ts block out
// of README.md, writes it to a file that imports `@rota/core` by name (as another app would),
// runs it on this Node and checks what it prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

t.test('the README library sample runs and prints what it says', async (t) => {
  const section = readme.split(/^## Use the library$/m)[1];
  t.ok(section, 'README.md has a "Use the library" section');
  const code = /```ts\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  t.ok(code, 'the section has a ts code block');
  t.match(code, /from '@rota\/core'/, 'it imports the package by name');

  // The fixture folder sits inside the repository, so `@rota/core` resolves through the
  // workspace's node_modules exactly as it does for an app in this monorepo.
  const dir = t.testdir({});
  const file = join(dir, 'readme-example.ts');
  writeFileSync(file, code ?? '');
  const output = execFileSync(process.execPath, ['--disable-warning=ExperimentalWarning', file], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'America/New_York' },
  });
  t.same(output.trim().split('\n'), [
    // four Saturdays, the second left out; 09:00 in Beijing whatever the process zone
    '2026-12-05T09:00:00+08:00',
    '2026-12-19T09:00:00+08:00',
    '2026-12-26T09:00:00+08:00',
    '听课座位 40 60',
    "{ kind: 'waitlisted', position: 3 }",
  ]);
});

t.test('the README library sample typechecks against the public surface', async (t) => {
  const code = /```ts\n([\s\S]*?)```/.exec(readme.split(/^## Use the library$/m)[1] ?? '')?.[1];
  const dir = t.testdir({ 'readme-example.ts': code ?? '' });
  // Type stripping runs the sample without checking it: tsc (7, native) checks it with the
  // project's strict options, resolving `@rota/core` through its exports map.
  const tsc = fileURLToPath(
    new URL('../../../node_modules/typescript/lib/tsc.js', import.meta.url),
  );
  const args = [
    tsc,
    '--ignoreConfig',
    '--noEmit',
    '--strict',
    '--noUncheckedIndexedAccess',
    '--target',
    'es2023',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--allowImportingTsExtensions',
    '--skipLibCheck',
    '--types',
    'node',
    join(dir, 'readme-example.ts'),
  ];
  // Without tap's loaders (NODE_OPTIONS): tsc is plain JavaScript and trips over them.
  const { NODE_OPTIONS: _, ...env } = process.env;
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  t.equal(result.status, 0, `tsc found no error\n${result.stdout}${result.stderr}`);
});
