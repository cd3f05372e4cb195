import { RotaProblem } from './rota-problem.ts';

/** What an openapi-fetch call resolves to (the members `unwrap` reads). */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws `RotaProblem` for a non-2xx
 * answer. A 204 (no body) resolves to `undefined`.
 *
 * @example
 * const shift = await unwrap(rota.GET('/v1/shifts/{id}', { params: { path: { id } } }));
 */
export async function unwrap<T>(call: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw RotaProblem.from(error, response);
  return data as T;
}
