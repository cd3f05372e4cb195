// expandSchedule against raw rrule `.between()` on the same rule and window: windows early and
// late in 10-year daily and weekly rules, in a DST zone (America/New_York) and one without
// (Asia/Shanghai). Each figure is the median of 9 runs (after a warm-up) of the time per call.
// Raw rrule runs in floating time (no tzid), so it does strictly less work than we do (no
// zone conversion, no formatting): the ratio is our cost over the bare expansion.
import rrule from 'rrule';
import { expandSchedule } from '../src/index.ts';

const { RRule, rrulestr } = rrule;
const RUNS = 9;
const BUDGET_MS = 40; // per run: calls are repeated until this much time has passed

function timePerCall(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) fn(); // warm-up
  for (let run = 0; run < RUNS; run++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < BUDGET_MS) {
      fn();
      calls++;
      elapsed = performance.now() - start;
    }
    samples.push((elapsed / calls) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(RUNS / 2)]!;
}

const rules = [
  { name: 'daily 10y', rrule: 'FREQ=DAILY;UNTIL=20291231T235959' },
  { name: 'weekly 10y', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20291231T235959' },
];
const windows = [
  { name: 'first month', from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' },
  { name: 'last month', from: '2029-12-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
];
const zones = ['America/New_York', 'Asia/Shanghai'];

const rows: string[][] = [];
for (const rule of rules) {
  for (const zone of zones) {
    for (const window of windows) {
      const schedule = {
        start: '2020-01-01T09:00',
        timeZone: zone,
        durationMinutes: 60,
        rrule: rule.rrule,
      };
      const raw = rrulestr(`DTSTART:20200101T090000\nRRULE:${rule.rrule}`, { forceset: false });
      if (!(raw instanceof RRule)) throw new Error('expected a plain RRule');
      // The same floating span our expansion looks at, widened by a day on each side.
      const after = new Date(Date.parse(window.from) - 86_400_000);
      const before = new Date(Date.parse(window.to) + 86_400_000);
      const ours = timePerCall(() => expandSchedule(schedule, window));
      const theirs = timePerCall(() =>
        new RRule(raw.origOptions, true).between(after, before, true),
      );
      const count = expandSchedule(schedule, window).length;
      rows.push([
        rule.name,
        zone,
        window.name,
        String(count),
        ours.toFixed(0),
        theirs.toFixed(0),
        (ours / theirs).toFixed(2),
      ]);
    }
  }
}

const header = [
  'rule',
  'zone',
  'window',
  'occurrences',
  'expandSchedule µs',
  'rrule.between µs',
  'ratio',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string =>
  `| ${cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
console.log(line(header));
console.log(
  `|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
);
for (const row of rows) console.log(line(row));
console.log(
  `\nmedian of ${RUNS} runs of ~${BUDGET_MS} ms each, after a warm-up; ratio < 1: we are faster`,
);
