// The real server (src/server.ts) as its own process on a PostgreSQL database, for tests that
// need two processes or kill one: started on a free port, resolved once its banner says where
// it listens.
import { type ChildProcess, spawn } from 'node:child_process';

const serverFile = new URL('../../src/server.ts', import.meta.url).pathname;

/** A started server process and its base URL. */
export interface ServerProcess {
  base: string;
  child: ChildProcess;
}

/** Starts the server on `databaseUrl` with `adminToken`; rejects if it exits or is silent 60 s. */
export function startServerProcess(
  databaseUrl: string,
  adminToken: string,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverFile], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ROTA_DEMO: '0',
      ROTA_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner in 60 s: ${errors}`));
    }, 60_000);
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const base = /Rota API listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (base) {
        clearTimeout(timer);
        resolve({ base, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${errors}`));
    });
  });
}
