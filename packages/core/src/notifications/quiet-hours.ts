import {
  floatingMs,
  floatingToEpoch,
  formatEpoch,
  instantToLocal,
} from '../recurrence/zoned-time.ts';

/**
 * When an SMS may go out: `at` itself unless it falls in the quiet hours (21:00 to 08:00 local
 * time in `timeZone`), else 08:00 local time after it.
 *
 * @example
 * smsSendAt('2026-12-04T22:30:00+08:00', 'Asia/Shanghai'); // '2026-12-05T08:00:00+08:00'
 */
export function smsSendAt(at: string, timeZone: string, quiet = { from: 21, to: 8 }): string {
  const local = instantToLocal(at, timeZone);
  const hour = Number(local.slice(11, 13));
  if (hour >= quiet.to && hour < quiet.from) return at;
  const date = local.slice(0, 10);
  const morning = floatingMs(`${date}T${String(quiet.to).padStart(2, '0')}:00`);
  const next = hour >= quiet.from ? morning + 86_400_000 : morning;
  return formatEpoch(floatingToEpoch(next, timeZone), timeZone);
}
