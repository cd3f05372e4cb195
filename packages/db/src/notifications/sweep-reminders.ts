import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { type SignupRow, signupColumns, toSignup } from '../signups/signup-rows.ts';
import { recordEvents } from './record-events.ts';

/**
 * Turns the reminders due at `now` into `reminder.due` outbox events, in one transaction. A
 * reminder goes out only while its signup is confirmed, its shift open, not started, and still
 * starting when the reminder was planned for (a moved shift's re-planned row goes instead):
 * the checks run here, at the moment of sending, so a cancellation one second before the
 * reminder is due wins even if the dispatcher has not seen it yet. Stale rows are deleted.
 * Many processes may sweep at once: rows are claimed with SKIP LOCKED.
 */
export async function sweepReminders(db: Kysely<Database>, now: string, limit = 2000) {
  return db.transaction().execute(async (trx) => {
    await sql`
      delete from reminders r using signups g, shifts s
      where r.sent_at is null and r.due_at <= ${now}::timestamptz
        and g.id = r.signup_id and s.id = g.shift_id
        and (g.status <> 'confirmed' or s.status <> 'open' or s.start <> r.shift_start
          or s.start <= ${now}::timestamptz)`.execute(trx);
    const { rows } = await sql<{
      id: string;
      signup_id: string;
      kind: string;
      due_at: string;
      shift_id: string;
    }>`
      with due as (
        select r.id from reminders r
        where r.sent_at is null and r.due_at <= ${now}::timestamptz
        order by r.due_at limit ${limit}
        for update skip locked)
      update reminders r set sent_at = ${now}::timestamptz
      from due, signups g
      where r.id = due.id and g.id = r.signup_id
      returning r.id, r.signup_id, r.kind, r.due_at, g.shift_id`.execute(trx);
    if (rows.length === 0) return 0;
    const { rows: signups } = await sql<SignupRow>`
      select ${signupColumns} from signups g
      where g.id in (${sql.join(rows.map((r) => r.signup_id))})`.execute(trx);
    const byId = new Map(signups.map((s) => [s.id, toSignup(s)]));
    await recordEvents(
      trx,
      rows.map((r) => ({
        type: 'reminder.due' as const,
        occurredAt: now,
        shiftId: r.shift_id,
        data: { reminderId: r.id, kind: r.kind, dueAt: r.due_at, signup: byId.get(r.signup_id) },
      })),
    );
    return rows.length;
  });
}
