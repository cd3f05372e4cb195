// @vitest-environment node
// The recurrence editor's preview equals the server's occurrences: each schedule goes from the
// form's values through the page's own functions (eventInputOf for the POST, recurrenceOf and
// previewOccurrences for the preview) and, for the server, through the real API (buildApp on a
// throwaway embedded database) and @rota/client, as the web app sends it. DST zones included.
import { buildApp } from '@rota/api';
import { createRotaClient, type RotaClient, unwrap } from '@rota/client';
import { createTestDatabase } from '@rota/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EventFormValues,
  eventInputOf,
  startOf,
} from '../src/organizer/events/event-form-values.ts';
import { previewOccurrences } from '../src/organizer/events/recurrence/preview-occurrences.ts';
import {
  emptyRecurrence,
  type RecurrenceValue,
  recurrenceOf,
} from '../src/organizer/events/recurrence/recurrence-value.ts';

const NOW = '2027-01-01T00:00:00.000Z';
let close: () => Promise<void>;
let rota: RotaClient;
let unitId: string;

beforeAll(async () => {
  // A horizon past the autumn DST change of 2027, so that every case is materialized.
  const { db, drop } = await createTestDatabase({ backend: 'pglite', horizonDays: 366 });
  const app = await buildApp({ db, now: () => NOW, logger: false });
  close = async () => {
    await app.close();
    await drop();
  };
  const admin = (await db.tokens.create({ role: 'admin', label: 'preview test' })).token;
  // @rota/client over Fastify's inject: the same requests the browser sends, no socket.
  const inject = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const answer = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(request.method === 'GET' ? {} : { payload: await request.text() }),
    });
    return new Response(answer.body === '' ? null : answer.body, {
      status: answer.statusCode,
      headers: answer.headers as Record<string, string>,
    });
  };
  rota = createRotaClient({
    baseUrl: 'http://rota.test',
    token: admin,
    fetch: inject as typeof fetch,
  });
  const unit = await unwrap(
    rota.POST('/v1/units', { body: { name: '永泰街道', kind: 'subdistrict' } }),
  );
  unitId = unit.id;
}, 60_000);

afterAll(async () => {
  await close?.();
});

function values(
  timeZone: string,
  date: string,
  time: string,
  recurrence: Partial<RecurrenceValue>,
): EventFormValues {
  return {
    template: 'general',
    kind: 'general',
    unitId: '', // the test's unit, once created
    title: '每周督办',
    description: '',
    locationName: '',
    locationAddress: '',
    timeZone,
    date,
    time,
    durationMinutes: 90,
    recurrence: { ...emptyRecurrence, ...recurrence },
    slots: [{ key: 'staff', name: '督办人员', role: 'volunteer', capacity: 6, minNeeded: 3 }],
  };
}

const cases: [string, EventFormValues][] = [
  [
    'Europe/Berlin, every Saturday across the spring-forward, one week skipped, one moved',
    values('Europe/Berlin', '2027-03-13', '09:00', {
      preset: 'weekly',
      end: { kind: 'count', count: 6 },
      skips: ['2027-03-27T09:00:00'],
      moves: [{ from: '2027-04-03T09:00:00', to: '2027-04-04T14:30:00' }],
    }),
  ],
  [
    'Europe/Berlin, every Sunday 02:30 across the fall-back (02:30 happens twice)',
    values('Europe/Berlin', '2027-10-17', '02:30', {
      preset: 'weekly',
      end: { kind: 'count', count: 4 },
    }),
  ],
  [
    'America/New_York, a custom daily 02:30 through the spring-forward gap',
    values('America/New_York', '2027-03-12', '02:30', {
      preset: 'custom',
      custom: 'FREQ=DAILY;COUNT=5',
    }),
  ],
  [
    'Asia/Shanghai, the first Monday of each month until a date',
    values('Asia/Shanghai', '2027-02-01', '14:00', {
      preset: 'monthly',
      end: { kind: 'until', until: '2027-07-31' },
    }),
  ],
  [
    'Asia/Shanghai, every weekday, ten times, one skipped',
    values('Asia/Shanghai', '2027-01-04', '18:00', {
      preset: 'weekdays',
      end: { kind: 'count', count: 10 },
      skips: ['2027-01-06T18:00:00'],
    }),
  ],
  [
    'once, at 02:30 inside the Berlin spring-forward gap',
    values('Europe/Berlin', '2027-03-28', '02:30', { preset: 'once' }),
  ],
];

describe("the preview equals the server's occurrences", () => {
  it.each(cases)('%s', async (_name, form) => {
    const recurrence = recurrenceOf(form.recurrence, form.date);
    const preview = previewOccurrences(
      {
        start: startOf(form),
        timeZone: form.timeZone,
        durationMinutes: form.durationMinutes,
        rrule: recurrence?.rrule ?? null,
        exdates: recurrence?.exdates ?? [],
        rdates: recurrence?.rdates ?? [],
      },
      40,
    );
    const kept = preview.filter((occurrence) => !occurrence.skipped);

    const event = await unwrap(
      rota.POST('/v1/events', { body: eventInputOf({ ...form, unitId }, 'published') as never }),
    );
    const first = Date.parse(`${form.date}T00:00:00Z`) - 2 * 86_400_000;
    const listed = await unwrap(
      rota.GET('/v1/events/{id}/occurrences', {
        params: {
          path: { id: event.id },
          query: {
            from: new Date(first).toISOString(),
            to: new Date(first + 300 * 86_400_000).toISOString(),
            limit: 500,
          },
        },
      }),
    );
    const server = listed.items.map((o) => [o.localStart, o.start, o.end]);
    expect(server.length).toBeGreaterThan(0);
    expect(kept.map((o) => [o.localStart, o.start, o.end])).toEqual(server);
    // The skipped ones really are left out.
    for (const skipped of preview.filter((occurrence) => occurrence.skipped)) {
      expect(server.map(([local]) => local)).not.toContain(skipped.localStart);
    }
  });
});
