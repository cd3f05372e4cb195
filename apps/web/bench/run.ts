// `npm run bench -w @rota/web`: what a volunteer's phone downloads for "Find a shift", against
// a stated budget, what the organizer pages add (organizers only), and (BENCH_LIGHTHOUSE=1) Lighthouse 12's mobile scores for the volunteer
// pages, against a real server with the demo data. Figures go to docs/performance.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { reportOrganizerChunks } from './organizer-chunks.ts';

/** The budget for the JS + CSS the find-a-shift page loads, gzip: held by this bench. */
const BUDGET_KB = 320;
const dist = new URL('../dist/', import.meta.url).pathname;

// The manifest maps each lazy chunk to its source (the organizer report reads it).
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--manifest'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
});
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// What the page loads before any navigation: the entry script, its preloaded chunks, the CSS.
// Lazy chunks (the organizer pages) are not referenced here, so they cost volunteers nothing.
const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1]!,
);
let total = 0;
for (const asset of assets) {
  const bytes = gzipSync(readFileSync(join(dist, asset)), { level: 9 }).length;
  total += bytes;
  console.log(`${asset.padEnd(40)} ${(bytes / 1024).toFixed(1)} KB gzip`);
}
const kb = total / 1024;
console.log(`find a shift: ${kb.toFixed(1)} KB gzip of JS + CSS (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
  process.exitCode = 1;
}

reportOrganizerChunks(dist);

if (process.env.BENCH_LIGHTHOUSE === '1') {
  const { startRotaServer, admin } = await import('../e2e/rota-server.ts');
  const { CHROMIUM } = await import('../e2e/browser.ts');
  const server = await startRotaServer();
  try {
    // Lighthouse loads pages without our cookie: it measures the first visit (sign-in page,
    // "please sign in") and, with a session cookie passed as a header, Find a shift.
    const link = await admin<{ code: string }>(server, 'POST', '/v1/sign-in-links', {
      personId: server.volunteerPersonId,
    });
    const res = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rota-csrf': '1' },
      body: JSON.stringify({ code: link.code }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    for (const page of ['/', '/signups', '/hours']) {
      const out = execFileSync(
        'npx',
        [
          'lighthouse',
          `${server.url}${page}`,
          '--quiet',
          '--output=json',
          '--only-categories=performance,accessibility,best-practices',
          `--extra-headers=${JSON.stringify({ cookie })}`,
          '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync',
        ],
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(out.toString()) as {
        categories: Record<string, { score: number }>;
        audits: Record<string, { displayValue?: string }>;
      };
      const score = (k: string) => Math.round((report.categories[k]?.score ?? 0) * 100);
      // The metrics behind the performance score (simulated slow 4G, 4x slower CPU).
      const metric = (k: string) => report.audits[k]?.displayValue?.replace(/\s/g, ' ') ?? '-';
      console.log(
        `lighthouse mobile ${page}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
      );
    }
  } finally {
    await server.stop();
  }
}
