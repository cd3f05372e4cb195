// Attendance bounds (issue 10): a check-in or check-out lies within its shift widened by the
// tolerance on each side; everything else (year 0001, year 5026, a typo a day off) is refused.
import t from 'tap';
import { ATTENDANCE_TOLERANCE_MINUTES, checkAttendanceTime } from '../src/index.ts';

const shift = { start: '2026-12-05T01:00:00.000Z', end: '2026-12-05T03:00:00.000Z' };

t.equal(ATTENDANCE_TOLERANCE_MINUTES, 240);
const cases: [string, boolean][] = [
  ['2026-12-05T01:00:00Z', true],
  ['2026-12-04T21:00:00Z', true], // start - 240 min
  ['2026-12-05T07:00:00Z', true], // end + 240 min
  ['2026-12-05T05:00:00+08:00', true], // the same instant written in Beijing time
  ['2026-12-04T20:59:59Z', false],
  ['2026-12-05T07:00:01Z', false],
  ['0001-01-01T00:00:00Z', false],
  ['9999-12-31T23:59:59Z', false],
  ['not a time', false],
];
for (const [at, fits] of cases) {
  const error = checkAttendanceTime(shift, at);
  t.equal(error === undefined, fits, `${at}: ${fits ? 'fits' : 'refused'}`);
  if (error) {
    t.equal(error.path, 'at');
    t.match(error.message, /within 240 minutes of the shift/);
  }
}

t.test('the attendance and access messages read in Chinese too', async (t) => {
  const { messageZh } = await import('../src/index.ts');
  const error = checkAttendanceTime(shift, '5026-01-01T00:00:00Z')!;
  t.match(messageZh(error.message), /^须在班次前后 240 分钟之内/);
  t.match(messageZh(`at: ${error.message}`), /^at: 须在班次前后 240 分钟之内/);
  t.equal(messageZh('You do not organize the unit of person p1'), '您不负责人员 p1 所在的单位');
  t.equal(messageZh('The server is shutting down'), '服务器正在关闭');
});
