import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
          },
        },
        security: [{ bearerAuth: [] }],
        tags: [
          { name: 'service' },
          { name: 'units' },
          { name: 'tokens' },
          { name: 'people' },
          { name: 'events' },
          { name: 'occurrences' },
          { name: 'shifts' },
          { name: 'signups' },
          { name: 'templates' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
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
