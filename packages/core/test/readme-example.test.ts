// The README's "Use the library" sample is code that runs: this test takes the ```ts block out
// of README.md, writes it to a file that imports `@rota/core` by name (as another app would),
// runs it on this Node and checks what it prints.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
