// Frozen in time: this migration takes Kysely<any> and imports no application code.
import { type Kysely, sql } from 'kysely';

// The transactional outbox and what the notifications fan out to. An outbox row is written in
// the transaction of the change it announces (so it exists if and only if the change
// committed); one dispatcher at a time turns undispatched rows into webhook deliveries, inbox
// notices, channel jobs (pg-boss, schema `pgboss`) and planned reminders, in one transaction.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table outbox (
      seq bigint generated always as identity primary key,
      id text not null unique default gen_random_uuid()::text,
      type text not null,
      occurred_at timestamptz not null,
      unit_id text,
      shift_id text,
      data jsonb not null,
      dispatched_at timestamptz
    )`.execute(db);
  await sql`create index outbox_pending on outbox (seq) where dispatched_at is null`.execute(db);

  await sql`
    create table webhooks (
      id text primary key default gen_random_uuid()::text,
      unit_id text not null references units (id),
      url text not null,
      events text[] not null,
      description text,
      status text not null default 'active' check (status in ('active','paused','failing')),
      secrets jsonb not null,
      failure_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index webhooks_unit on webhooks (unit_id, created_at, id)`.execute(db);

  await sql`
    create table webhook_deliveries (
      id text primary key default gen_random_uuid()::text,
      webhook_id text not null references webhooks (id) on delete cascade,
      event_id text not null,
      type text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending','delivered','failed')),
      attempts integer not null default 0,
      response_status integer,
      response_excerpt text,
      duration_ms integer,
      last_error text,
      job_id text,
      created_at timestamptz not null,
      last_attempt_at timestamptz,
      delivered_at timestamptz
    )`.execute(db);
  await sql`create index webhook_deliveries_list on webhook_deliveries (webhook_id, created_at, id)`.execute(
    db,
  );

  await sql`
    create table notification_preferences (
      person_id text primary key references people (id),
      channels text[] not null default '{inbox}',
      language text not null default 'zh-CN' check (language in ('zh-CN','en')),
      email text
    )`.execute(db);

  await sql`
    create table notifications (
      id text primary key default gen_random_uuid()::text,
      person_id text not null references people (id),
      event_id text not null,
      type text not null,
      title text not null,
      body text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      constraint notifications_once unique (event_id, person_id)
    )`.execute(db);
  await sql`create index notifications_person on notifications (person_id, created_at, id)`.execute(
    db,
  );

  await sql`
    create table notification_sends (
      id text primary key default gen_random_uuid()::text,
      notification_id text not null references notifications (id) on delete cascade,
      channel text not null check (channel in ('email','sms')),
      address text not null,
      status text not null default 'pending' check (status in ('pending','sent','failed')),
      attempts integer not null default 0,
      last_error text,
      not_before timestamptz not null,
      sent_at timestamptz
    )`.execute(db);

  // A reminder is planned for the shift's start it was computed from: a moved shift gets new
  // rows, and the sweep sends only rows whose start is still the shift's.
  await sql`
    create table reminders (
      id text primary key default gen_random_uuid()::text,
      signup_id text not null references signups (id),
      kind text not null,
      shift_start timestamptz not null,
      due_at timestamptz not null,
      sent_at timestamptz,
      constraint reminders_once unique (signup_id, kind, shift_start)
    )`.execute(db);
  await sql`create index reminders_due on reminders (due_at) where sent_at is null`.execute(db);

  // Lead times per event: null means the defaults (the day before at 18:00, and 2 hours before).
  await sql`alter table events add column reminders jsonb`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop column if exists reminders`.execute(db);
  for (const table of [
    'reminders',
    'notification_sends',
    'notifications',
    'notification_preferences',
    'webhook_deliveries',
    'webhooks',
    'outbox',
  ]) {
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  }
}
