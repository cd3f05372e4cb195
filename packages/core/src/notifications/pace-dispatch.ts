/** What the dispatcher saw of the outbox at one look (read from the database, not counted). */
export interface OutboxLook {
  /** The instant of the look (RFC 3339). */
  now: string;
  /** When the oldest undispatched event was written (RFC 3339); null when none waits. */
  oldestAt: string | null;
  /** Events written since the previous look; null at a dispatcher's first look. */
  arrived: number | null;
  /** Milliseconds since the previous look. */
  sinceMs: number;
}

/** How the dispatcher yields to a burst of signups. */
export interface DispatchPaceSettings {
  /**
   * The longest an event may wait before its fan-out, during a burst (ms). 0: never defer. The
   * bound holds while the dispatcher can fan out faster than events arrive.
   */
  maxLagMs: number;
  /** Events written per second above which the outbox counts as filling fast (a burst). */
  burstPerSecond: number;
  /**
   * How often the dispatcher looks (ms). A deferred event is due two looks before its bound: one
   * for the wait until the next look, one for fanning out what is due at it.
   */
  lookEveryMs: number;
}

/** The dispatcher's defaults: 5 s of lag at most, a burst above 500 events/s, a look each second. */
export const defaultDispatchPace: DispatchPaceSettings = {
  maxLagMs: 5_000,
  burstPerSecond: 500,
  lookEveryMs: 1_000,
};

/**
 * What to do at a look:
 * - `idle`: nothing waits.
 * - `dispatch`: fan out now, in order, every waiting event (`upTo` null) or those written at
 *   or before `upTo` (`due`: a burst is on, and these must go now to stay inside the bound).
 * - `defer`: a burst is on and the oldest event is not due before `dueAt`: leave the cores to
 *   the signups.
 */
export type DispatchPace =
  | { kind: 'idle' }
  | { kind: 'dispatch'; reason: 'light' | 'first' | 'unpaced'; upTo: null }
  | { kind: 'dispatch'; reason: 'due'; upTo: string }
  | { kind: 'defer'; dueAt: string };

/**
 * Decides whether the dispatcher fans out now or yields to a burst of interactive traffic, from
 * what the outbox shows: its oldest waiting event's age and how many events were written since
 * the last look. Light traffic is never delayed; during a burst an event waits at most
 * `maxLagMs` (two looks' time is kept in hand), and the oldest go first.
 *
 * @example
 * paceDispatch(
 *   { now: '2026-12-07T08:00:04Z', oldestAt: '2026-12-07T08:00:02Z', arrived: 4000, sinceMs: 1000 },
 *   defaultDispatchPace,
 * ); // { kind: 'defer', dueAt: '2026-12-07T08:00:05.000Z' }
 */
export function paceDispatch(look: OutboxLook, settings: DispatchPaceSettings): DispatchPace {
  if (look.oldestAt === null) return { kind: 'idle' };
  if (settings.maxLagMs <= 0) return { kind: 'dispatch', reason: 'unpaced', upTo: null };
  // A first look (a restart, a new worker) knows no rate: it fans out, as before pacing.
  if (look.arrived === null) return { kind: 'dispatch', reason: 'first', upTo: null };
  // Looks closer together than the usual interval are weighed over a whole interval, so a
  // handful of events between two quick looks never counts as a burst.
  const window = Math.max(look.sinceMs, settings.lookEveryMs);
  if (look.arrived * 1000 <= settings.burstPerSecond * window) {
    return { kind: 'dispatch', reason: 'light', upTo: null };
  }
  // An event written at or before `upTo` goes now: left for the next look, it could pass the
  // bound before its fan-out ends (the next look comes up to one interval later, and what is
  // due then takes up to one more to fan out while the dispatcher outruns the arrivals).
  const hold = Math.max(0, settings.maxLagMs - 2 * settings.lookEveryMs);
  const now = Date.parse(look.now);
  const oldest = Date.parse(look.oldestAt);
  const upTo = now - hold;
  if (oldest <= upTo)
    return { kind: 'dispatch', reason: 'due', upTo: new Date(upTo).toISOString() };
  return { kind: 'defer', dueAt: new Date(oldest + hold).toISOString() };
}
