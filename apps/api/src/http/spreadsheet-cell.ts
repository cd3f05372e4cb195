// What goes into a CSV cell that a person will open in Excel or WPS. A cell starting with
// `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula (CSV injection: a
// volunteer's note `=HYPERLINK("http://...","click")` would run on the organizer's machine).

/** The characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const formulaStart = /^[=+\-@\t\r]/;

/** A phone number as Rota stores it (E.164: `+` and digits only). */
const e164 = /^\+[0-9]{1,15}$/;

/**
 * Neutralizes a text cell as OWASP recommends: a leading `'` when it could start a formula,
 * so that the spreadsheet shows it as text (the quoting of `,` `"` and line breaks is the CSV
 * writer's job).
 *
 * @example
 * spreadsheetText('=HYPERLINK("http://x","y")') // "'=HYPERLINK(\"http://x\",\"y\")"
 * spreadsheetText('王芳') // '王芳'
 */
export function spreadsheetText(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * A phone number that Excel shows unchanged: a bare `+8613803520101` would be read as the
 * number 8.61E+12 and a `'` would show. Written as the text formula `="+8613803520101"`, the
 * only formula Rota itself writes, and only for a stored E.164 number (a `+` and digits:
 * nothing a person could turn into another formula); anything else is neutralized text.
 *
 * @example
 * spreadsheetPhone('+8613803520101') // '="+8613803520101"'
 */
export function spreadsheetPhone(phone: string | null): string {
  if (phone === null || phone === '') return '';
  return e164.test(phone) ? `="${phone}"` : spreadsheetText(phone);
}
