import { type Kysely, sql } from 'kysely';
import type { TagCount } from '../rota-db.ts';
import type { Database } from '../schema.ts';

/** At most this many tags are answered (the most used first). */
const MAX_TAGS = 500;

/**
 * The tags used in a unit's subtree (everywhere without `unitId`): those people have, with
 * how many people have each, and those the slots of the subtree's events require (count 0
 * when nobody has them yet), so that an organizer picks `medical` rather than typing 医生.
 * Most used first, then by tag.
 */
export async function listTags(
  db: Kysely<Database>,
  unitId: string | undefined,
): Promise<TagCount[]> {
  const inSubtree =
    unitId === undefined
      ? sql`true`
      : sql`u.path <@ (select r.path from units r where r.id = ${unitId})`;
  const { rows } = await sql<{ tag: string; count: number }>`
    select tag, sum(people)::int as count from (
      select t.tag, 1 as people
      from people p join units u on u.id = p.unit_id cross join unnest(p.tags) as t(tag)
      where ${inSubtree}
      union all
      select distinct r.tag, 0
      from events e join units u on u.id = e.unit_id
        cross join jsonb_array_elements(e.slots) as s(slot)
        cross join jsonb_array_elements_text(coalesce(s.slot->'requiredTags', '[]'::jsonb)) as r(tag)
      where ${inSubtree} and e.status <> 'cancelled'
    ) used
    group by tag
    order by count desc, tag
    limit ${MAX_TAGS}`.execute(db);
  return rows.map((row) => ({ tag: row.tag, count: Number(row.count) }));
}
