// Starts the real server (apps/api/src/server.ts, as `npm start` does) on a free port with a
// throwaway embedded database and the demo data, and reads what its banner prints: the URL,
// the demo tokens and the demo sign-in links.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const serverFile = new URL('../../api/src/server.ts', import.meta.url).pathname;
export const ADMIN_TOKEN = randomBytes(32).toString('base64url');

export interface RotaServer {
  url: string;
  banner: string;
  /** The demo volunteer's (李娜's) person id, from the banner. */
  volunteerPersonId: string;
  /** The volunteer sign-in link the banner printed (one use). */
  volunteerLink: string;
  /** The demo organizer's (王家园社区's) sign-in link the banner printed (one use). */
  organizerLink: string;
  /** 王家园社区's unit id, from the banner. */
  organizerUnitId: string;
  stop(): Promise<void>;
}

/** Calls the API as the admin (the "someone" of the scenario, and the set-up). */
export async function admin<T = unknown>(
  server: { url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function startRotaServer(): Promise<RotaServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rota-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [serverFile], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      ROTA_DATA_DIR: dataDir,
      ROTA_ADMIN_TOKEN: ADMIN_TOKEN,
      ROTA_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The banner is on stdout; the secrets (tokens, sign-in links) on stderr.
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 120 s: ${err}`)), 120_000);
    const check = () => {
      if (/sign in as organizer/.test(out) && /Rota API listening/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then((code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  const url = /Rota API listening on (http:\/\/\S+)/.exec(banner)?.[1];
  const volunteerLink = /sign in as volunteer 李娜: (\S+)/.exec(banner)?.[1];
  const volunteerPersonId = /李娜 volunteer: \S+ +\(person (\S+)\)/.exec(banner)?.[1];
  const organizerLink = /sign in as organizer 王家园社区: (\S+)/.exec(banner)?.[1];
  const organizerUnitId = /王家园社区 organizer: \S+ +\(unit (\S+)\)/.exec(banner)?.[1];
  if (!url || !volunteerLink || !volunteerPersonId || !organizerLink || !organizerUnitId)
    throw new Error(`unexpected banner:\n${banner}`);
  return {
    url,
    banner,
    volunteerLink,
    volunteerPersonId,
    organizerLink,
    organizerUnitId,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
