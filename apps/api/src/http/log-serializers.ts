import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a secret (the feed key; sign-in codes and tokens, to be safe). */
const secretParameters = new Set(['key', 'code', 'token', 'access_token']);

/** The parameter's name as the query parser reads it (`%6Bey` is `key`), or undefined. */
function decodedName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * What a request log line says about the request: no headers (they carry bearer tokens), and
 * secret query parameters masked (calendar apps put the feed key in the URL). The name is
 * compared decoded, as the server reads it: `?%6Bey=` and `?k%65y=` are `key` too; a name that
 * does not decode is masked as well.
 *
 * @example
 * redactUrl('/v1/people/p1/calendar.ics?key=abc') // '/v1/people/p1/calendar.ics?key=***'
 * redactUrl('/v1/people/p1/calendar.ics?%6Bey=abc') // '/v1/people/p1/calendar.ics?%6Bey=***'
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      const decoded = decodedName(name);
      if (equals < 0 || (decoded !== undefined && !secretParameters.has(decoded))) return part;
      return `${name}=***`;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
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
