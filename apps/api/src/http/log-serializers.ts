import type { FastifyRequest } from 'fastify';

/**
 * What a request log line says about the request: no headers (they carry bearer tokens), and
 * the personal feed's `key` masked in the URL (calendar apps put the secret there).
 *
 * @example
 * redactUrl('/v1/people/p1/calendar.ics?key=abc') // '/v1/people/p1/calendar.ics?key=***'
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&]key=)[^&]*/g, '$1***');
}

/** pino serializers for Fastify's request logs. */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      remoteAddress: request.ip,
    };
  },
};
