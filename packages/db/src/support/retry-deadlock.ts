import { pgErrorInfo } from './db-errors.ts';

const DEADLOCK = '40P01';

/**
 * Runs a whole transaction again when PostgreSQL chose it as a deadlock victim (40P01). Two
 * transactions inserting conflicting rows under an exclusion constraint at the same instant
 * each wait for the other (the same person signing up for two overlapping shifts at once):
 * PostgreSQL aborts one, and its retry then sees the other's committed signup and answers
 * `schedule_conflict`. The aborted attempt left nothing behind (its transaction rolled back).
 */
export async function retryDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || pgErrorInfo(error).code !== DEADLOCK) throw error;
    }
  }
}
