/**
 * @rota/bench-kit: what the benchmarks of @rota/db and @rota/api share (private, never
 * published): pgbench baselines, throwaway PostgreSQL databases, medians and tables, processes' CPU time.
 */
export * from './pgbench.ts';
export * from './proc-stat.ts';
export * from './stats.ts';
export * from './throwaway-database.ts';
