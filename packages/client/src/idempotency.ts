/** A fresh `Idempotency-Key` value (a random UUID, from Web Crypto in browsers and Node). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The header that makes a POST safe to retry: the same key, token and body replay the first
 * answer (`Idempotent-Replayed: true`). Keep the key to retry with it; a new action needs a
 * new key.
 *
 * @example
 * const key = newIdempotencyKey();
 * await rota.POST('/v1/shifts/{id}/signups', { params: { path: { id }, header: idempotent(key) }, body });
 */
export function idempotent(key: string = newIdempotencyKey()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}
