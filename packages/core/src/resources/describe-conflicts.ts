import type { BookingInTheWay, ResourceConflict } from '../model/resource.ts';

/** The languages Rota's own messages are written in. */
export type MessageLocale = 'en' | 'zh-CN';

/**
 * The `detail` of a 409 `resource_conflict` for a person: the first conflict in full (what was
 * wanted, what is free, who holds the rest), then how many more.
 *
 * @example
 * describeResourceConflicts(conflicts, 'zh-CN')
 * // '装载机：2026-12-05T10:00:00+08:00 需要 1 台，仅剩 0 台空闲，已被“清洁家园”占用'
 */
export function describeResourceConflicts(
  conflicts: readonly ResourceConflict[],
  locale: MessageLocale,
): string {
  const first = conflicts[0];
  const zh = locale === 'zh-CN';
  if (first === undefined) return zh ? '所需资源不足' : 'The resources asked for are not free';
  const holders = first.heldBy.map((holder) => (zh ? `“${holder.title}”` : `"${holder.title}"`));
  const more = conflicts.length - 1;
  if (zh) {
    return (
      `${first.resourceName}：${first.occurrenceStart} 需要 ${first.wanted} 台，仅剩 ${first.free} 台空闲` +
      (holders.length > 0 ? `，已被${holders.join('、')}占用` : '') +
      (more > 0 ? `（另有 ${more} 处冲突）` : '')
    );
  }
  return (
    `${first.resourceName}: ${first.wanted} wanted at ${first.occurrenceStart}, ${first.free} free` +
    (holders.length > 0 ? `; held by ${holders.join(', ')}` : '') +
    (more > 0 ? ` (and ${more} more)` : '')
  );
}

/**
 * The `detail` of a refused quantity change (or retirement): the future bookings in the way.
 *
 * @example
 * describeBookingsInTheWay(bookings, 'en') // '1 future booking(s) would no longer fit: "清洁家园"'
 */
export function describeBookingsInTheWay(
  bookings: readonly BookingInTheWay[],
  locale: MessageLocale,
): string {
  const titles = [...new Set(bookings.map((booking) => booking.title))];
  if (locale === 'zh-CN') {
    return `有 ${bookings.length} 项未来的预订将无法满足：${titles.map((t) => `“${t}”`).join('、')}`;
  }
  return `${bookings.length} future booking(s) would no longer fit: ${titles.map((t) => `"${t}"`).join(', ')}`;
}
