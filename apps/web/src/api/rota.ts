import { createRotaClient, type RotaClient } from '@rota/client';

/**
 * The one client the app uses: same origin (the API serves the app, and the dev server
 * proxies it), the session cookie sent by the browser, and the CSRF header every
 * cookie-authenticated write needs (docs/decisions/0007). Tests build their own with
 * `createRota(fetch)`.
 */
export function createRota(fetchImpl?: typeof fetch, baseUrl?: string): RotaClient {
  return createRotaClient({
    baseUrl: baseUrl ?? globalThis.location?.origin ?? 'http://localhost',
    credentials: 'same-origin',
    headers: { 'x-rota-csrf': '1' },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
