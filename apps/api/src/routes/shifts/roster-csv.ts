import { type Locale, rosterHeadersZh } from '@rota/core';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetPhone, spreadsheetText } from '../../http/spreadsheet-cell.ts';
import type { RosterLine } from './roster-access.ts';

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
 * join order; quoting by csv-stringify, so commas, quotes and line breaks in names survive;
 * cells that could start a formula neutralized, phones written so that Excel shows them as
 * they are (see spreadsheet-cell.ts).
 *
 * @example
 * rosterCsv(entries).startsWith('\uFEFFname,phone,status') // true
 */
export function rosterCsv(entries: readonly RosterLine[], locale: Locale = 'en'): string {
  const records = entries.map((entry) => ({
    // Every text a person typed is neutralized against formulas (CSV injection).
    name: spreadsheetText(entry.person.name),
    phone: spreadsheetPhone(entry.person.phone),
    status: entry.status,
    waitlistPosition: entry.waitlistPosition ?? '',
    seats: entry.seats,
    companions: spreadsheetText(entry.companions.map((c) => c.name).join('; ')),
    note: spreadsheetText(entry.note ?? ''),
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
