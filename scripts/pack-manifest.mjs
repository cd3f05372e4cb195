// npm pack / npm publish of a workspace package: `prepack` swaps in the published manifest,
// `postpack` puts the workspace's back.
//
// In this repository a package's `exports` point at its TypeScript sources (`./src/index.ts`):
// every Node process and test runs them directly, no build step, no stale output. A consumer
// gets compiled JavaScript: the tarball's package.json takes its `exports` from
// `publishConfig.exports` (pnpm applies the same field natively), which points at `dist/src`
// that `tsc -b` emits (ESM, .d.ts, declaration maps). Usage, in the package's scripts:
//   "prepack": "tsc -b && node ../../scripts/pack-manifest.mjs apply",
//   "postpack": "node ../../scripts/pack-manifest.mjs restore"
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const MANIFEST = 'package.json';
const SAVED = 'package.json.workspace';
const step = process.argv[2];

if (step === 'apply') {
  if (existsSync(SAVED)) {
    throw new Error(`${SAVED} exists: a pack was interrupted; restore it to package.json first`);
  }
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  const { exports, ...restOfPublishConfig } = manifest.publishConfig ?? {};
  if (!exports) throw new Error('publishConfig.exports is missing: nothing to publish');
  writeFileSync(SAVED, text);
  manifest.exports = exports;
  if (Object.keys(restOfPublishConfig).length > 0) manifest.publishConfig = restOfPublishConfig;
  else delete manifest.publishConfig;
  // Workspace-only: the swap itself, and the scripts that run sources in this repository.
  delete manifest.scripts?.prepack;
  delete manifest.scripts?.postpack;
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (step === 'restore') {
  if (existsSync(SAVED)) renameSync(SAVED, MANIFEST);
} else {
  throw new Error('usage: pack-manifest.mjs apply|restore');
}
