import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { hashSecret } from '../tokens/token-store.ts';

// An Idempotency-Key's recorded answer may hold a secret (a new token, a sign-in code, a
// webhook secret, a feed key) or personal data, kept 24 h for a retry to replay. The database
// holds only what opens it for the client that sends the key again: the key's SHA-256 (looked
// up as tokens are) and the answer sealed with AES-256-GCM under a key derived from the raw
// Idempotency-Key and the record's scope. Migration 0093 writes the same format: keep them
// equal, or give a new format a new prefix and keep opening `v1`.

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'rota idempotency answer v1';

/** SHA-256 (hex, of the UTF-8) of an Idempotency-Key: the only form a key is stored in. */
export function hashIdempotencyKey(key: string): string {
  return hashSecret(key);
}

/** HKDF-SHA-256 over the raw key, salted by the scope (a key is the client's, per token). */
function answerKey(key: string, scope: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), scope, INFO, 32));
}

/** The status is not secret but is bound to the answer: a swapped status does not open it. */
function associatedData(status: number): Buffer {
  return Buffer.from(`${FORMAT}:${status}`, 'utf8');
}

/**
 * `v1.` + base64url(iv ‖ ciphertext ‖ tag) of the answer's JSON text (kept as written, so a
 * replay is the first answer byte for byte); a fresh random IV per record.
 */
export function sealAnswer(key: string, scope: string, status: number, body: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', answerKey(key, scope), iv);
  cipher.setAAD(associatedData(status));
  const text = JSON.stringify(body) ?? 'null';
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${Buffer.concat([iv, sealed]).toString('base64url')}`;
}

/** Opens what `sealAnswer` sealed; throws for another key, scope or status, or a tampered text. */
export function openAnswer(key: string, scope: string, status: number, sealed: string): unknown {
  const [format, data] = sealed.split('.');
  if (format !== FORMAT || data === undefined) {
    throw new Error('unknown format of a sealed idempotent answer');
  }
  const bytes = Buffer.from(data, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES)
    throw new Error('a sealed idempotent answer is cut short');
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', answerKey(key, scope), iv);
  decipher.setAAD(associatedData(status));
  decipher.setAuthTag(tag);
  const text = Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
  return JSON.parse(text);
}
