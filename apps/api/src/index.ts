/**
 * @rota/api: the HTTP face of Rota. `buildApp({ db })` returns a ready Fastify app; the
 * server entry point is `src/server.ts`.
 */
export { type BuildAppOptions, buildApp, DEFAULT_MAX_IN_FLIGHT } from './build-app.ts';
export { type Problem, problem, problemSchema } from './http/problem.ts';
