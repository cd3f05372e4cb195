// The databases a store or route suite runs on: PGlite always, PostgreSQL too when
// DATABASE_URL names one (CI and the shared test server set it).

/** `['pglite']`, plus `'postgres'` when DATABASE_URL is set. */
export const backends: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];
