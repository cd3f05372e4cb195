/**
 * @rota/client: a typed client for Rota's HTTP API. The types are generated from the
 * server's own OpenAPI document (openapi-typescript); the calls are openapi-fetch's.
 * Runs in browsers and Node 20+ (global fetch); no Node-only imports.
 */
export { allPages, type Page } from './all-pages.ts';
export { createRotaClient, type RotaClient, type RotaClientOptions } from './create-rota-client.ts';
export type { components, operations, paths } from './generated/rota-api.ts';
export { idempotent, newIdempotencyKey } from './idempotency.ts';
export { type ErrorCode, type Problem, RotaProblem } from './rota-problem.ts';
export { type FetchResult, unwrap } from './unwrap.ts';

import type { components } from './generated/rota-api.ts';
/** The API's named schemas: `Schemas['Shift']`, `Schemas['Signup']`, ... */
export type Schemas = components['schemas'];
