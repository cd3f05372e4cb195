import {
  defaultReminderSettings,
  type NotificationLanguage,
  type PersonNoticeType,
  personNoticeTypes,
  planReminders,
  type ReminderSettings,
  renderNotice,
  smsSendAt,
} from '@rota/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type JobQueue, queues } from '../jobs/job-queue.ts';
import type { Database } from '../schema.ts';

/** The advisory lock that makes one dispatcher at a time (any process) keep the outbox order. */
const DISPATCH_LOCK = 17_000_017;

interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  data: Record<string, unknown>;
  shift_id: string | null;
  unit_id: string | null;
  unit_path: string | null;
}

interface ShiftFacts {
  id: string;
  name: string;
  start: string;
  title: string;
  time_zone: string;
  reminders: ReminderSettings | null;
  status: string;
  /** The organizer's reason for cancelling the event, and the shift's date. */
  event_note: string | null;
  occurrence_note: string | null;
}

/** The organizer's words for a signup cancelled with its event or its date, else none. */
function cancelNote(reason: unknown, shift: ShiftFacts): string | null {
  if (reason === 'event_cancelled') return shift.event_note;
  if (reason === 'occurrence_cancelled') return shift.occurrence_note;
  return null;
}

const isPersonNotice = (type: string): type is PersonNoticeType =>
  (personNoticeTypes as readonly string[]).includes(type);

function inSubtree(path: string | null, ancestor: string): boolean {
  return path !== null && (path === ancestor || path.startsWith(`${ancestor}.`));
}

/** The webhook payload (API.md): `{ id, type, occurredAt, unitId, data }`, the id = `webhook-id`. */
function payload(row: OutboxRow, type = row.type): string {
  return JSON.stringify({
    id: row.id,
    type,
    occurredAt: row.occurred_at,
    unitId: row.unit_id,
    data: row.data,
  });
}

/**
 * The next `limit` undispatched rows in `seq` order, each with its unit and the unit's path.
 * The rows are read alone, within a window of `seq` that starts at the oldest undispatched row:
 * whatever the statistics say about the backlog, the read is bounded by the window (a join or a
 * sort over the whole backlog made each batch cost as much as the backlog, so draining it was
 * quadratic). A window may hold fewer rows than `limit` (gaps left by rolled-back writes); it
 * always holds the oldest, so a batch is empty only when the outbox is drained. The units are
 * then read once per distinct shift and unit of the batch (one or a few), by key.
 */
async function pendingBatch(trx: Transaction<Database>, limit: number): Promise<OutboxRow[]> {
  const { rows } = await sql<Omit<OutboxRow, 'unit_path'>>`
    select o.seq, o.id, o.type, o.occurred_at, o.data, o.shift_id, o.unit_id
    from outbox o
    where o.dispatched_at is null
      and o.seq >= (select min(seq) from outbox where dispatched_at is null)
      and o.seq < (select min(seq) from outbox where dispatched_at is null) + ${limit}
    order by o.seq limit ${limit}`.execute(trx);
  if (rows.length === 0) return [];
  const shiftIds = [
    ...new Set(
      rows.flatMap((r) => (r.unit_id === null && r.shift_id !== null ? [r.shift_id] : [])),
    ),
  ];
  const unitOfShift = new Map<string, string>();
  if (shiftIds.length > 0) {
    const { rows: shifts } = await sql<{ id: string; unit_id: string }>`
      select k.id, x.unit_id from unnest(${shiftIds}::text[]) as k(id)
        cross join lateral (select e.unit_id from shifts s join events e on e.id = s.event_id
          where s.id = k.id limit 1) x`.execute(trx);
    for (const s of shifts) unitOfShift.set(s.id, s.unit_id);
  }
  const withUnit = rows.map((r) => ({
    ...r,
    unit_id: r.unit_id ?? (r.shift_id === null ? null : (unitOfShift.get(r.shift_id) ?? null)),
  }));
  const unitIds = [...new Set(withUnit.flatMap((r) => (r.unit_id === null ? [] : [r.unit_id])))];
  const pathOf = new Map<string, string>();
  if (unitIds.length > 0) {
    const { rows: units } = await sql<{ id: string; path: string }>`
      select k.id, x.path from unnest(${unitIds}::text[]) as k(id)
        cross join lateral (select u.path::text as path from units u where u.id = k.id limit 1) x`.execute(
      trx,
    );
    for (const u of units) pathOf.set(u.id, u.path);
  }
  return withUnit.map((r) => ({
    ...r,
    unit_path: r.unit_id === null ? null : (pathOf.get(r.unit_id) ?? null),
  }));
}

/**
 * Fans a batch of outbox events out, in one transaction, under an advisory lock (so that
 * concurrent dispatchers in other processes neither double the work nor reorder it):
 * webhook deliveries with their jobs (FIFO per webhook), inbox notices with their email and SMS
 * jobs, and reminder plans. Everything commits together with the rows' `dispatched_at`, so each
 * event is fanned out exactly once.
 */
export async function dispatchOutbox(
  db: Kysely<Database>,
  jobs: JobQueue,
  now: string,
  limit = 500,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${DISPATCH_LOCK}) as ok`.execute(trx);
    if (lock.rows[0]?.ok !== true) return 0;
    const rows = await pendingBatch(trx, limit);
    if (rows.length === 0) return 0;
    await fanOutWebhooks(trx, jobs, rows, now);
    await fanOutNotices(trx, jobs, rows, now);
    await planFromEvents(trx, rows, now);
    await sql`update outbox set dispatched_at = ${now}::timestamptz
      where dispatched_at is null and seq in (${sql.join(rows.map((r) => r.seq))})`.execute(trx);
    return rows.length;
  });
}

async function fanOutWebhooks(
  trx: Transaction<Database>,
  jobs: JobQueue,
  rows: OutboxRow[],
  now: string,
): Promise<void> {
  const { rows: hooks } = await sql<{ id: string; events: string[]; status: string; path: string }>`
    select w.id, w.events, w.status, u.path::text as path
    from webhooks w join units u on u.id = w.unit_id where w.status <> 'paused'`.execute(trx);
  const deliveries: { webhook_id: string; event_id: string; type: string; body: string }[] = [];
  const requeue: string[] = [];
  const resumed: string[] = [];
  for (const row of rows) {
    if (row.type === 'webhook.ping') {
      const webhookId = String(row.data.webhookId);
      if (hooks.some((h) => h.id === webhookId)) {
        deliveries.push({
          webhook_id: webhookId,
          event_id: row.id,
          type: row.type,
          body: payload(row),
        });
      }
    } else if (row.type === 'webhook.redeliver') {
      requeue.push(String(row.data.deliveryId));
    } else if (row.type === 'webhook.resume') {
      resumed.push(String(row.data.webhookId));
    } else {
      for (const hook of hooks) {
        if (hook.events.includes(row.type) && inSubtree(row.unit_path, hook.path)) {
          deliveries.push({
            webhook_id: hook.id,
            event_id: row.id,
            type: row.type,
            body: payload(row),
          });
        }
      }
    }
  }
  const queued: { id: string; webhook_id: string }[] = [];
  if (deliveries.length > 0) {
    const inserted = await sql<{ id: string; webhook_id: string }>`
      insert into webhook_deliveries (webhook_id, event_id, type, body, created_at)
      select d.webhook_id, d.event_id, d.type, d.body, ${now}::timestamptz + (d.n * interval '1 microsecond')
      from jsonb_to_recordset(${JSON.stringify(deliveries.map((d, n) => ({ ...d, n })))}::jsonb)
        as d(webhook_id text, event_id text, type text, body text, n int)
      order by d.n
      returning id, webhook_id`.execute(trx);
    queued.push(...inserted.rows);
  }
  if (requeue.length > 0 || resumed.length > 0) {
    const again = await sql<{ id: string; webhook_id: string }>`
      with again as (
        update webhook_deliveries d set status = 'pending'
        where d.id in (${sql.join(requeue.length > 0 ? requeue : [''])})
          or (d.webhook_id in (${sql.join(resumed.length > 0 ? resumed : [''])}) and d.status = 'pending')
        returning d.id, d.webhook_id, d.created_at)
      select id, webhook_id from again order by created_at, id`.execute(trx);
    queued.push(...again.rows);
  }
  if (queued.length === 0) return;
  const jobIds = await jobs.insert(
    trx,
    queues.webhook,
    queued.map((d) => ({ data: { deliveryId: d.id }, singletonKey: d.webhook_id })),
  );
  await sql`update webhook_deliveries d set job_id = x.job_id
    from jsonb_to_recordset(${JSON.stringify(queued.map((d, i) => ({ id: d.id, job_id: jobIds[i] ?? null })))}::jsonb)
      as x(id text, job_id text)
    where d.id = x.id`.execute(trx);
}

/** The people a notice goes to, with the shift it is about. */
async function recipients(
  trx: Transaction<Database>,
  row: OutboxRow,
): Promise<{ personId: string; shiftId: string }[]> {
  const data = row.data;
  switch (row.type) {
    case 'signup.confirmed':
    case 'signup.waitlisted':
    case 'signup.promoted':
    case 'signup.cancelled':
      return [{ personId: String(data.personId), shiftId: String(data.shiftId) }];
    case 'reminder.due': {
      const signup = data.signup as { personId: string; shiftId: string };
      return [{ personId: signup.personId, shiftId: signup.shiftId }];
    }
    case 'shift.changed': {
      if (data.previousStart == null) return [];
      const { rows } = await sql<{ person_id: string }>`
        select distinct person_id from signups
        where shift_id = ${row.shift_id} and status in ('confirmed', 'waitlisted')`.execute(trx);
      return rows.map((r) => ({ personId: r.person_id, shiftId: String(row.shift_id) }));
    }
    default:
      return [];
  }
}

async function shiftFacts(
  trx: Transaction<Database>,
  shiftIds: string[],
): Promise<Map<string, ShiftFacts>> {
  if (shiftIds.length === 0) return new Map();
  const { rows } = await sql<ShiftFacts>`
    select s.id, s.name, s.start, s.status, e.title, e.time_zone, e.reminders,
      e.cancel_reason as event_note, o.cancel_reason as occurrence_note
    from unnest(${[...new Set(shiftIds)]}::text[]) as k(id)
      cross join lateral (select * from shifts s where s.id = k.id limit 1) s
      cross join lateral (select * from events e where e.id = s.event_id limit 1) e
      left join lateral (select o.cancel_reason from occurrences o
        where o.id = s.occurrence_id limit 1) o on true`.execute(trx);
  return new Map(rows.map((r) => [r.id, r]));
}

async function fanOutNotices(
  trx: Transaction<Database>,
  jobs: JobQueue,
  rows: OutboxRow[],
  now: string,
): Promise<void> {
  const wanted: { row: OutboxRow; personId: string; shiftId: string }[] = [];
  for (const row of rows) {
    if (!isPersonNotice(row.type)) continue;
    for (const r of await recipients(trx, row)) wanted.push({ row, ...r });
  }
  if (wanted.length === 0) return;
  const facts = await shiftFacts(
    trx,
    wanted.map((w) => w.shiftId),
  );
  const personIds = [...new Set(wanted.map((w) => w.personId))];
  const { rows: people } = await sql<{
    id: string;
    phone: string | null;
    channels: string[] | null;
    language: NotificationLanguage | null;
    email: string | null;
  }>`
    select p.id, p.phone, n.channels, n.language, n.email
    from unnest(${personIds}::text[]) as k(id)
      cross join lateral (select p.id, p.phone from people p where p.id = k.id limit 1) p
      left join lateral (select n.channels, n.language, n.email from notification_preferences n
        where n.person_id = k.id limit 1) n on true`.execute(trx);
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const notices: {
    person_id: string;
    event_id: string;
    type: string;
    title: string;
    body: string;
    sends: { channel: 'email' | 'sms'; address: string; not_before: string }[];
  }[] = [];
  for (const w of wanted) {
    const shift = facts.get(w.shiftId);
    const person = byPerson.get(w.personId);
    if (shift === undefined || person === undefined) continue;
    const language = person.language ?? 'zh-CN';
    const data = w.row.data;
    const text = renderNotice(w.row.type as PersonNoticeType, language, {
      eventTitle: shift.title,
      shiftName: shift.name,
      start: shift.start,
      timeZone: shift.time_zone,
      reason: (data.cancelReason as string | undefined) ?? null,
      note: w.row.type === 'signup.cancelled' ? cancelNote(data.cancelReason, shift) : null,
      previousStart: (data.previousStart as string | undefined) ?? null,
      waitlistPosition: (data.waitlistPosition as number | undefined) ?? null,
    });
    const channels = person.channels ?? ['inbox'];
    const sends: { channel: 'email' | 'sms'; address: string; not_before: string }[] = [];
    if (channels.includes('email') && person.email !== null) {
      sends.push({ channel: 'email', address: person.email, not_before: now });
    }
    if (channels.includes('sms') && person.phone !== null) {
      const at = smsSendAt(now, shift.time_zone);
      // A reminder that would wait past the start is not sent at all.
      if (!(w.row.type === 'reminder.due' && Date.parse(at) >= Date.parse(shift.start))) {
        sends.push({ channel: 'sms', address: person.phone, not_before: at });
      }
    }
    notices.push({
      person_id: w.personId,
      event_id: w.row.id,
      type: w.row.type,
      title: text.title,
      body: text.body,
      sends,
    });
  }
  if (notices.length === 0) return;
  const inserted = await sql<{ id: string; person_id: string; event_id: string }>`
    insert into notifications (person_id, event_id, type, title, body, created_at)
    select n.person_id, n.event_id, n.type, n.title, n.body, ${now}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb)
      as n(person_id text, event_id text, type text, title text, body text)
    on conflict (event_id, person_id) do nothing
    returning id, person_id, event_id`.execute(trx);
  const sendRows: {
    notification_id: string;
    channel: string;
    address: string;
    not_before: string;
  }[] = [];
  const byKey = new Map(notices.map((n) => [`${n.event_id}/${n.person_id}`, n]));
  for (const row of inserted.rows) {
    const notice = byKey.get(`${row.event_id}/${row.person_id}`);
    for (const send of notice?.sends ?? []) sendRows.push({ notification_id: row.id, ...send });
  }
  if (sendRows.length === 0) return;
  const sends = await sql<{ id: string; not_before: string }>`
    insert into notification_sends (notification_id, channel, address, not_before)
    select s.notification_id, s.channel, s.address, s.not_before
    from jsonb_to_recordset(${JSON.stringify(sendRows)}::jsonb)
      as s(notification_id text, channel text, address text, not_before timestamptz)
    returning id, not_before`.execute(trx);
  await jobs.insert(
    trx,
    queues.send,
    sends.rows.map((s) => ({ data: { sendId: s.id }, startAfter: new Date(s.not_before) })),
  );
}

/** Plans reminders for confirmed signups, drops them on cancel, re-plans them on moves. */
async function planFromEvents(trx: Transaction<Database>, rows: OutboxRow[], now: string) {
  const plan = new Set<string>();
  const drop: string[] = [];
  const movedShifts: string[] = [];
  for (const row of rows) {
    if (row.type === 'signup.confirmed' || row.type === 'signup.promoted')
      plan.add(String(row.data.id));
    if (row.type === 'signup.cancelled') drop.push(String(row.data.id));
    if (row.type === 'shift.changed' && row.data.previousStart != null && row.shift_id !== null) {
      movedShifts.push(row.shift_id);
    }
  }
  if (drop.length > 0) {
    await sql`delete from reminders where sent_at is null
      and signup_id in (${sql.join(drop)})`.execute(trx);
  }
  if (movedShifts.length > 0) {
    const { rows: moved } = await sql<{ id: string }>`
      select g.id from signups g
      where g.status = 'confirmed' and g.shift_id in (${sql.join(movedShifts)})`.execute(trx);
    for (const m of moved) plan.add(m.id);
  }
  if (plan.size === 0) return;
  // Each signup by key, then the facts of its shift once per shift (a hot shift's 500 signups
  // are one shift): the signup's status and its shift's are read now, so that a signup cancelled
  // or a shift closed since its event was written gets no reminders.
  const { rows: confirmed } = await sql<{ id: string; shift_id: string }>`
    select g.id, g.shift_id from unnest(${[...plan]}::text[]) as k(id)
      cross join lateral (select g.id, g.shift_id from signups g
        where g.id = k.id and g.status = 'confirmed' limit 1) g`.execute(trx);
  const facts = await shiftFacts(
    trx,
    confirmed.map((g) => g.shift_id),
  );
  const signups = confirmed.flatMap((g) => {
    const shift = facts.get(g.shift_id);
    return shift === undefined || shift.status !== 'open'
      ? []
      : [{ id: g.id, start: shift.start, time_zone: shift.time_zone, reminders: shift.reminders }];
  });
  const planned = signups.flatMap((g) =>
    planReminders(g.start, g.time_zone, g.reminders ?? defaultReminderSettings, now).map((r) => ({
      signup_id: g.id,
      kind: r.kind,
      shift_start: g.start,
      due_at: r.dueAt,
    })),
  );
  if (planned.length === 0) return;
  await sql`
    insert into reminders (signup_id, kind, shift_start, due_at)
    select r.signup_id, r.kind, r.shift_start, r.due_at
    from jsonb_to_recordset(${JSON.stringify(planned)}::jsonb)
      as r(signup_id text, kind text, shift_start timestamptz, due_at timestamptz)
    on conflict (signup_id, kind, shift_start) do nothing`.execute(trx);
}
