import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-idempotency-body-json.ts';
import * as m0003 from './0003-shift-unit-path.ts';
import * as m0004 from './0004-shift-event-status.ts';
import * as m0010 from './0010-secrets.ts';
import * as m0011 from './0011-feed-key-hash.ts';
import * as m0020 from './0020-one-per-occurrence.ts';
import * as m0021 from './0021-token-language.ts';
import * as m0030 from './0030-event-status-copy-skips-equal.ts';
import * as m0040 from './0040-sign-in-links-and-sessions.ts';
import * as m0060 from './0060-resources.ts';
import * as m0070 from './0070-notifications.ts';
import * as m0071 from './0071-outbox-lean.ts';
import * as m0090 from './0090-people-search.ts';
import * as m0091 from './0091-person-access-indexes.ts';
import * as m0092 from './0092-shifts-room-for-updates.ts';
import * as m0093 from './0093-idempotency-sealed.ts';
import * as m0094 from './0094-fan-out-without-fk-checks.ts';

/**
 * Every migration, by name, in order. A static list (not a folder scan) so that it works the
 * same from `src` and from a bundle.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-initial': m0001,
      '0002-idempotency-body-json': m0002,
      '0003-shift-unit-path': m0003,
      '0004-shift-event-status': m0004,
      '0010-secrets': m0010,
      '0011-feed-key-hash': m0011,
      '0020-one-per-occurrence': m0020,
      '0021-token-language': m0021,
      '0030-event-status-copy-skips-equal': m0030,
      '0040-sign-in-links-and-sessions': m0040,
      '0060-resources': m0060,
      '0070-notifications': m0070,
      '0071-outbox-lean': m0071,
      '0090-people-search': m0090,
      '0091-person-access-indexes': m0091,
      '0092-shifts-room-for-updates': m0092,
      '0093-idempotency-sealed': m0093,
      '0094-fan-out-without-fk-checks': m0094,
    };
  },
};
