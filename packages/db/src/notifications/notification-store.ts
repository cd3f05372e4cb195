import { type NotificationPreferences, RotaError } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Notice, RotaDb } from '../rota-db.ts';
import type { Database, NotificationTable } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { dispatchOutbox } from './dispatch-outbox.ts';
import { sweepReminders } from './sweep-reminders.ts';

type NoticeRow = Omit<NotificationTable, 'id'> & { id: string };

function toNotice(row: NoticeRow): Notice {
  return {
    id: row.id,
    personId: row.person_id,
    type: row.type,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

const defaults: NotificationPreferences = { channels: ['inbox'], language: 'zh-CN', email: null };

/** Inbox, preferences, and the dispatcher and reminder sweep the workers run. */
export function notificationStore(db: Kysely<Database>, jobs: JobQueue): RotaDb['notifications'] {
  async function preferences(personId: string): Promise<NotificationPreferences> {
    const row = await db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (row === undefined) return { ...defaults };
    return {
      channels: row.channels as NotificationPreferences['channels'],
      language: row.language,
      email: row.email,
    };
  }
  return {
    async list(personId, page) {
      const limit = pageLimit(page.limit);
      const after = decodeCursor(page.cursor);
      let query = db.selectFrom('notifications').selectAll().where('person_id', '=', personId);
      if (page.unread === true) query = query.where('read_at', 'is', null);
      if (after !== undefined) {
        query = query.where(
          sql<boolean>`(created_at, id) < (${after[0]}::timestamptz, ${after[1]})`,
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toNotice, (row) => [row.created_at, row.id]);
    },

    async markRead(personId, id, now) {
      const row = await db
        .updateTable('notifications')
        .set({ read_at: sql<string>`coalesce(read_at, ${now}::timestamptz)` })
        .where('id', '=', id)
        .where('person_id', '=', personId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toNotice(row);
    },

    preferences,

    async setPreferences(personId, patch) {
      const person = await db
        .selectFrom('people')
        .select('id')
        .where('id', '=', personId)
        .executeTakeFirst();
      if (person === undefined)
        throw new RotaError('not_found', `Person ${personId} does not exist`);
      const current = await preferences(personId);
      const next: NotificationPreferences = {
        channels: [
          ...new Set<NotificationPreferences['channels'][number]>([
            'inbox',
            ...(patch.channels ?? current.channels),
          ]),
        ],
        language: patch.language ?? current.language,
        email: patch.email === undefined ? current.email : patch.email,
      };
      if (next.channels.includes('email') && next.email === null) {
        throw new RotaError('validation_failed', 'The email channel needs an email address', {
          errors: [{ path: 'email', message: 'required when channels include email' }],
        });
      }
      await db
        .insertInto('notification_preferences')
        .values({
          person_id: personId,
          channels: next.channels,
          language: next.language,
          email: next.email,
        })
        .onConflict((oc) =>
          oc.column('person_id').doUpdateSet({
            channels: next.channels,
            language: next.language,
            email: next.email,
          }),
        )
        .execute();
      return next;
    },

    dispatch: (now, limit) => dispatchOutbox(db, jobs, now, limit),
    sweepReminders: (now, limit) => sweepReminders(db, now, limit),

    async lookAtOutbox() {
      // Both by index whatever the statistics: min() over the partial index of waiting events,
      // then that one row; the sequence is one row.
      const { rows } = await sql<{
        oldest_at: string | null;
        oldest_seq: number | null;
        written: number;
      }>`
        select o.occurred_at as oldest_at, o.seq as oldest_seq,
          (select case when is_called then last_value else 0 end from outbox_seq_seq) as written
        from (select 1) as one
          left join outbox o on o.dispatched_at is null
            and o.seq = (select min(seq) from outbox where dispatched_at is null)`.execute(db);
      const row = rows[0];
      return {
        oldestAt: row?.oldest_at ?? null,
        oldestSeq: row?.oldest_seq == null ? null : Number(row.oldest_seq),
        written: Number(row?.written ?? 0),
      };
    },

    async beginSend(sendId) {
      const row = await sql<{
        id: string;
        channel: 'email' | 'sms';
        address: string;
        status: string;
        title: string;
        body: string;
        language: 'zh-CN' | 'en' | null;
      }>`
        select s.id, s.channel, s.address, s.status, n.title, n.body, p.language
        from notification_sends s join notifications n on n.id = s.notification_id
          left join notification_preferences p on p.person_id = n.person_id
        where s.id = ${sendId}`.execute(db);
      const send = row.rows[0];
      if (send === undefined || send.status !== 'pending') return { state: 'gone' };
      return {
        state: 'ready',
        sendId: send.id,
        channel: send.channel,
        address: send.address,
        title: send.title,
        body: send.body,
        language: send.language ?? 'zh-CN',
      };
    },

    async recordSend(sendId, error, { final, now }) {
      await db
        .updateTable('notification_sends')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: error,
          status: error === null ? 'sent' : final ? 'failed' : 'pending',
          ...(error === null ? { sent_at: now } : {}),
        }))
        .where('id', '=', sendId)
        .execute();
    },
  };
}
