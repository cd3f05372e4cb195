// Issue 10 item 6: the roster CSV neutralizes cells that a spreadsheet would run as formulas
// (OWASP CSV injection: `=`, `+`, `-`, `@`, tab, CR first), whoever typed them (a volunteer's
// note, a name, a companion), and writes phone numbers so that Excel shows them unchanged
// (`="+8613803520101"`: text, not the number 8.61E+12, no visible quote). The CSV writer does
// not depend on the back end: the embedded database only.
import t from 'tap';
import { createUnit } from './helpers/fixture-calls.ts';
import { expectStatus, NOW, publishedEvent } from './helpers/unit-tree.ts';
import { buildTestApp } from './support/build-test-app.ts';

/** RFC 4180 as Excel reads it: quoted fields with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

t.test('the roster CSV against formula injection', async (t) => {
  const { call, admin } = await buildTestApp(t, { now: NOW, backend: 'pglite' });
  const unit = await createUnit(call, admin, '永泰街道', 'subdistrict');
  const { shiftId } = await publishedEvent(call, admin, unit, {
    slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: 10, maxPartySize: 2 }],
  });
  const hostile = [
    { name: '=1+2', phone: '+8613803520101', note: '=HYPERLINK("http://evil.example","点我")' },
    { name: '@SUM(A1:A9)', phone: undefined, note: "+cmd|' /C calc'!A0" },
    { name: '-2+3', phone: '13800138000', note: '\t=1+1' },
    { name: '王芳', phone: undefined, note: '\r=1+1', companion: '=IMPORTXML("http://x","//a")' },
  ];
  for (const who of hostile) {
    const person = await expectStatus(
      call(admin, 'POST', '/v1/people', {
        name: who.name,
        unitId: unit,
        ...(who.phone ? { phone: who.phone } : {}),
      }),
      201,
      `person ${who.name}`,
    );
    const token = (
      await expectStatus(
        call(admin, 'POST', '/v1/tokens', { role: 'volunteer', personId: person.body.id }),
        201,
        'token',
      )
    ).body.token;
    // The volunteer plants it themself, in their own signup's note.
    await expectStatus(
      call(token, 'POST', '/v1/signups', {
        shiftId,
        personId: person.body.id,
        note: who.note,
        ...(who.companion ? { companions: [{ name: who.companion }] } : {}),
      }),
      201,
      'signup',
    );
  }

  const csv = await call(admin, 'GET', `/v1/shifts/${shiftId}/roster.csv`);
  t.equal(csv.status, 200);
  const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
  const column = (name: string) => header!.indexOf(name);
  t.equal(rows.length, hostile.length);
  for (const row of rows) {
    for (const [index, cell] of row.entries()) {
      if (index === column('phone') && cell !== '') {
        t.match(cell, /^="\+[0-9]+"$/, 'a phone is the text formula ="+..." (shown unchanged)');
      } else {
        t.notMatch(cell, /^[=+\-@\t\r]/, `cell ${header![index]} cannot start a formula`);
      }
    }
  }
  const byName = new Map(rows.map((row) => [row[column('name')], row]));
  t.same(
    [...byName.keys()],
    ["'=1+2", "'@SUM(A1:A9)", "'-2+3", '王芳'],
    'names keep their text behind a quote',
  );
  t.equal(byName.get("'=1+2")![column('phone')], '="+8613803520101"');
  t.equal(byName.get("'-2+3")![column('phone')], '="+8613800138000"', 'normalized, then text');
  t.equal(
    byName.get("'=1+2")![column('note')],
    '\'=HYPERLINK("http://evil.example","点我")',
    'the planted hyperlink is text',
  );
  t.equal(byName.get('王芳')![column('note')], "'\r=1+1");
  t.equal(byName.get('王芳')![column('companions')], '\'=IMPORTXML("http://x","//a")');
});
