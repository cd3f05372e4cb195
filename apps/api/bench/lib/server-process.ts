// The API server under test, as a child process: `node apps/api/src/server.ts` with its settings
// in the environment, exactly as it runs in production (without npm and turbo in front).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

const serverPath = new URL('../../src/server.ts', import.meta.url).pathname;
const repoRoot = new URL('../../../../', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawn to the first 200 of GET /health. */
  startupMs: number;
  /** The kernel's high-water mark of the process's resident set (VmHWM), in MiB. */
  peakRssMb(): Promise<number>;
  /** The process's resident set now (VmRSS), in MiB. */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}

/**
 * Starts the server with `env` (DATABASE_URL or ROTA_DATA_DIR, ROTA_ADMIN_TOKEN, ...) on a free
 * port of 127.0.0.1 and waits until it answers. `npmStart`: through `npm start` at the root
 * (turbo builds what is needed first), in its own process group so that stop() ends it whole.
 * `script`: another entry point that reads PORT and HOST the same way (the HTTP floor).
 */
export async function startServer(
  env: Record<string, string | undefined>,
  options: { npmStart?: boolean; script?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: Record<string, string> = {};
  const merged = { ...process.env, ROTA_DEMO: '0', LOG_LEVEL: 'warn', ...env };
  for (const [name, value] of Object.entries(merged)) {
    // undefined unsets: the embedded database is chosen by leaving DATABASE_URL out.
    if (value !== undefined) childEnv[name] = value;
  }
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const spawnEnv = { ...childEnv, HOST: '127.0.0.1', PORT: String(port) };
  const child = options.npmStart
    ? spawn('npm', ['start'], {
        cwd: repoRoot,
        env: { ...spawnEnv, TURBO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      })
    : spawn(process.execPath, [...nodeArgs, options.script ?? serverPath], {
        env: spawnEnv,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (options.npmStart) process.kill(-child.pid!, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  try {
    // A first start on a new PGlite folder (initdb) takes long on a busy machine.
    await waitForHealth(url, child, 180_000);
  } catch (error) {
    signal('SIGKILL');
    throw error;
  }
  const startupMs = performance.now() - started;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid!,
    startupMs,
    async peakRssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    async stop() {
      if (child.exitCode === null) {
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Through npm, the server is npm's child: wait until the whole group is gone, so that
      // nothing still writes to its data folder when the caller removes it.
      for (let waited = 0; options.npmStart && waited < 10_000; waited += 50) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
