// Benchmarks never touch a shared database: each creates its own and drops it at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where benchmarks create their throwaway databases when DATABASE_URL is not set. */
export const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/test';

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `rota_b_<prefix>_<random>` on the server of `serverUrl`. */
export async function createThrowawayDatabase(
  prefix: string,
  serverUrl = process.env.DATABASE_URL ?? defaultServerUrl,
): Promise<ThrowawayDatabase> {
  const name = `rota_b_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs SQL statements on `url` with a short-lived client. */
export async function runSql(url: string, statements: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

/** The server's durability settings, printed with every result. */
export async function durabilitySettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings
        where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay',
                       'server_version', 'max_connections', 'shared_buffers')
        order by name`,
    );
    return result.rows.map((row) => `${row.name}=${row.setting}`).join(' ');
  } finally {
    await client.end();
  }
}
