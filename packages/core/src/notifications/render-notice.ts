import { instantToLocal } from '../recurrence/zoned-time.ts';
import type { NotificationLanguage } from './notification-types.ts';

/** What a person's notice is about; times are instants rendered in the event's time zone. */
export interface NoticeContext {
  eventTitle: string;
  shiftName: string;
  start: string;
  timeZone: string;
  /** `signup.cancelled`: why (a CancelReason). */
  reason?: string | null | undefined;
  /** `signup.cancelled`: the organizer's own words for the event's or the date's cancellation. */
  note?: string | null | undefined;
  /** `occurrence.moved` / `shift.changed`: the start before the change. */
  previousStart?: string | null | undefined;
  /** `signup.waitlisted`: the place in the queue. */
  waitlistPosition?: number | null | undefined;
}

/** The notice types a person receives (the rest are for webhooks only). */
export const personNoticeTypes = [
  'signup.confirmed',
  'signup.waitlisted',
  'signup.promoted',
  'signup.cancelled',
  'shift.changed',
  'occurrence.moved',
  'reminder.due',
] as const;
export type PersonNoticeType = (typeof personNoticeTypes)[number];

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `12月5日 09:00` / `5 Dec 09:00`, the wall-clock time in the event's zone. */
export function formatNoticeTime(
  instant: string,
  timeZone: string,
  language: NotificationLanguage,
) {
  const local = instantToLocal(instant, timeZone);
  const month = Number(local.slice(5, 7));
  const day = Number(local.slice(8, 10));
  const time = local.slice(11, 16);
  return language === 'en'
    ? `${day} ${EN_MONTHS[month - 1]} ${time}`
    : `${month}月${day}日 ${time}`;
}

const reasons: Record<NotificationLanguage, Record<string, string>> = {
  'zh-CN': {
    cancelled_by_person: '您已取消报名',
    cancelled_by_organizer: '组织者取消了您的报名',
    event_changed: '活动安排有变',
    event_cancelled: '活动已取消',
    occurrence_cancelled: '本场活动已取消',
  },
  en: {
    cancelled_by_person: 'you cancelled it',
    cancelled_by_organizer: 'the organizer cancelled it',
    event_changed: 'the event changed',
    event_cancelled: 'the event was cancelled',
    occurrence_cancelled: 'this date was cancelled',
  },
};

/**
 * Renders a person's notice in their language from the event's facts, times in the event's
 * time zone. Pure: the same inputs give the same text.
 *
 * @example
 * renderNotice('signup.promoted', 'en', { eventTitle: 'Vaccination', shiftName: 'Seat',
 *   start: '2026-12-05T01:00:00Z', timeZone: 'Asia/Shanghai' });
 * // { title: 'You have a place: Vaccination', body: 'Seat, 5 Dec 09:00: you moved up from the waitlist.' }
 */
export function renderNotice(
  type: PersonNoticeType,
  language: NotificationLanguage,
  context: NoticeContext,
): { title: string; body: string } {
  const when = formatNoticeTime(context.start, context.timeZone, language);
  const before =
    context.previousStart != null
      ? formatNoticeTime(context.previousStart, context.timeZone, language)
      : null;
  const what = `${context.shiftName}, ${when}`;
  const t = context.eventTitle;
  const reason =
    context.reason != null ? (reasons[language][context.reason] ?? context.reason) : null;
  // The office's note is quoted as written, after the coded reason (older readers want its words).
  const note = context.note?.trim() ? context.note.trim() : null;
  if (language === 'en') {
    switch (type) {
      case 'signup.confirmed':
        return { title: `Signed up: ${t}`, body: `${what}: your place is confirmed.` };
      case 'signup.waitlisted':
        return {
          title: `On the waitlist: ${t}`,
          body: `${what}: you are number ${context.waitlistPosition ?? '?'} on the waitlist.`,
        };
      case 'signup.promoted':
        return {
          title: `You have a place: ${t}`,
          body: `${what}: you moved up from the waitlist.`,
        };
      case 'signup.cancelled':
        return {
          title: `Cancelled: ${t}`,
          body: `${what}: your signup is cancelled (${reason}).${note !== null ? ` Message from the office: ${note}` : ''}`,
        };
      case 'shift.changed':
      case 'occurrence.moved':
        return {
          title: `Time changed: ${t}`,
          body: `${context.shiftName} now starts ${when}${before !== null ? ` (was ${before})` : ''}.`,
        };
      case 'reminder.due':
        return { title: `Reminder: ${t}`, body: `${what}: see you there.` };
    }
  }
  switch (type) {
    case 'signup.confirmed':
      return { title: `报名成功：${t}`, body: `${what}：您的名额已确认。` };
    case 'signup.waitlisted':
      return {
        title: `已进入候补：${t}`,
        body: `${what}：您在候补名单第 ${context.waitlistPosition ?? '?'} 位。`,
      };
    case 'signup.promoted':
      return { title: `候补转正：${t}`, body: `${what}：您已从候补名单转为正式报名。` };
    case 'signup.cancelled':
      return {
        title: `报名已取消：${t}`,
        body: `${what}：您的报名已取消（${reason}）。${note !== null ? `社区留言：${note}` : ''}`,
      };
    case 'shift.changed':
    case 'occurrence.moved':
      return {
        title: `时间变更：${t}`,
        body: `${context.shiftName} 改为 ${when} 开始${before !== null ? `（原为 ${before}）` : ''}。`,
      };
    case 'reminder.due':
      return { title: `活动提醒：${t}`, body: `${what}：请准时参加。` };
  }
}
