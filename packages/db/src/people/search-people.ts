import type { Page, Person } from '@rota/core';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PeopleSearch } from '../rota-db.ts';
import type { Database, PersonTable } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { pinyinQuery } from './name-search-key.ts';

type PersonRow = Omit<PersonTable, 'id' | 'name_key'> & {
  id: string;
  /** Their notification preferences' language (null when they have none). */
  language: 'zh-CN' | 'en' | null;
};

/** `%text%` for LIKE, with LIKE's own wildcards in the text taken literally. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * What a search text can mean as a phone number: its digits (a substring of the stored
 * E.164 number, "1381234" or "138 1234"), and, when it is a whole number written some other
 * way ("0086 138…", "+86-138…"), that number's E.164 digits as normalize-phone.ts stores it.
 * Nothing when the text has letters or other signs, or fewer than three digits.
 */
function phoneDigits(q: string): string[] {
  if (!/^[\d\s+\-().]+$/.test(q)) return [];
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return [];
  const parsed = parsePhoneNumberFromString(q, 'CN');
  const whole = parsed?.isValid() ? parsed.number.slice(1) : undefined;
  return whole === undefined || whole === digits ? [digits] : [digits, whole];
}

/** The conditions `q` adds: any of name, pinyin key or phone matches. */
function matchText(q: string): RawBuilder<unknown> {
  const text = q.trim();
  const alternatives = [sql`p.name ilike ${contains(text)}`];
  const key = pinyinQuery(text);
  if (key !== undefined) alternatives.push(sql`p.name_key like ${contains(key)}`);
  for (const digits of phoneDigits(text)) alternatives.push(sql`p.phone like ${contains(digits)}`);
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

/**
 * People of a unit's subtree (all people without `unitId`), filtered by a search text and a
 * tag, in creation order, cursor-paged. The caller has checked that the unit exists.
 */
export async function searchPeople(
  db: Kysely<Database>,
  filter: PeopleSearch,
  toPerson: (row: PersonRow) => Person,
): Promise<Page<Person>> {
  const limit = pageLimit(filter.limit);
  const after = decodeCursor(filter.cursor);
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filter.unitId !== undefined) {
    conditions.push(sql`u.path <@ (select r.path from units r where r.id = ${filter.unitId})`);
  }
  if (filter.tag !== undefined) conditions.push(sql`p.tags @> array[${filter.tag}]::text[]`);
  if (filter.q !== undefined && filter.q.trim() !== '') conditions.push(matchText(filter.q));
  if (after !== undefined) {
    conditions.push(sql`(p.created_at, p.id) > (${after[0]}::timestamptz, ${after[1]})`);
  }
  const { rows } = await sql<PersonRow>`
    select p.id, p.name, p.unit_id, p.phone, p.birth_date, p.tags, p.feed_key_hash, p.created_at,
      n.language
    from people p join units u on u.id = p.unit_id
      left join notification_preferences n on n.person_id = p.id
    where ${sql.join(conditions, sql` and `)}
    order by p.created_at, p.id
    limit ${limit + 1}`.execute(db);
  return toPage(rows, limit, toPerson, (row) => [row.created_at, row.id]);
}

/**
 * The first other person with this (normalized) phone whose unit is in the subtree of
 * `scopeUnitId` (anywhere when null): the duplicate a create or phone change is refused for.
 */
export async function personWithPhone(
  db: Kysely<Database>,
  phone: string,
  scopeUnitId: string | null,
  exceptId?: string,
): Promise<string | undefined> {
  const conditions = [sql`p.phone = ${phone}`];
  if (exceptId !== undefined) conditions.push(sql`p.id <> ${exceptId}`);
  if (scopeUnitId !== null) {
    conditions.push(sql`u.path <@ (select r.path from units r where r.id = ${scopeUnitId})`);
  }
  const { rows } = await sql<{ id: string }>`
    select p.id from people p join units u on u.id = p.unit_id
    where ${sql.join(conditions, sql` and `)}
    order by p.created_at, p.id
    limit 1`.execute(db);
  return rows[0]?.id;
}
