import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/rota-api.ts';

/** The typed client: openapi-fetch over Rota's generated `paths`. */
export type RotaClient = Client<paths>;

export interface RotaClientOptions {
  /** The server's origin, e.g. `http://localhost:3000` (paths start with `/v1/...`). */
  baseUrl: string;
  /**
   * A bearer token, or a function returning the current one (called per request; return
   * undefined to send none). Leave out for cookie sessions (see `credentials`).
   */
  token?: string | (() => string | undefined | Promise<string | undefined>) | undefined;
  /** `'include'` to send the session cookie cross-origin (the web app uses `'same-origin'`). */
  credentials?: RequestCredentials | undefined;
  /** Headers sent with every request (e.g. `Accept-Language: zh-CN`). */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Creates a typed client for the Rota HTTP API. Calls return `{ data, error, response }`
 * (openapi-fetch); wrap one in `unwrap(...)` to get the data or a thrown `RotaProblem`.
 *
 * @example
 * const rota = createRotaClient({ baseUrl: 'http://localhost:3000', token: process.env.ROTA_TOKEN });
 * const { items } = await unwrap(rota.GET('/v1/shifts', { params: { query: { available: 'true' } } }));
 */
export function createRotaClient(options: RotaClientOptions): RotaClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token !== undefined) client.use(bearer(token));
  return client;
}

function bearer(token: NonNullable<RotaClientOptions['token']>): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (value && !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${value}`);
      }
      return request;
    },
  };
}
