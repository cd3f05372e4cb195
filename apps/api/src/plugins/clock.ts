import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The current instant (RFC 3339, UTC). Tests pin it through `buildApp({ now })`. */
    now(): string;
  }
}

/** The clock every handler reads: the only place the API asks for the time. */
export const clockPlugin = fp<{ now?: (() => string) | undefined }>(
  async (app, options) => {
    const now = options.now ?? (() => new Date().toISOString());
    app.decorateRequest('now', now);
  },
  { name: 'rota-clock', fastify: '5.x' },
);
