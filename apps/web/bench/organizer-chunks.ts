// What the organizer pages cost, from Vite's build manifest: the shell (the menu and the
// route table) and each area's page are lazy chunks; an organizer's first visit loads the
// shell and one page. Volunteers load none of it: the report says how much is shared with
// the volunteers' own lazy pages (antd components both use), which is not organizer-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isDynamicEntry?: boolean;
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

const SHELL = 'src/organizer/OrganizerPage.tsx';

/** The files (JS and CSS) a chunk loads before it runs: itself and its static imports. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const files = new Set<string>();
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) {
    for (const file of staticClosure(manifest, imported, seen)) files.add(file);
  }
  return files;
}

const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));

/** Prints the organizer chunks' gzip sizes; `dist` holds the build and `.vite/manifest.json`. */
export function reportOrganizerChunks(dist: string): void {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const gzip = (files: Iterable<string>) =>
    [...files].reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length,
      0,
    );
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

  const entry = staticClosure(manifest, 'index.html');
  const lazy = Object.keys(manifest).filter((k) => manifest[k]?.isDynamicEntry);
  const volunteer = new Set<string>();
  for (const key of lazy.filter((k) => !k.startsWith('src/organizer/'))) {
    for (const file of staticClosure(manifest, key)) volunteer.add(file);
  }
  const shell = minus(staticClosure(manifest, SHELL), entry);
  let all = new Set(shell);
  console.log(`organizer shell (menu, routes)          ${kb(gzip(shell))} gzip`);
  for (const key of lazy.filter((k) => k.startsWith('src/organizer/') && k !== SHELL).sort()) {
    const page = minus(minus(staticClosure(manifest, key), entry), shell);
    all = new Set([...all, ...page]);
    console.log(
      `organizer page ${key.slice('src/organizer/'.length).padEnd(25)} ${kb(gzip(page))} gzip`,
    );
  }
  const shared = new Set([...all].filter((f) => volunteer.has(f)));
  console.log(
    `organizer pages: ${kb(gzip(all))} gzip of JS + CSS in ${all.size} lazy files, none loaded by find a shift` +
      (shared.size > 0
        ? ` (${kb(gzip(shared))} of it shared with the volunteers' lazy pages)`
        : ''),
  );
}
