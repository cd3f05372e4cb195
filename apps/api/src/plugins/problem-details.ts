import {
  type ErrorCode,
  errorCatalog,
  type FieldError,
  isRotaError,
  type Locale,
  localizeError,
  pickLocale,
} from '@rota/core';
import { isDatabaseUnavailable } from '@rota/db';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { loggableError } from '../http/loggable-error.ts';
import { type Problem, problem } from '../http/problem.ts';
import { zodMessage } from '../http/zod-message.ts';

/** Where a validation error happened, as the first segment of its dotted path. */
const contextPrefix: Record<string, string> = {
  body: '',
  querystring: 'query.',
  params: 'params.',
  headers: 'headers.',
};

/**
 * Seconds a client is asked to wait after a 503 `database_unavailable`: a PostgreSQL restart
 * takes a few seconds, a failover a few more; clients should back off further on repeats.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Sends a problem+json answer. The body is a string so that no route serializer touches it.
 * `instance` (RFC 9457) is the request's path, without its query string (it may hold a key).
 */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  const instance = body.instance ?? reply.request.url.split('?')[0];
  const locale = requestLocale(reply.request);
  const { title, detail, errors } = localizeError(body, locale);
  return reply
    .code(body.status)
    .type('application/problem+json; charset=utf-8')
    .header('content-language', locale)
    .header('vary', 'Accept-Language')
    .send(
      JSON.stringify({
        ...body,
        title,
        detail,
        ...(errors === undefined ? {} : { errors }),
        instance,
      }),
    );
}

/**
 * The language of a request's error answers and CSV headers, in this order: its
 * `Accept-Language` (`zh-CN` or English) when it names one of them; else the language the
 * token was created with; else the preferred language of the person the token or session acts
 * for (zh-CN unless they chose English); else English, the default for programs (admin and
 * organizer tokens without a language). `code`, `type` and `errors[].path` are the same in
 * every language.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  const chosen = request.actor?.language ?? request.actor?.personLanguage ?? 'en';
  return pickLocale(Array.isArray(header) ? header.join(',') : header, chosen);
}

interface UnionIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** Of a union's branches, the one with the fewest issues (the one the input meant). */
function closestBranch(branches: unknown): UnionIssue[] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const sorted = (branches as UnionIssue[][])
    .filter(Array.isArray)
    .sort((a, b) => a.length - b.length);
  return sorted[0] && sorted[0].length > 0 ? sorted[0] : undefined;
}

function validationProblem(error: FastifyError, locale: Locale): Problem {
  const prefix = contextPrefix[error.validationContext ?? 'body'] ?? '';
  const errors: FieldError[] = [];
  for (const issue of error.validation ?? []) {
    const segments = issue.instancePath.split('/').filter((segment) => segment !== '');
    const at = (extra: string[]) => {
      const all = [...segments, ...extra];
      if (all.length > 0) return `${prefix}${all.join('.')}`;
      return prefix === '' ? 'body' : prefix.slice(0, -1);
    };
    // zod reports unknown fields once for their object: name each field instead.
    const params = issue.params as { keys?: unknown; errors?: unknown } | undefined;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
      for (const key of params.keys) {
        errors.push({ path: at([String(key)]), message: 'unknown field' });
      }
    } else if (issue.keyword === 'invalid_union' && closestBranch(params?.errors)) {
      // "Invalid input" helps no one: report the branch the body came closest to.
      for (const branchIssue of closestBranch(params?.errors)!) {
        errors.push({
          path: at(branchIssue.path.map(String)),
          message:
            branchIssue.code === 'unrecognized_keys'
              ? 'unknown field'
              : zodMessage(branchIssue as unknown as Parameters<typeof zodMessage>[0], locale),
        });
      }
    } else {
      errors.push({
        path: at([]),
        message: zodMessage(
          { ...(issue.params as object), code: issue.keyword, message: issue.message },
          locale,
        ),
      });
    }
  }
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return problem('validation_failed', detail, { errors });
}

/**
 * Stores name a list's fields bare (`cursor`); a GET has no body, so such a field is in the
 * query string: `query.cursor`, as the contract's paths go.
 */
function requestPaths(request: FastifyRequest, errors: FieldError[] | undefined) {
  if (!errors || (request.method !== 'GET' && request.method !== 'HEAD')) return errors;
  return errors.map((error) =>
    /^(query|params|headers)\./.test(error.path)
      ? error
      : { ...error, path: `query.${error.path}` },
  );
}

/** Maps Fastify's own 4xx errors (bad JSON, content type, body size) to catalog codes. */
function frameworkProblem(error: FastifyError): Problem | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (status === 415) {
    return problem('unsupported_media_type', 'Send application/json (UTF-8) request bodies');
  }
  if (status === 404) return problem('not_found');
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return problem('validation_failed', 'The body is not valid JSON', {
      errors: [{ path: 'body', message: 'not valid JSON' }],
    });
  }
  const code = (Object.keys(errorCatalog) as ErrorCode[]).find(
    (candidate) => errorCatalog[candidate].status === status,
  );
  // A 413 or any other framework status without a catalog code is a malformed request.
  return problem(code ?? 'validation_failed', error.message, {
    errors:
      code === undefined || code === 'validation_failed'
        ? [{ path: 'body', message: error.message }]
        : undefined,
  });
}

/**
 * The one error handler: RotaError to its catalog status, zod validation to 400 with every
 * field, framework errors to their code, anything else to a 500 without internals. Every
 * error answer is RFC 9457 `application/problem+json`.
 */
export const problemDetailsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (isRotaError(error)) {
        return sendProblem(
          reply,
          problem(error.code, error.message, {
            errors: requestPaths(request, error.errors),
            extra: error.extra,
          }),
        );
      }
      if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
        return sendProblem(reply, validationProblem(error, requestLocale(request)));
      }
      if (isDatabaseUnavailable(error)) {
        // The database restarts or fails over: a retry shortly will do, nothing is wrong with
        // the request. Logged as a warning (no stack: it is the same one every time).
        request.log.warn({ code: (error as { code?: unknown }).code }, 'database unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return sendProblem(reply, problem('database_unavailable'));
      }
      const known = frameworkProblem(error);
      if (known) return sendProblem(reply, known);
      // Never the SQL text nor its parameters (personal data): see loggable-error.ts.
      request.log.error({ err: loggableError(error) }, 'unhandled error');
      return sendProblem(reply, problem('internal_error'));
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        problem('not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
      ),
    );
  },
  { name: 'rota-problem-details', fastify: '5.x' },
);
