import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveOperationId, type OperationDoc, operationDocs } from '../http/operation-docs.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { headers?: Record<string, unknown> }>;
}

type OpenApiDocument = ReturnType<SwaggerTransformObject> & {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; headers?: Record<string, unknown> };
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

const idempotencyKeyParameter = {
  in: 'header',
  name: 'Idempotency-Key',
  required: false,
  description:
    'Retry safely: the same key, token and body replay the first answer ' +
    '(`Idempotent-Replayed: true`); another body is a 422. A second request while the first ' +
    'runs waits for it (a 409 after 2 s). The key is claimed in the request’s own ' +
    'transaction: after a failure or a crash it is free again.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/** The response headers Rota sends, documented once and referenced where sent. */
const responseHeaders: Record<string, { description: string; schema: unknown }> = {
  ETag: {
    description: 'The event’s version, quoted (`"3"`): send it back in `If-Match` to edit',
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', minimum: 0 },
  },
  'Content-Disposition': {
    description: '`attachment` with a file name, so that browsers save the file',
    schema: { type: 'string' },
  },
};

const tags = [
  { name: 'service', description: 'Liveness and this document: no token needed' },
  { name: 'units', description: 'The administrative tree (district, subdistrict, community…)' },
  { name: 'tokens', description: 'Bearer tokens for organizers and volunteers' },
  { name: 'sign-in', description: 'One-time sign-in links and web sessions (cookie)' },
  { name: 'people', description: 'Volunteers and residents, their signups, hours and feed' },
  { name: 'events', description: 'Events with their schedule (RRULE), slots and lifecycle' },
  { name: 'occurrences', description: 'One date of an event: cancel or move it' },
  { name: 'shifts', description: 'A slot on an occurrence: find, size, roster' },
  { name: 'signups', description: 'Taking a seat, the waitlist, attendance' },
  { name: 'templates', description: 'Event kinds with their default slots' },
  { name: 'webhooks', description: 'Signed, ordered, at-least-once deliveries of domain events' },
  { name: 'notifications', description: 'A person’s inbox, channels and language' },
  {
    name: 'resources',
    description: 'Equipment with a quantity (a shovel truck, loaders), booked by events',
  },
];

/** True for a body schema that also accepts no body (`.nullish()` in zod: anyOf [..., null]). */
function acceptsNoBody(schema: unknown): boolean {
  const anyOf = (schema as { anyOf?: { type?: unknown }[] } | undefined)?.anyOf;
  return Array.isArray(anyOf) && anyOf.some((member) => member.type === 'null');
}

function addHeader(operation: Operation, status: string, name: string): void {
  const response = operation.responses?.[status];
  if (!response) return;
  response.headers = { ...response.headers, [name]: { $ref: `#/components/headers/${name}` } };
}

/** Names, describes and completes one operation (see http/operation-docs.ts). */
function finishOperation(method: string, path: string, operation: Operation): void {
  const doc: OperationDoc | undefined = operationDocs[`${method.toUpperCase()} ${path}`];
  operation.operationId ??= doc?.operationId ?? deriveOperationId(method, path);
  operation.description ??= doc?.description ?? operation.summary;
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'query' && doc?.requiredQuery?.includes(parameter.name)) {
      parameter.required = true;
    }
    // Query strings are text on the wire; the route parses `limit` (a non-number is a 400),
    // and the document says integer so that generated clients take a number.
    if (parameter.in === 'query' && parameter.name === 'limit') {
      parameter.schema = { type: 'integer', minimum: 1, maximum: 500, default: 50 };
    }
  }
  for (const [status, names] of Object.entries(doc?.headers ?? {})) {
    for (const name of names) addHeader(operation, status, name);
  }
  if (method === 'post') {
    operation.parameters = [...(operation.parameters ?? []), idempotencyKeyParameter];
    for (const status of Object.keys(operation.responses ?? {})) {
      if (status.startsWith('2')) addHeader(operation, status, 'Idempotent-Replayed');
    }
  }
  for (const status of ['429', '503']) addHeader(operation, status, 'Retry-After');
  const json = operation.requestBody?.content?.['application/json'];
  if (operation.requestBody && acceptsNoBody(json?.schema)) operation.requestBody.required = false;
}

/** `/docs` is served by @fastify/swagger-ui, whose routes are hidden: described here. */
const docsPath = {
  get: {
    tags: ['service'],
    summary: 'Swagger UI',
    security: [],
    responses: {
      200: {
        description: 'The Swagger UI page',
        content: { 'text/html': { schema: { type: 'string' } } },
      },
    },
  },
};

/**
 * Finishes the generated document: operation ids and descriptions, documented response
 * headers, `Idempotency-Key` on every POST, an optional body (cancel, check-in, check-out)
 * marked `required: false`, `/docs`, and the `XInput` twins that the zod transform derives
 * from response schemas dropped when nothing uses them (they would read like request schemas).
 */
const transformObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as OpenApiDocument;
  document.paths = { ...document.paths, '/docs': structuredClone(docsPath) as never };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.includes(method)) finishOperation(method, path, operation as Operation);
    }
  }
  document.components = { ...document.components, headers: responseHeaders };
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
            '`application/problem+json` with a stable `code` (see docs/errors.md); each error ' +
            'answer lists the codes it can carry. A typed client: `@rota/client`.',
          contact: { name: 'Rota maintainers' },
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [
          {
            // A variable: Rota is self-hosted, each deployment has its own origin.
            url: '{origin}',
            description: 'Your Rota server',
            variables: {
              origin: {
                default: 'http://localhost:3000',
                description: 'The server’s origin (default: a local `npm start`)',
              },
            },
          },
        ],
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
        tags,
      },
      transform: jsonSchemaTransform,
      transformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get(
      '/openapi.json',
      {
        config: { auth: false },
        schema: {
          tags: ['service'],
          summary: 'This OpenAPI document',
          security: [],
          response: {
            200: {
              description: 'The OpenAPI 3.1 document',
              content: { 'application/json': { schema: z.looseObject({}) } },
            },
          },
        },
      },
      // A string: the document is sent as it is, no response serializer touches it.
      async (_request, reply) =>
        reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
    );
  },
  { name: 'rota-swagger', fastify: '5.x' },
);
