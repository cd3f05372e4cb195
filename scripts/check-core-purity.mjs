// Lint rule biome cannot express: @rota/core reads no clock and nobody imports a package by a
// deep path (`@rota/db/src/...`); a subpath the package declares in its `exports` map
// (`@rota/db/testing`) is part of its surface. Imports of I/O modules and `process` are caught
// by biome.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.tap', '.turbo', 'coverage'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) yield path;
  }
}

const clock = [/\bDate\.now\s*\(/, /\bnew Date\(\s*\)/, /\bperformance\.now\s*\(/];
for (const file of files(join(root, 'packages/core/src'))) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (clock.some((re) => re.test(line))) {
      problems.push(`${relative(root, file)}:${i + 1}: core reads no clock; pass "now" in`);
    }
  });
}
/** `@rota/<name>/<subpath>` imports that a package's `exports` map declares. */
const declared = new Set();
for (const dir of ['packages', 'apps', 'tools']) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(root, dir, entry.name, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const key of Object.keys(pkg.exports ?? {})) {
      if (key.startsWith('./')) declared.add(`${pkg.name}/${key.slice(2)}`);
    }
  }
}
for (const dir of ['packages', 'apps']) {
  for (const file of files(join(root, dir))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const deep = /from\s+['"](@rota\/[a-z-]+\/[^'"]+)['"]/.exec(line);
      if (deep !== null && !declared.has(deep[1])) {
        problems.push(
          `${relative(root, file)}:${i + 1}: import @rota packages by name, not a deep path`,
        );
      }
    });
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('core purity and package boundaries: ok');
