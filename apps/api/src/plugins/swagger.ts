import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type OpenApiDocument = ReturnType<SwaggerTransformObject> & {
  paths?: Record<string, Record<string, { parameters?: unknown[] }>>;
  components?: { schemas?: Record<string, unknown> };
};

const idempotencyKeyParameter = {
  in: 'header',
  name: 'Idempotency-Key',
  required: false,
  description:
    'Retry safely: the same key, token and body replay the first answer ' +
    '(`Idempotent-Replayed: true`); another body is a 422, a request still running a 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/** True for a body schema that also accepts no body (`.nullish()` in zod: anyOf [..., null]). */
function acceptsNoBody(schema: unknown): boolean {
  const anyOf = (schema as { anyOf?: { type?: unknown }[] } | undefined)?.anyOf;
  return Array.isArray(anyOf) && anyOf.some((member) => member.type === 'null');
}

/**
 * Finishes the generated document: every POST documents `Idempotency-Key`, an optional body
 * (cancel, check-in, check-out) is marked `required: false`, and the `XInput`
 * twins that the zod transform derives from response schemas are dropped when nothing uses
 * them (they would read like request schemas).
 */
const transformObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as OpenApiDocument;
  for (const item of Object.values(document.paths ?? {})) {
    const post = item.post;
    if (post) post.parameters = [...(post.parameters ?? []), idempotencyKeyParameter];
    for (const operation of Object.values(item)) {
      const body = (operation as { requestBody?: { required?: boolean; content?: unknown } })
        ?.requestBody;
      const json = (body?.content as Record<string, { schema?: unknown }> | undefined)?.[
        'application/json'
      ];
      if (body && acceptsNoBody(json?.schema)) body.required = false;
    }
  }
  const schemas = document.components?.schemas;
  // Repeat until stable: dropping one twin can leave another (its reference) unused.
  for (let dropped = true; schemas && dropped; ) {
    dropped = false;
    const used = JSON.stringify({ paths: document.paths, schemas });
    for (const name of Object.keys(schemas)) {
      if (name.endsWith('Input') && !used.includes(`"#/components/schemas/${name}"`)) {
        delete schemas[name];
        dropped = true;
      }
    }
  }
  return document;
};

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with, served
 * at `/openapi.json`, with Swagger UI at `/docs`. Register before the routes: @fastify/swagger
 * collects routes as they are added.
 */
export const swaggerPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Rota API',
          version: '1.0.0',
          description:
            'Volunteer and event scheduling for neighbourhood offices. Errors are RFC 9457 ' +
            '`application/problem+json` with a stable `code` (see docs/errors.md).',
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Rota token' },
            sessionCookie: {
              type: 'apiKey',
              in: 'cookie',
              name: 'rota_session',
              description:
                "The web app's session (POST /v1/sessions). Writes authenticated by it must " +
                'send `X-Rota-CSRF: 1` (else 403 `csrf_failed`).',
            },
          },
        },
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        tags: [
          { name: 'service' },
          { name: 'units' },
          { name: 'tokens' },
          { name: 'sign-in' },
          { name: 'people' },
          { name: 'events' },
          { name: 'occurrences' },
          { name: 'shifts' },
          { name: 'signups' },
          { name: 'templates' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get(
      '/openapi.json',
      { schema: { hide: true }, config: { auth: false } },
      async (_request, reply) => reply.type('application/json; charset=utf-8').send(app.swagger()),
    );
  },
  { name: 'rota-swagger', fastify: '5.x' },
);
