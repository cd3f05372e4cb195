import http from 'node:http';
import https from 'node:https';
import type { AttemptResult, DeliveryAttempt } from '@rota/db';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, isPrivateAddress } from './safe-address.ts';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Only the start of an answer is read and kept. */
const EXCERPT_BYTES = 1024;

/**
 * The Standard Webhooks headers for a body: `webhook-signature` carries one `v1,` signature
 * per valid secret (during a rotation's overlap both verify), signed by the reference library.
 */
export function signatureHeaders(eventId: string, body: string, secrets: string[], at: Date) {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, at, body));
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

/** POSTs one delivery; never throws (the outcome says what happened). */
export function postWebhook(
  attempt: Extract<DeliveryAttempt, { state: 'ready' }>,
  options: { allowPrivate: boolean; timeoutMs?: number; at?: Date },
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (partial: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({
    ...partial,
    durationMs: performance.now() - started,
  });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(attempt.url);
    } catch {
      resolve(
        done({ ok: false, responseStatus: null, responseExcerpt: null, error: 'invalid URL' }),
      );
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address skips the lookup: check it here.
    if (!options.allowPrivate && /^[\d.]+$|:/.test(host) && isPrivateAddress(host)) {
      resolve(
        done({
          ok: false,
          responseStatus: null,
          responseExcerpt: null,
          error: `refused: private address ${host}`,
        }),
      );
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivate) as never,
        timeout: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rota-Webhooks/1',
          ...signatureHeaders(
            attempt.eventId,
            attempt.body,
            attempt.secrets,
            options.at ?? new Date(),
          ),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          resolve(
            done({
              ok: status >= 200 && status < 300,
              responseStatus: status,
              responseExcerpt: excerpt === '' ? null : excerpt,
              error: status >= 200 && status < 300 ? null : `HTTP ${status}`,
            }),
          );
        });
        response.on('error', (error) =>
          resolve(
            done({
              ok: false,
              responseStatus: response.statusCode ?? null,
              responseExcerpt: null,
              error: error.message,
            }),
          ),
        );
      },
    );
    const wall = setTimeout(
      () =>
        request.destroy(
          new Error(`timed out after ${(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s`),
        ),
      options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    );
    request.on('timeout', () =>
      request.destroy(
        new Error(`timed out after ${(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s`),
      ),
    );
    request.on('error', (error) => {
      clearTimeout(wall);
      resolve(
        done({ ok: false, responseStatus: null, responseExcerpt: null, error: error.message }),
      );
    });
    request.on('close', () => clearTimeout(wall));
    request.end(attempt.body);
  });
}
