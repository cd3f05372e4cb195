// Where the CPU of a load went, from /proc (Linux): the API processes, the PostgreSQL backends
// of the bench's database, the other postgres processes (WAL writer, checkpointer, autovacuum,
// and anyone else's backends on a shared machine), and the whole machine; the load generator
// reports its own (process.cpuUsage in the load worker).
import { readdir, readFile } from 'node:fs/promises';
import { parseProcStat } from '@rota/bench-kit';
import pg from 'pg';

/** Clock ticks per second of /proc/stat's times (USER_HZ: 100 on Linux everywhere). */
const TICKS = 100;

interface ProcessTimes {
  cpuMs: number;
  postgres: boolean;
}

export interface CpuSnapshot {
  at: number;
  processes: Map<number, ProcessTimes>;
  /** Busy and total ticks of the whole machine (/proc/stat), all cores together. */
  busy: number;
  total: number;
  /** The PostgreSQL backends serving the bench's database at the snapshot. */
  backends: Set<number>;
}

async function processTimes(): Promise<Map<number, ProcessTimes>> {
  const processes = new Map<number, ProcessTimes>();
  for (const name of await readdir('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const { command, cpuMs } = parseProcStat(await readFile(`/proc/${name}/stat`, 'utf8'));
      processes.set(Number(name), { cpuMs, postgres: command.startsWith('postgres') });
    } catch {
      // gone meanwhile
    }
  }
  return processes;
}

async function machineTimes(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

async function backendsOf(databaseUrl: string): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return new Set(rows.map((r) => r.pid));
  } finally {
    await client.end();
  }
}

/** The CPU times of every process now, and which backends serve `databaseUrl`'s database. */
export async function cpuSnapshot(databaseUrl: string): Promise<CpuSnapshot> {
  const backends = await backendsOf(databaseUrl);
  const [processes, machine] = await Promise.all([processTimes(), machineTimes()]);
  return { at: performance.now(), processes, backends, ...machine };
}

/** CPU seconds between two snapshots, by who used them. */
export interface CpuSplit {
  seconds: number;
  api: number;
  /** The backends of the bench's database (seen at either snapshot). */
  database: number;
  /** Every other postgres process. */
  otherPostgres: number;
  /** The whole machine's busy time, in cores (busy CPU seconds per second). */
  machineCores: number;
}

export function cpuSplit(a: CpuSnapshot, b: CpuSnapshot, apiPids: readonly number[]): CpuSplit {
  const used = (pid: number) =>
    ((b.processes.get(pid)?.cpuMs ?? 0) - (a.processes.get(pid)?.cpuMs ?? 0)) / 1000;
  const backends = new Set([...a.backends, ...b.backends]);
  let database = 0;
  let otherPostgres = 0;
  for (const [pid, times] of b.processes) {
    if (!times.postgres) continue;
    if (backends.has(pid)) database += used(pid);
    else otherPostgres += used(pid);
  }
  const seconds = (b.at - a.at) / 1000;
  const cores = (b.busy - a.busy) / (b.total - a.total || 1);
  const coreCount = Math.round((b.total - a.total) / TICKS / seconds) || 1;
  return {
    seconds,
    api: apiPids.reduce((sum, pid) => sum + used(pid), 0),
    database,
    otherPostgres,
    machineCores: cores * coreCount,
  };
}
