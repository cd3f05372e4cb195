// `npm run worker` as the bench runs it: `node apps/api/src/worker.ts` as a child process on the
// same database as the server, so that the notification work leaves the API process.
import { spawn } from 'node:child_process';

const workerPath = new URL('../../src/worker.ts', import.meta.url).pathname;

export interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
}

/** Starts the worker with `env` (DATABASE_URL, ...) and waits until it says it runs. */
export async function startWorkerProcess(
  env: Record<string, string | undefined>,
): Promise<WorkerProcess> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) childEnv[name] = value;
  }
  const child = spawn(process.execPath, [workerPath], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('worker did not start in 60 s')), 60_000);
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}`));
    });
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
