import { randomBytes } from 'node:crypto';
import { assertStorableText, RotaError } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { JobQueue } from '../jobs/job-queue.ts';
import { queues } from '../jobs/job-queue.ts';
import type { RotaDb, Webhook, WebhookDelivery } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { assertUnitExists } from '../units/assert-unit-exists.ts';
import { recordControl } from './record-events.ts';

type Secret = { secret: string; expiresAt: string | null };

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const webhookColumns = sql`w.id, w.unit_id, w.url, w.events, w.description, w.status,
  w.failure_reason, w.created_at, w.updated_at`;

interface WebhookRow {
  id: string;
  unit_id: string;
  url: string;
  events: string[];
  description: string | null;
  status: Webhook['status'];
  failure_reason: string | null;
  created_at: string;
  updated_at: string;
}

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    unitId: row.unit_id,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function readWebhook(db: Kysely<Database>, id: string): Promise<Webhook | undefined> {
  const { rows } = await sql<WebhookRow>`select ${webhookColumns} from webhooks w
    where w.id = ${id}`.execute(db);
  return rows[0] === undefined ? undefined : toWebhook(rows[0]);
}

const EXCERPT = 200;

/** Webhook subscriptions, their delivery log, and the worker's bookkeeping of attempts. */
export function webhookStore(db: Kysely<Database>, jobs: JobQueue): RotaDb['webhooks'] {
  return {
    async create(input, now) {
      assertStorableText(input);
      const secret = newSecret();
      await assertUnitExists(db, input.unitId);
      const row = await db
        .insertInto('webhooks')
        .values({
          unit_id: input.unitId,
          url: input.url,
          events: [...new Set(input.events)],
          description: input.description ?? null,
          status: 'active',
          secrets: JSON.stringify([{ secret, expiresAt: null }] satisfies Secret[]),
          failure_reason: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const webhook = await readWebhook(db, row.id);
      return { ...(webhook as Webhook), secret };
    },

    get: (id) => readWebhook(db, id),

    async list(filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const { rows } = await sql<WebhookRow>`
        select ${webhookColumns} from webhooks w join units u on u.id = w.unit_id
        where true
          ${filter.unitId !== undefined ? sql`and u.path <@ (select path from units where id = ${filter.unitId})` : sql``}
          ${after !== undefined ? sql`and (w.created_at, w.id) > (${after[0]}::timestamptz, ${after[1]})` : sql``}
        order by w.created_at, w.id limit ${limit + 1}`.execute(db);
      return toPage(rows, limit, toWebhook, (row) => [row.created_at, row.id]);
    },

    async update(id, patch, now) {
      assertStorableText(patch);
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('webhooks')
          .select(['status'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (current === undefined) throw new RotaError('not_found', `Webhook ${id} does not exist`);
        await trx
          .updateTable('webhooks')
          .set({
            ...(patch.url !== undefined ? { url: patch.url } : {}),
            ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.status !== undefined ? { status: patch.status } : {}),
            ...(patch.status === 'active' ? { failure_reason: null } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        // Back to active: the deliveries held while it was failing or paused go out, in order.
        if (patch.status === 'active' && current.status !== 'active') {
          await recordControl(trx, 'webhook.resume', { webhookId: id }, now);
        }
        return (await readWebhook(trx, id)) as Webhook;
      });
    },

    async delete(id) {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async rotateSecret(id, overlapSeconds, now) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('webhooks')
          .select('secrets')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new RotaError('not_found', `Webhook ${id} does not exist`);
        const expiresAt = new Date(Date.parse(now) + overlapSeconds * 1000).toISOString();
        const nowMs = Date.parse(now);
        const kept = (row.secrets as Secret[])
          .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > nowMs)
          .map((s) => ({ secret: s.secret, expiresAt: s.expiresAt ?? expiresAt }));
        const secret = newSecret();
        await trx
          .updateTable('webhooks')
          .set({ secrets: JSON.stringify([{ secret, expiresAt: null }, ...kept]), updated_at: now })
          .where('id', '=', id)
          .execute();
        return { secret };
      });
    },

    async deliveries(webhookId, page) {
      const limit = pageLimit(page.limit);
      const after = decodeCursor(page.cursor);
      const { rows } = await sql<DeliveryRow>`
        select d.id, d.webhook_id, d.event_id, d.type, d.status, d.attempts, d.response_status,
          d.response_excerpt, d.duration_ms, d.last_error, d.created_at, d.last_attempt_at,
          d.delivered_at, d.job_id
        from webhook_deliveries d where d.webhook_id = ${webhookId}
          ${after !== undefined ? sql`and (d.created_at, d.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
        order by d.created_at desc, d.id desc limit ${limit + 1}`.execute(db);
      const pageOf = toPage(
        rows,
        limit,
        (row) => row,
        (row) => [row.created_at, row.id],
      );
      const items: WebhookDelivery[] = [];
      for (const row of pageOf.items) {
        const nextAttemptAt =
          row.status === 'pending' && row.job_id !== null
            ? await jobs.nextAttemptAt(queues.webhook, row.job_id).catch(() => null)
            : null;
        items.push(toDelivery(row, nextAttemptAt));
      }
      return { items, nextCursor: pageOf.nextCursor };
    },

    async redeliver(webhookId, deliveryId, now) {
      return db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('id', '=', deliveryId)
          .where('webhook_id', '=', webhookId)
          .executeTakeFirst();
        if (found === undefined) return false;
        await recordControl(trx, 'webhook.redeliver', { webhookId, deliveryId }, now);
        return true;
      });
    },

    async ping(webhookId, now) {
      await db
        .transaction()
        .execute((trx) => recordControl(trx, 'webhook.ping', { webhookId }, now));
    },

    async beginAttempt(deliveryId, now) {
      const { rows } = await sql<{
        id: string;
        webhook_id: string;
        event_id: string;
        body: string;
        status: string;
        url: string;
        webhook_status: Webhook['status'];
        secrets: Secret[];
      }>`
        select d.id, d.webhook_id, d.event_id, d.body, d.status, w.url, w.status as webhook_status,
          w.secrets
        from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.id = ${deliveryId}`.execute(db);
      const row = rows[0];
      if (row === undefined || row.status === 'delivered') return { state: 'gone' };
      if (row.webhook_status !== 'active') return { state: 'held', reason: row.webhook_status };
      const nowMs = Date.parse(now);
      return {
        state: 'ready',
        deliveryId: row.id,
        webhookId: row.webhook_id,
        eventId: row.event_id,
        url: row.url,
        body: row.body,
        secrets: row.secrets
          .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > nowMs)
          .map((s) => s.secret),
      };
    },

    async recordAttempt(deliveryId, result, { final, now }) {
      await db.transaction().execute(async (trx) => {
        const status = result.ok ? 'delivered' : final ? 'failed' : 'pending';
        const updated = await trx
          .updateTable('webhook_deliveries')
          .set((eb) => ({
            status,
            attempts: eb('attempts', '+', 1),
            response_status: result.responseStatus,
            response_excerpt: result.responseExcerpt?.slice(0, EXCERPT) ?? null,
            duration_ms: Math.round(result.durationMs),
            last_error: result.error,
            last_attempt_at: now,
            ...(result.ok ? { delivered_at: now } : {}),
          }))
          .where('id', '=', deliveryId)
          .returning('webhook_id')
          .executeTakeFirst();
        if (updated === undefined || result.ok || !final) return;
        await trx
          .updateTable('webhooks')
          .set({
            status: 'failing',
            failure_reason: `Delivery ${deliveryId} failed after every retry: ${result.error ?? `HTTP ${result.responseStatus}`}`,
            updated_at: now,
          })
          .where('id', '=', updated.webhook_id)
          .where('status', '=', 'active')
          .execute();
      });
    },
  };
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  type: string;
  status: WebhookDelivery['status'];
  attempts: number;
  response_status: number | null;
  response_excerpt: string | null;
  duration_ms: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
  job_id: string | null;
}

function toDelivery(row: DeliveryRow, nextAttemptAt: string | null): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    responseExcerpt: row.response_excerpt,
    durationMs: row.duration_ms,
    lastError: row.last_error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    nextAttemptAt,
  };
}
