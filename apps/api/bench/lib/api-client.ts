// A few JSON calls to the server under test, to build the fixtures through the contract.

export interface ApiClient {
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

/** Calls `baseUrl` with the bearer `token`; any non-2xx answer throws with its body. */
export function apiClient(baseUrl: string, token: string): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    post: (path, body) => call('POST', path, body),
    get: (path) => call('GET', path),
  };
}
