// The whole surface of @rota/db, as the API and other apps see it. Every method is one
// command in one transaction; refusals are thrown as RotaError with a stable code.
import type {
  AttendanceStep,
  AvailabilityInterval,
  CancelReason,
  Companion,
  EditEffects,
  Event,
  EventDraft,
  EventKind,
  EventStatus,
  Hours,
  Locale,
  NotificationPreferences,
  NotificationPreferencesPatch,
  Occurrence,
  OccurrencePatch,
  Page,
  Person,
  PersonInput,
  PersonPatch,
  Resource,
  ResourceInput,
  ResourcePatch,
  RosterEntry,
  Shift,
  Signup,
  SignupStatus,
  SignupWithShift,
  SlotRole,
  Unit,
  UnitInput,
} from '@rota/core';

import type { JobQueue } from './jobs/job-queue.ts';

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent or `memory://`: in memory. Ignored with `url`. */
  dataDir?: string | undefined;
  /** How far ahead occurrences and shifts are materialized (default 180 days). */
  horizonDays?: number | undefined;
  /** pg pool size (default 20). */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: how long a request may wait for a connection (opening one, or a free one of
   * the pool) before it fails as unavailable (default 10,000 ms).
   */
  connectTimeoutMs?: number | undefined;
  /** Run migrations when opening (default true). */
  migrate?: boolean | undefined;
  /**
   * Group-commit concurrent signups, of one shift or many, in shared transactions (default: on
   * for PostgreSQL, off for PGlite, which has one connection). See src/signups/README.md and
   * docs/decisions/0005 and 0006.
   */
  groupCommitSignups?: boolean | undefined;
  /** @deprecated The old name of `groupCommitSignups`, still accepted; that one wins. */
  hotShiftBatching?: boolean | undefined;
  /**
   * With `groupCommitSignups`: how many signup transactions may run at once in this process
   * (default 1); a shift's signups always share one lane. See docs/decisions/0006.
   */
  signupLanes?: number | undefined;
  /**
   * PostgreSQL: send the statements of every signup batch and token lookup as named prepared
   * statements, parsed once per connection (default false: unnamed, parsed and planned with
   * their parameters on every execution). Prepared, they are planned on every execution all
   * the same (`plan_cache_mode = force_custom_plan` on every pooled connection unless
   * `planCacheMode` says otherwise), which also replans every foreign-key check and trigger
   * statement for every row: docs/decisions/0008, amendment.
   */
  preparedStatements?: boolean | undefined;
  /**
   * PostgreSQL: `plan_cache_mode` of every pooled session (default: `auto`, PostgreSQL's own,
   * with unnamed statements; `force_custom_plan` with `preparedStatements`). See
   * docs/decisions/0008.
   */
  planCacheMode?: 'force_custom_plan' | 'auto' | undefined;
  /**
   * Write domain events to the outbox with every change (default true). Off only to measure
   * what the outbox costs (`npm run bench`): nothing is announced without it.
   */
  outbox?: boolean | undefined;
}

/** A list request: `limit` 1-500 (default 50), `cursor` opaque from a previous page. */
export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A window of instants, RFC 3339. */
export interface TimeWindow {
  from: string;
  to: string;
}

export type TokenRole = 'admin' | 'organizer' | 'volunteer';

/** Who a bearer token speaks for. */
export interface TokenInfo {
  id: string;
  role: TokenRole;
  unitId: string | null;
  personId: string | null;
  label: string | null;
  /** The language the token was created with (null or absent: none chosen). */
  language?: Locale | null | undefined;
  /**
   * The preferred language of the person the token or session acts for (their notification
   * preferences' language, zh-CN unless they chose English); null when it acts for no person.
   */
  personLanguage?: Locale | null | undefined;
}

/** A one-time sign-in link, as stored (its code only ever as a hash). */
export interface SignInLink {
  id: string;
  role: 'organizer' | 'volunteer';
  unitId: string | null;
  personId: string | null;
  label: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

/** How a person can act (GET /v1/people/:id/access): no secrets, only what and when. */
export interface PersonAccess {
  tokens: { id: string; label: string | null; createdAt: string }[];
  sessions: { id: string; createdAt: string; lastSeenAt: string }[];
  signInLinks: {
    id: string;
    label: string | null;
    expiresAt: string;
    usedAt: string | null;
    createdAt: string;
  }[];
}

/** Why a sign-in code opened no session. */
export type SignInRefusal = 'unknown' | 'used' | 'expired';

/** GET /v1/people: a subtree's people (everyone without `unitId`). */
export interface PeopleSearch extends PageRequest {
  /** Includes the unit's whole subtree; the caller checked that it exists. */
  unitId?: string | undefined;
  /** A name substring (Chinese or Latin), its pinyin (full or initials), or phone digits. */
  q?: string | undefined;
  /** Only people with this tag. */
  tag?: string | undefined;
}

/**
 * Refuse a phone number another person already has (409 `duplicate_person` with
 * `existingId`): in the subtree of `duplicatePhoneScope` (a unit id), everywhere when null, not
 * at all when undefined.
 */
export interface DuplicatePhoneCheck {
  duplicatePhoneScope?: string | null | undefined;
}

/** A tag used in a subtree: by how many people (0: only required by slots). */
export interface TagCount {
  tag: string;
  count: number;
}

export interface ShiftSearch extends PageRequest, TimeWindow {
  /** Includes the unit's whole subtree. */
  unitId?: string | undefined;
  kind?: EventKind | undefined;
  role?: SlotRole | undefined;
  /** seatsLeft > 0 */
  available?: boolean | undefined;
  /** confirmed seats < minNeeded */
  understaffed?: boolean | undefined;
  /** Only shifts this person meets the eligibility of (age on the shift's local date, tags). */
  eligibleFor?: string | undefined;
  /** Include draft events' shifts (organizers). Default false. */
  includeDrafts?: boolean | undefined;
}

/**
 * Who signs a person up when it is not the person themself (an organizer at a desk, an admin):
 * the store checks, in the signup's own transaction, that they may (docs/performance.md).
 */
export interface SignupActor {
  role: 'admin' | 'organizer' | 'volunteer';
  unitId: string | null;
}

export interface SignupCommand {
  shiftId: string;
  personId: string;
  seats: number;
  companions: Companion[];
  note?: string | undefined;
  /**
   * Attendance recorded with the signup (an organizer's walk-in at the door), in the same
   * transaction: the signup must come out confirmed (else 409 `invalid_state`) and the times
   * must fit the attendance bounds (400 on the field, 422 `not_yet`), or nothing is written.
   */
  attendance?: { checkedInAt: string; checkedOutAt?: string | undefined } | undefined;
}

/** The result of a command that can free seats: what changed, and who was promoted. */
export interface WithPromoted<T> {
  promoted: Signup[];
  value: T;
}

/** How an idempotent request stands. */
export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'in_flight' }
  | { state: 'mismatch' };

/** A command started under an Idempotency-Key (`idempotency.open`). */
export type IdempotentCommand =
  | Exclude<IdempotencyBegin, { state: 'new' }>
  | {
      state: 'new';
      /** Runs `fn` with every store of this RotaDb inside the command's transaction. */
      run<T>(fn: () => Promise<T>): Promise<T>;
      /** Records the answer under the key and commits it with the command's writes. */
      commit(status: number, body: unknown): Promise<void>;
      /** Undoes the command's writes and its claim: the key is free again. */
      rollback(): Promise<void>;
    };

export type WebhookStatus = 'active' | 'paused' | 'failing';

/** A webhook subscription (its secrets never leave the store except at creation and rotation). */
export interface Webhook {
  id: string;
  unitId: string;
  url: string;
  events: string[];
  description: string | null;
  status: WebhookStatus;
  /** Why it is failing: the last attempt's error, after retries ran out. */
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One event's delivery to one webhook, with its latest attempt. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  /** The `webhook-id` header: the same on every attempt and redelivery. */
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  /** At most the first 200 characters of the receiver's last answer. */
  responseExcerpt: string | null;
  durationMs: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** What a worker needs to attempt a delivery. */
export type DeliveryAttempt =
  | { state: 'gone' }
  | { state: 'held'; reason: 'paused' | 'failing' }
  | {
      state: 'ready';
      deliveryId: string;
      webhookId: string;
      eventId: string;
      url: string;
      body: string;
      /** Every secret valid now (the new one and, during a rotation's overlap, the old). */
      secrets: string[];
    };

/** The outcome of one attempt, as the worker saw it. */
export interface AttemptResult {
  ok: boolean;
  responseStatus: number | null;
  responseExcerpt: string | null;
  durationMs: number;
  error: string | null;
}

/** A notice in a person's in-app inbox. */
export interface Notice {
  id: string;
  personId: string;
  type: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** An email or SMS of a notice, as the sending worker needs it. */
export type SendAttempt =
  | { state: 'gone' }
  | {
      state: 'ready';
      sendId: string;
      channel: 'email' | 'sms';
      address: string;
      title: string;
      body: string;
      language: 'zh-CN' | 'en';
    };

/** The outbox as the dispatcher's pacing reads it. */
export interface OutboxState {
  /** When the oldest undispatched event was written (RFC 3339); null when none waits. */
  oldestAt: string | null;
  /** Its place in the outbox's order (null when none waits). */
  oldestSeq: number | null;
  /** Events written to the outbox so far (its sequence's last value; rolled-back ones count). */
  written: number;
}

export interface RotaDb {
  readonly kind: 'pglite' | 'postgres';
  /** Apply pending migrations (no-op when current; safe from two processes at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Readiness: resolves when the database answers a trivial statement, rejects (an error for
   * which {@link isDatabaseUnavailable} is true) when it cannot be reached.
   */
  ping(): Promise<void>;

  units: {
    create(input: UnitInput): Promise<Unit>;
    get(id: string): Promise<Unit | undefined>;
    list(filter: PageRequest & { parentId?: string | undefined }): Promise<Page<Unit>>;
    /** Ids from the root down to the unit itself; undefined when the unit does not exist. */
    path(id: string): Promise<string[] | undefined>;
  };

  tokens: {
    /** Creates a token; the secret is returned only here (it is stored hashed). */
    create(input: {
      role: TokenRole;
      unitId?: string | undefined;
      personId?: string | undefined;
      label?: string | undefined;
      /** The language of the token's answers when a request sends no Accept-Language. */
      language?: Locale | undefined;
      /** Use this secret instead of a random one (ROTA_ADMIN_TOKEN, demo tokens). */
      secret?: string | undefined;
    }): Promise<TokenInfo & { token: string }>;
    /** Looks a secret up by its hash. */
    verify(secret: string): Promise<TokenInfo | undefined>;
    get(id: string): Promise<TokenInfo | undefined>;
    /** True when it existed. */
    delete(id: string): Promise<boolean>;
    /** True when at least one admin token exists. */
    hasAdmin(): Promise<boolean>;
  };

  signIn: {
    /** Creates a one-time link; its code is returned only here (it is stored hashed). */
    createLink(input: {
      role: 'organizer' | 'volunteer';
      unitId?: string | undefined;
      personId?: string | undefined;
      label?: string | undefined;
      expiresAt: string;
      now: string;
    }): Promise<SignInLink & { code: string }>;
    getLink(id: string): Promise<SignInLink | undefined>;
    /** The newest link with this label (the demo finds its people again at every start). */
    lastLinkLabelled(label: string): Promise<SignInLink | undefined>;
    /** Deletes the link and ends every session it opened. True when it existed. */
    deleteLink(id: string): Promise<boolean>;
    /**
     * Exchanges a code, once, for a new session (the code is marked used in the same
     * statement, so two exchanges of one code never both succeed).
     */
    exchange(
      code: string,
      now: string,
    ): Promise<
      { ok: true; session: TokenInfo; secret: string } | { ok: false; reason: SignInRefusal }
    >;
    /**
     * The session whose secret this is, when it was seen after `idleSince` (else it has
     * expired); records `now` as its last use (at most once a minute).
     */
    verifySession(secret: string, now: string, idleSince: string): Promise<TokenInfo | undefined>;
    /** Signs a session out. True when it existed. */
    endSession(id: string): Promise<boolean>;
    /** A person's tokens, sessions and sign-in links (never their secrets). */
    personAccess(personId: string): Promise<PersonAccess>;
    /**
     * Ends every session of the person and deletes their sign-in links; with `tokens`, their
     * volunteer tokens too.
     */
    revokePersonAccess(
      personId: string,
      options: { tokens: boolean },
    ): Promise<{ sessionsEnded: number; signInLinksRevoked: number; tokensRevoked: number }>;
  };

  people: {
    /** With `duplicatePhoneScope`: 409 `duplicate_person` when that subtree has the phone. */
    create(input: PersonInput, options?: DuplicatePhoneCheck): Promise<Person>;
    get(id: string): Promise<Person | undefined>;
    /** With `duplicatePhoneScope`, a changed phone is checked as on create. */
    update(id: string, patch: PersonPatch, options?: DuplicatePhoneCheck): Promise<Person>;
    /** People of a subtree by name, pinyin, phone and tag, in creation order. */
    search(filter: PeopleSearch): Promise<Page<Person>>;
    /** Tags people have and slots require in a subtree (everywhere without `unitId`). */
    tags(unitId: string | undefined): Promise<TagCount[]>;
    /**
     * Makes a new calendar feed key for the person and returns it: the only time it is seen
     * (only its SHA-256 is stored). The previous key stops working at once. Undefined for an
     * unknown person.
     */
    rotateFeedKey(id: string): Promise<string | undefined>;
    /** The person, when `key` is their current feed key (else undefined). */
    byFeedKey(id: string, key: string): Promise<Person | undefined>;
    signups(
      personId: string,
      filter: PageRequest & Partial<TimeWindow> & { status?: SignupStatus | undefined },
    ): Promise<Page<SignupWithShift>>;
    hours(personId: string, window: TimeWindow, now: string): Promise<Hours>;
    /** Confirmed signups with shift and event, for the calendar feed (the window is wide). */
    calendar(personId: string, window: TimeWindow): Promise<SignupWithShift[]>;
  };

  events: {
    /** Stores the event; when published, materializes occurrences and shifts to the horizon. */
    create(draft: EventDraft, now: string): Promise<Event>;
    get(id: string): Promise<Event | undefined>;
    list(
      filter: PageRequest &
        Partial<TimeWindow> & {
          unitId?: string | undefined;
          kind?: EventKind | undefined;
          status?: EventStatus | undefined;
          includeDrafts?: boolean | undefined;
        },
    ): Promise<Page<Event>>;
    /**
     * Replaces the event's content with `draft` (the caller merged the patch with core's
     * `applyEventPatch`).
     * `ifVersion` mismatch: `version_conflict`. Re-plans future occurrences of a published
     * event; shifts that no longer exist are cancelled with their signups (`event_changed`).
     */
    update(
      id: string,
      patch: EventDraft,
      options: { ifVersion?: number | undefined; now: string },
    ): Promise<Event>;
    /**
     * A dry run of `update`: the same checks and refusals, and what it would do (core's
     * EditEffects) and the event it would give; writes nothing.
     */
    previewUpdate(
      id: string,
      patch: EventDraft,
      options: { ifVersion?: number | undefined; now: string },
    ): Promise<{ event: Event; effects: EditEffects }>;
    publish(id: string, now: string): Promise<Event>;
    /** Cancels the event and every future signup (`event_cancelled`). */
    cancel(id: string, reason: string | undefined, now: string): Promise<Event>;
    occurrences(eventId: string, filter: PageRequest & TimeWindow): Promise<Page<Occurrence>>;
    /** The event with its occurrence overrides (moved or cancelled), for iCalendar. */
    overrides(eventId: string): Promise<Occurrence[]>;
  };

  occurrences: {
    get(id: string): Promise<Occurrence | undefined>;
    update(id: string, patch: OccurrencePatch, now: string): Promise<Occurrence>;
  };

  shifts: {
    search(filter: ShiftSearch): Promise<Page<Shift>>;
    get(id: string): Promise<Shift | undefined>;
    /** Raising promotes the waitlist; below seats taken: `capacity_below_taken`. */
    setCapacity(id: string, capacity: number, now: string): Promise<WithPromoted<Shift>>;
    /** Every signup of the shift, every status, in join order. */
    roster(id: string): Promise<RosterEntry[]>;
  };

  signups: {
    /**
     * Signs up: confirmed when the seats fit, else waitlisted (or `shift_full`). Enforces
     * eligibility, the signup window, no double-booking and no overbooking in the database.
     */
    create(
      command: SignupCommand,
      now: string,
      options?: {
        /** Records the 201 response under this key in the same transaction as the signup. */
        idempotency?: { scope: string; key: string; requestHash: string } | undefined;
        /**
         * Someone other than the person: refused with `not_found` (an unknown shift or person,
         * or a draft's shift they do not organize) or `forbidden` (they organize neither the
         * event's unit nor the person's) before anything else is decided.
         */
        actor?: SignupActor | undefined;
      },
    ): Promise<Signup>;
    get(id: string): Promise<Signup | undefined>;
    /** Cancels and promotes the waitlist in the same transaction. */
    cancel(id: string, reason: CancelReason, now: string): Promise<WithPromoted<Signup>>;
    /** `now` given: an `at` later than now (beyond clock skew) is refused (`not_yet`). */
    checkIn(id: string, at: string, now?: string): Promise<Signup>;
    checkOut(id: string, at: string, now?: string): Promise<Signup>;
    /** `now` stamps the `attendance.no_show` event (default: the database's clock). */
    noShow(id: string, now?: string): Promise<Signup>;
    /**
     * Takes one attendance step back (a wrong tap at the door): clears the check-in (not
     * after a check-out: that is undone first), the check-out, or the no-show; `invalid_state`
     * when the step was not recorded. Announced as `attendance.corrected`.
     */
    undoAttendance(id: string, step: AttendanceStep, now?: string): Promise<Signup>;
  };

  idempotency: {
    /**
     * Starts a command under an Idempotency-Key: opens its transaction and claims
     * `(scope, key)` in it. `new`: run the command inside `run` (every store then writes in that
     * transaction), then `commit` with its answer (recorded for replays) or `rollback`; the
     * claim and the writes commit together or not at all, so after a crash the key is done or
     * free. A request holding the key makes this wait (up to 2 s) and then replay its answer;
     * `in_flight` when it still runs after that. The record holds the key's SHA-256 and the
     * answer sealed with the raw key and the scope: the database alone reveals neither.
     */
    open(scope: string, key: string, requestHash: string, now: string): Promise<IdempotentCommand>;
    /**
     * Reads how `(scope, key)` stands without claiming it: `replay` or `mismatch` when a
     * request finished with it, else `new` (the claim in the command's transaction decides).
     */
    peek(scope: string, key: string, requestHash: string): Promise<IdempotencyBegin>;
    /** Deletes records older than `olderThan` (keep at least 24 h). Returns how many. */
    purge(olderThan: string): Promise<number>;
  };

  webhooks: {
    /** `secret` (`whsec_…`) is returned only here and by `rotateSecret`. */
    create(
      input: { unitId: string; url: string; events: string[]; description?: string | undefined },
      now: string,
    ): Promise<Webhook & { secret: string }>;
    get(id: string): Promise<Webhook | undefined>;
    list(filter: PageRequest & { unitId?: string | undefined }): Promise<Page<Webhook>>;
    /** Setting `active` on a failing webhook sends its pending deliveries again, in order. */
    update(
      id: string,
      patch: {
        url?: string | undefined;
        events?: string[] | undefined;
        description?: string | null | undefined;
        status?: 'active' | 'paused' | undefined;
      },
      now: string,
    ): Promise<Webhook>;
    /** True when it existed. */
    delete(id: string): Promise<boolean>;
    /** A new secret; the old ones stay valid for `overlapSeconds` (signatures carry both). */
    rotateSecret(id: string, overlapSeconds: number, now: string): Promise<{ secret: string }>;
    deliveries(webhookId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
    /** Queues the delivery again with the same `webhook-id`; false when there is no such one. */
    redeliver(webhookId: string, deliveryId: string, now: string): Promise<boolean>;
    /** Queues a `webhook.ping` delivery. */
    ping(webhookId: string, now: string): Promise<void>;
    /** Worker side: what to send for a delivery, or why not. */
    beginAttempt(deliveryId: string, now: string): Promise<DeliveryAttempt>;
    /** Worker side: records an attempt; `final` failures mark the delivery failed, the webhook failing. */
    recordAttempt(
      deliveryId: string,
      result: AttemptResult,
      options: { final: boolean; now: string },
    ): Promise<void>;
  };

  notifications: {
    /** The person's inbox, newest first. */
    list(
      personId: string,
      page: PageRequest & { unread?: boolean | undefined },
    ): Promise<Page<Notice>>;
    /** Marks a notice read (idempotent); undefined when it is not the person's. */
    markRead(personId: string, id: string, now: string): Promise<Notice | undefined>;
    preferences(personId: string): Promise<NotificationPreferences>;
    setPreferences(
      personId: string,
      patch: NotificationPreferencesPatch,
    ): Promise<NotificationPreferences>;
    /**
     * Fans undispatched outbox events out (webhook deliveries, inbox notices, email and SMS
     * jobs, reminder plans) in one transaction; one dispatcher at a time across processes.
     * Returns how many events it took (0 when another process holds the turn).
     */
    dispatch(now: string, limit?: number): Promise<number>;
    /**
     * What the outbox shows the dispatcher's pacing (`paceDispatch` in core): when the oldest
     * undispatched event was written (null when none waits), and how many events have been
     * written so far (the outbox's sequence: two looks tell how fast it fills).
     */
    lookAtOutbox(): Promise<OutboxState>;
    /** Turns reminders due at `now` into `reminder.due` events; drops stale ones. */
    sweepReminders(now: string, limit?: number): Promise<number>;
    /** Worker side: an email or SMS to send. */
    beginSend(sendId: string): Promise<SendAttempt>;
    recordSend(
      sendId: string,
      error: string | null,
      options: { final: boolean; now: string },
    ): Promise<void>;
  };

  /** The job queue (pg-boss 12 in schema `pgboss` of this database); workers start it. */
  readonly jobs: JobQueue;

  resources: {
    create(input: ResourceInput, now: string): Promise<Resource>;
    get(id: string): Promise<Resource | undefined>;
    /**
     * `unitId`: the resources an event of that unit may book (owned by it or a unit above).
     * `minFree` with `window`: only those with at least that many free at every instant.
     */
    list(
      filter: PageRequest & {
        unitId?: string | undefined;
        kind?: string | undefined;
        includeRetired?: boolean | undefined;
        window?: TimeWindow | undefined;
        minFree?: number | undefined;
      },
    ): Promise<Page<Resource>>;
    /**
     * Changes a resource. A quantity (or retirement) that a booking ending after `now` would
     * no longer fit: 409 `resource_conflict` with `bookings` (the database decides, under the
     * resource's row lock). `ifVersion` mismatch: `version_conflict`.
     */
    update(
      id: string,
      patch: ResourcePatch,
      options: { ifVersion?: number | undefined; now: string },
    ): Promise<Resource>;
    /** The free quantity over the window, as consecutive intervals; undefined: no such id. */
    availability(id: string, window: TimeWindow): Promise<AvailabilityInterval[] | undefined>;
    /**
     * Every future occurrence the horizon reached whose resources did not fit (marked with
     * `resourceShortfall`), of events in the unit's subtree, in start order.
     */
    shortfalls(
      filter: PageRequest & { unitId?: string | undefined; from: string },
    ): Promise<Page<Occurrence>>;
  };

  /**
   * Extends materialized occurrences and shifts of published and draft events to the horizon
   * (drafts are materialized too: their organizers see their shifts; nobody can sign up).
   */
  extendHorizon(now: string): Promise<{ occurrences: number; shifts: number }>;
}
