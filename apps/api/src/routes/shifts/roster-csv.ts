import { type Locale, type RosterEntry, rosterHeadersZh } from '@rota/core';
import { stringify } from 'csv-stringify/sync';

/** Excel reads a UTF-8 CSV as the local code page unless it starts with a byte order mark. */
const BOM = '\uFEFF';

const columns = [
  { key: 'name', header: 'name' },
  { key: 'phone', header: 'phone' },
  { key: 'status', header: 'status' },
  { key: 'waitlistPosition', header: 'waitlist_position' },
  { key: 'seats', header: 'seats' },
  { key: 'companions', header: 'companions' },
  { key: 'note', header: 'note' },
  { key: 'createdAt', header: 'signed_up_at' },
  { key: 'checkedInAt', header: 'checked_in_at' },
  { key: 'checkedOutAt', header: 'checked_out_at' },
  { key: 'noShow', header: 'no_show' },
  { key: 'signupId', header: 'signup_id' },
  { key: 'personId', header: 'person_id' },
];

/**
 * A shift's roster as CSV for a spreadsheet: a BOM, a header row, one line per signup in
 * join order; quoting by csv-stringify, so commas, quotes and line breaks in names survive.
 *
 * @example
 * rosterCsv(entries).startsWith('\uFEFFname,phone,status') // true
 */
export function rosterCsv(entries: readonly RosterEntry[], locale: Locale = 'en'): string {
  const records = entries.map((entry) => ({
    name: entry.person.name,
    phone: entry.person.phone ?? '',
    status: entry.status,
    waitlistPosition: entry.waitlistPosition ?? '',
    seats: entry.seats,
    companions: entry.companions.map((c) => c.name).join('; '),
    note: entry.note ?? '',
    createdAt: entry.createdAt,
    checkedInAt: entry.checkedInAt ?? '',
    checkedOutAt: entry.checkedOutAt ?? '',
    noShow: entry.noShow ? 'yes' : 'no',
    signupId: entry.id,
    personId: entry.personId,
  }));
  // Headers in the reader's language (Accept-Language); the values stay the API's own.
  const headed =
    locale === 'zh-CN'
      ? columns.map((column) => ({
          ...column,
          header: rosterHeadersZh[column.header] ?? column.header,
        }))
      : columns;
  return BOM + stringify(records, { header: true, columns: headed, record_delimiter: 'windows' });
}
