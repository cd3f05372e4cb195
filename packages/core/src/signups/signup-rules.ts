// Small rules that used to sit in route handlers: defaults and windows that a web app or
// another transport must apply the same way.
import type { CancelReason } from '../model/signup.ts';
import type { Actor } from '../permissions/actor.ts';
import { isSelf } from '../permissions/policy.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The seats a signup takes when the request does not say: the person and their companions.
 *
 * @example
 * defaultSeats([{ name: '小明', birthDate: '2018-03-01' }]); // 2
 */
export function defaultSeats(companions: readonly unknown[]): number {
  return 1 + companions.length;
}

/** Why a signup was cancelled, from who cancels it: the person themself, or an organizer. */
export function cancelReasonFor(
  actor: Actor,
  personId: string,
): Extract<CancelReason, 'cancelled_by_person' | 'cancelled_by_organizer'> {
  return isSelf(actor, personId) ? 'cancelled_by_person' : 'cancelled_by_organizer';
}

/**
 * The window of a person's volunteer hours when the request gives none or only `to`: hours are
 * about the past, so with no window the last 366 days up to now; with only `to`, the 31 days
 * before it. A window with `from` is the caller's to check.
 */
export function hoursWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: string,
): { from: string; to: string | undefined } {
  if (query.from === undefined && query.to === undefined) {
    return { from: new Date(Date.parse(now) - 366 * DAY_MS).toISOString(), to: now };
  }
  return {
    from: query.from ?? new Date(Date.parse(query.to!) - 31 * DAY_MS).toISOString(),
    to: query.to,
  };
}

/** How far back and ahead a person's calendar feed shows their confirmed shifts. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 366;

/** The personal calendar feed's window: 90 days back to a year ahead of `now`. */
export function feedWindow(now: string): { from: string; to: string } {
  const nowMs = Date.parse(now);
  return {
    from: new Date(nowMs - FEED_PAST_DAYS * DAY_MS).toISOString(),
    to: new Date(nowMs + FEED_FUTURE_DAYS * DAY_MS).toISOString(),
  };
}
