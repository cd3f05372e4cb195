/**
 * @rota/db/testing: tooling for tests of Rota and of apps built on it (throwaway databases).
 * Kept out of the main entry so that a production import never pulls it in.
 */
export { createTestDatabase, type TestDatabase } from './create-test-database.ts';
