import { type FieldError, type ResourceRequest, RotaError } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Refuses resource requests an event of `unitId` cannot make: an unknown resource is a 404, one
 * owned outside the line of units above the event's (a resource serves its unit's subtree) a
 * 403, a retired one a 409 `invalid_state`; each names `resources.N.resourceId`.
 */
export async function assertUsableResources(
  db: Kysely<Database>,
  unitId: string,
  requests: readonly ResourceRequest[],
): Promise<void> {
  if (requests.length === 0) return;
  const ids = requests.map((request) => request.resourceId);
  const { rows } = await sql<{ id: string; usable: boolean; retired: boolean }>`
    select r.id, coalesce(owner.path @> unit.path, false) as usable,
      r.retired_at is not null as retired
    from resources r join units owner on owner.id = r.unit_id
    left join units unit on unit.id = ${unitId}
    where r.id in (${sql.join(ids)})`.execute(db);
  const found = new Map(rows.map((row) => [row.id, row]));
  const missing: FieldError[] = [];
  const foreign: FieldError[] = [];
  const retired: FieldError[] = [];
  requests.forEach((request, i) => {
    const path = `resources.${i}.resourceId`;
    const row = found.get(request.resourceId);
    if (row === undefined) missing.push({ path, message: `no resource ${request.resourceId}` });
    else if (!row.usable) {
      foreign.push({ path, message: "belongs to a unit outside the event's line of units" });
    } else if (row.retired) retired.push({ path, message: 'is retired' });
  });
  if (missing.length > 0) {
    throw new RotaError('not_found', missing.map((e) => e.message).join('; '), {
      errors: missing,
    });
  }
  if (foreign.length > 0) {
    throw new RotaError('forbidden', "A resource serves events of its own unit's subtree only", {
      errors: foreign,
    });
  }
  if (retired.length > 0) {
    throw new RotaError('invalid_state', 'A retired resource cannot be booked', {
      errors: retired,
    });
  }
}
