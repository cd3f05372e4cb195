// Table types: snake_case rows stay inside @rota/db (rows never leave the store). Instants are
// ISO strings (UTC) after the driver's parsers; dates are `YYYY-MM-DD`; int8 are numbers.
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface UnitTable {
  id: Generated<string>;
  name: string;
  kind: string;
  parent_id: string | null;
  path: string;
  created_at: string;
}

export interface PersonTable {
  id: Generated<string>;
  name: string;
  unit_id: string;
  phone: string | null;
  birth_date: string | null;
  tags: string[];
  /** SHA-256 (hex) of the calendar feed key; null until a key is made. */
  feed_key_hash: string | null;
  created_at: string;
  /** Pinyin search key of `name` (name-search-key.ts), written with every name. */
  name_key: Generated<string>;
}

export interface TokenTable {
  id: Generated<string>;
  secret_hash: string;
  role: 'admin' | 'organizer' | 'volunteer';
  unit_id: string | null;
  person_id: string | null;
  label: string | null;
  /** The language the token's answers use when a request names none (null: not chosen). */
  language: 'zh-CN' | 'en' | null;
  created_at: string;
}

export interface SignInLinkTable {
  id: Generated<string>;
  code_hash: string;
  role: 'organizer' | 'volunteer';
  unit_id: string | null;
  person_id: string | null;
  label: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionTable {
  id: Generated<string>;
  secret_hash: string;
  link_id: string;
  role: 'organizer' | 'volunteer';
  unit_id: string | null;
  person_id: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface EventTable {
  id: Generated<string>;
  unit_id: string;
  kind: string;
  template: string | null;
  title: string;
  description: string | null;
  location: Json<unknown> | null;
  time_zone: string;
  start_local: string;
  starts_at: string;
  duration_minutes: number;
  recurrence: Json<unknown> | null;
  signup_window: Json<unknown>;
  slots: Json<unknown>;
  status: 'draft' | 'published' | 'cancelled';
  version: Generated<number>;
  cancel_reason: string | null;
  published_at: string | null;
  materialized_until: string | null;
  created_at: string;
  updated_at: string;
  /** [{ resourceId, quantity, offsetMinutes, durationMinutes }] (migration 0060). */
  resources: Json<unknown>;
  /** Reminder lead times (ReminderSettings); null: the defaults. */
  reminders: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface OccurrenceTable {
  id: Generated<string>;
  event_id: string;
  original_local_start: string;
  local_start: string;
  start: string;
  end: string;
  status: Generated<'scheduled' | 'cancelled'>;
  cancel_reason: string | null;
  /** What the horizon could not book for it (null: everything booked). */
  resource_shortfall: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ShiftTable {
  id: Generated<string>;
  event_id: string;
  occurrence_id: string;
  slot_key: string;
  sequence: number;
  name: string;
  role: 'volunteer' | 'attendee';
  start: string;
  end: string;
  local_date: string;
  capacity: number;
  seats_taken: Generated<number>;
  waitlist_count: Generated<number>;
  min_needed: number;
  max_party_size: number;
  min_age: number | null;
  max_age: number | null;
  companion_min_age: number | null;
  companion_max_age: number | null;
  required_tags: string[];
  waitlist: boolean;
  status: Generated<'open' | 'cancelled'>;
  /** The event's unit path (ltree), copied for the subtree filter of the search. */
  unit_path: string;
  /** The event's status, copied for the search (triggers keep it equal to `events.status`). */
  event_status: 'draft' | 'published' | 'cancelled';
  /** The slot's "one per person per occurrence" (a trigger copies it onto signups). */
  one_per_person: boolean;
}

export interface SignupTable {
  id: Generated<string>;
  shift_id: string;
  person_id: string;
  seats: number;
  companions: Json<unknown>;
  note: string | null;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  join_seq: Generated<number>;
  role: 'volunteer' | 'attendee';
  period: string;
  created_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  checked_in_at: string | null;
  checked_out_at: string | null;
  no_show: Generated<boolean>;
  /** `<occurrence>:<slot key>` when the shift is one per person (filled by a trigger). */
  one_per_key: Generated<string | null>;
}

export interface IdempotencyTable {
  scope: string;
  /** SHA-256 (hex) of the Idempotency-Key; the key itself is never stored. */
  key_hash: string;
  request_hash: string;
  status: number | null;
  /** The recorded answer, sealed with the key (`idempotency/sealed-answer.ts`). */
  sealed_body: string | null;
  claimed_at: string;
  completed_at: string | null;
  created_at: string;
}

export interface ResourceTable {
  id: Generated<string>;
  unit_id: string;
  name: string;
  kind: string | null;
  quantity: number;
  note: string | null;
  retired_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** An event's claim on a quantity of a resource for one occurrence's span (invariant 7). */
export interface BookingTable {
  id: Generated<string>;
  resource_id: string;
  event_id: string;
  occurrence_id: string;
  quantity: number;
  /** tstzrange text `[start,end)`. */
  period: string;
  created_at: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  id: Generated<string>;
  type: string;
  occurred_at: string;
  unit_id: string | null;
  shift_id: string | null;
  data: Json<unknown>;
  dispatched_at: string | null;
}

export interface WebhookTable {
  id: Generated<string>;
  unit_id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'paused' | 'failing';
  secrets: Json<{ secret: string; expiresAt: string | null }[]>;
  failure_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  type: string;
  body: string;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  response_status: number | null;
  response_excerpt: string | null;
  duration_ms: number | null;
  last_error: string | null;
  job_id: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

export interface NotificationPreferencesTable {
  person_id: string;
  channels: string[];
  language: 'zh-CN' | 'en';
  email: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  person_id: string;
  event_id: string;
  type: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationSendTable {
  id: Generated<string>;
  notification_id: string;
  channel: 'email' | 'sms';
  address: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  not_before: string;
  sent_at: string | null;
}

export interface ReminderTable {
  id: Generated<string>;
  signup_id: string;
  kind: string;
  shift_start: string;
  due_at: string;
  sent_at: string | null;
}

export interface Database {
  units: UnitTable;
  people: PersonTable;
  tokens: TokenTable;
  sign_in_links: SignInLinkTable;
  sessions: SessionTable;
  events: EventTable;
  occurrences: OccurrenceTable;
  shifts: ShiftTable;
  signups: SignupTable;
  idempotency_records: IdempotencyTable;
  resources: ResourceTable;
  bookings: BookingTable;
  outbox: OutboxTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  notification_preferences: NotificationPreferencesTable;
  notifications: NotificationTable;
  notification_sends: NotificationSendTable;
  reminders: ReminderTable;
}
