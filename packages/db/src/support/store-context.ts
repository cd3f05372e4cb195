import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** What every store gets: the Kysely instance and the settings. */
export interface StoreContext {
  db: Kysely<Database>;
  /** The back end: the embedded one parses each field of a result in JavaScript. */
  kind?: 'pglite' | 'postgres' | undefined;
  /** How far ahead occurrences and shifts are materialized. */
  horizonDays: number;
  /** Group-commit concurrent signups (src/signups/group-commit). */
  groupCommitSignups?: boolean | undefined;
  /** How many group-commit transactions may run at once (default 1). */
  signupLanes?: number | undefined;
  /** Write domain events to the outbox with each change (default true; off only to measure). */
  outbox?: boolean | undefined;
}
