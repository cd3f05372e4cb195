// A small client over app.inject for the route tests: a bearer token per call, JSON bodies.
import type { FastifyInstance, InjectOptions } from 'fastify';

export interface Call {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected freely
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/**
 * Returns `call(token, method, url, payload?, headers?)`.
 *
 * @example
 * const res = await call(admin, 'POST', '/v1/units', { name: '平城区', kind: 'district' });
 */
export function clientFor(app: FastifyInstance) {
  return async function call(
    token: string | undefined,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Call> {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      body: type.includes('json') && res.body !== '' ? res.json() : res.body,
      headers: res.headers,
      text: res.body,
    };
  };
}
