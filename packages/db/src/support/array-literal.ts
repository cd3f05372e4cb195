/**
 * A PostgreSQL array literal (`{"a","b"}`, `{1,2}`) of strings or numbers, for a parameter cast
 * to an array type (`${arrayLiteral(ids)}::text[]`). The driver makes the same from a
 * JavaScript array, but escapes every element with two regular expressions and concatenates
 * element by element; for the 20,000-element arrays of a large event's re-plan one `join` is
 * several times faster. Every string is quoted (so '', 'NULL' and ones with commas or braces stay
 * strings); one holding a quote or a backslash is escaped.
 *
 * @example arrayLiteral(['a', 'b"c']) // '{"a","b\\"c"}'
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  if (values.length === 0) return '{}';
  let plain = true;
  let numbers = true;
  for (const value of values) {
    if (typeof value === 'number') continue;
    numbers = false;
    if (value.includes('"') || value.includes('\\')) {
      plain = false;
      break;
    }
  }
  if (numbers) return `{${values.join(',')}}`;
  if (plain && values.every((value) => typeof value === 'string'))
    return `{"${values.join('","')}"}`;
  return `{${values.map(element).join(',')}}`;
}

function element(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}
