import type { RotaDb } from '@rota/db';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The stores. The app does not close them: whoever opened the database does. */
    db: RotaDb;
  }
}

/** Makes the database the app was built with available as `app.db`. */
export const databasePlugin = fp<{ db: RotaDb }>(
  async (app, options) => {
    app.decorate('db', options.db);
  },
  { name: 'rota-database', fastify: '5.x' },
);
