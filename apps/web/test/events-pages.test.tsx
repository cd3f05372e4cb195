// The organizer's Events pages over a fake API: create from a template with one week skipped
// and one moved, publish, the list's filters, an occurrence cancelled with a reason and moved,
// the event cancelled, and an edit that says what it will do before it is saved.
import type { Schemas } from '@rota/client';
import { templates } from '@rota/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.tsx';
import { fakeApi, problem, shift } from './fake-api.ts';

// Many clicks and keystrokes through antd on two shared cores: more than the 20 s default.
vi.setConfig({ testTimeout: 60_000 });

const organizer: Schemas['Me'] = {
  role: 'organizer',
  via: 'session',
  unitId: 'u1',
  name: '王家园社区',
  unitName: '王家园社区',
};

const units = [
  { id: 'u0', name: '永泰街道', kind: 'subdistrict', parentId: null },
  { id: 'u1', name: '王家园社区', kind: 'community', parentId: 'u0' },
  { id: 'u2', name: '王家园一号院', kind: 'grid', parentId: 'u1' },
  { id: 'u3', name: '永和里社区', kind: 'community', parentId: 'u0' },
];

function event(overrides: Partial<Schemas['Event']> = {}): Schemas['Event'] {
  return {
    id: 'e1',
    unitId: 'u1',
    kind: 'general',
    template: 'general',
    title: '每周督办',
    description: null,
    location: { name: '社区会议室' },
    timeZone: 'Asia/Shanghai',
    start: '2026-12-14T09:00:00',
    durationMinutes: 90,
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4', exdates: [], rdates: [] },
    signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
    slots: [
      {
        key: 'volunteer',
        name: '志愿者',
        role: 'volunteer',
        capacity: 10,
        minNeeded: 3,
        offsetMinutes: 0,
        durationMinutes: 90,
        repeatEveryMinutes: null,
        maxPartySize: 1,
        minAge: null,
        maxAge: null,
        companionMinAge: null,
        companionMaxAge: null,
        requiredTags: [],
        waitlist: true,
        onePerPerson: false,
      },
    ],
    resources: [],
    status: 'published',
    version: 3,
    cancelReason: null,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...overrides,
  };
}

function occurrence(id: string, day: string, overrides: Partial<Schemas['Occurrence']> = {}) {
  return {
    id,
    eventId: 'e1',
    start: `${day}T09:00:00+08:00`,
    end: `${day}T10:30:00+08:00`,
    localStart: `${day}T09:00:00`,
    originalLocalStart: `${day}T09:00:00`,
    status: 'scheduled' as const,
    cancelReason: null,
    shifts: [
      shift({
        id: `s-${id}`,
        occurrenceId: id,
        name: '志愿者',
        start: `${day}T09:00:00+08:00`,
        end: `${day}T10:30:00+08:00`,
        capacity: 10,
        seatsTaken: 1,
        minNeeded: 3,
        understaffed: true,
      }),
    ],
    resources: [],
    resourceShortfall: null,
    ...overrides,
  };
}

function renderAt(path: string, routes: Parameters<typeof fakeApi>[0]) {
  window.history.replaceState(null, '', path);
  const api = fakeApi({
    'GET /v1/me': () => ({ status: 200, body: organizer }),
    'GET /v1/units': () => ({ status: 200, body: { items: units, nextCursor: null } }),
    'GET /v1/tags': () => ({ status: 200, body: { items: [{ tag: 'party-member', count: 4 }] } }),
    'GET /v1/templates': () => ({
      status: 200,
      body: { items: Object.values(templates), nextCursor: null },
    }),
    ...routes,
  });
  render(<App client={api.client} queryClient={api.queryClient} />);
  return api;
}

describe('create an event from a template', () => {
  it('每周督办: weekly, one week skipped and one moved, published in one request', async () => {
    const api = renderAt('/organizer/events/new', {
      'POST /v1/events': (_request, body) => ({
        status: 201,
        body: event({ id: 'e9', ...(body as object) }),
      }),
      'GET /v1/events/e9': () => ({ status: 200, body: event({ id: 'e9' }) }),
      'GET /v1/events/e9/occurrences': () => ({
        status: 200,
        body: { items: [], nextCursor: null },
      }),
    });
    await userEvent.click(await screen.findByText('志愿服务', {}, { timeout: 8000 }));
    // The template's slot is prefilled.
    expect(screen.getByRole('group', { name: '志愿者' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('活动名称'), '每周督办');
    const date = screen.getByLabelText('开始日期');
    await userEvent.clear(date);
    await userEvent.type(date, '2026-12-14');
    expect(screen.getByRole('radio', { name: '每周一' })).toBeTruthy();
    expect(screen.getByText('每周一 09:00，共 4 次')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '跳过 12/21周一 09:00–11:00' }));
    await userEvent.click(screen.getByRole('button', { name: '把 12/28周一 09:00–11:00 改期' }));
    const to = screen.getByLabelText('12/28周一 09:00–11:00 改到');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-12-29T14:30');
    await userEvent.click(screen.getByRole('button', { name: '确定改期' }));
    expect(screen.getByText('每周一 09:00，共 4 次，跳过 2 次，另加 1 次')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '保存并发布' }));
    expect(await screen.findByRole('heading', { name: '每周督办' })).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/events');
    expect(post?.body).toEqual({
      unitId: 'u1',
      kind: 'general',
      template: 'general',
      title: '每周督办',
      timeZone: 'Asia/Shanghai',
      start: '2026-12-14T09:00',
      durationMinutes: 120,
      recurrence: {
        rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
        exdates: ['2026-12-21T09:00:00', '2026-12-28T09:00:00'],
        rdates: ['2026-12-29T14:30:00'],
      },
      slots: templates.general.slots,
      status: 'published',
    });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
    // The slot editor offers the subtree's tags (GET /v1/tags for the event's unit).
    expect(api.requests.some((r) => r.path === '/v1/tags')).toBe(true);
    expect(window.location.pathname).toBe('/organizer/events/e9');
  });

  it("the server's refusal shows at the field, and nothing is sent while core finds a fault", async () => {
    const api = renderAt('/organizer/events/new', {
      'POST /v1/events': () => ({
        status: 400,
        body: problem('validation_failed', 400, 'location.name: too long', {
          errors: [{ path: 'location.name', message: '地点名称太长' }],
        }),
      }),
    });
    await userEvent.click(await screen.findByText('志愿服务', {}, { timeout: 8000 }));
    await userEvent.click(screen.getByRole('button', { name: '保存为草稿' }));
    expect(screen.getByText('请填写')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    await userEvent.type(screen.getByLabelText('活动名称'), '每周督办');
    await userEvent.type(screen.getByLabelText('地点'), '会议室');
    await userEvent.click(screen.getByRole('button', { name: '保存为草稿' }));
    expect(await screen.findByText('地点名称太长')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ status: 'draft' });
  });
});

describe('the events list', () => {
  it('lists my subtree with drafts; the filters go to the API', async () => {
    const api = renderAt('/organizer/events', {
      'GET /v1/events': () => ({
        status: 200,
        body: {
          items: [event(), event({ id: 'e2', title: '老年课堂', status: 'draft' })],
          nextCursor: null,
        },
      }),
    });
    await screen.findByRole('link', { name: '每周督办' }, { timeout: 8000 });
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('每周一 09:00，共 4 次')).toHaveLength(2);
    expect(within(table).getByText('草稿')).toBeTruthy();
    const first = api.requests.find((r) => r.path === '/v1/events');
    expect(first).toBeTruthy();
    await userEvent.type(screen.getByLabelText('从'), '2026-12-01');
    await waitFor(() => {
      const urls = api.requests.filter((r) => r.path === '/v1/events');
      expect(urls.length).toBeGreaterThan(1);
    });
  });
});

describe('one event', () => {
  const routes = (overrides: Parameters<typeof fakeApi>[0] = {}) => ({
    'GET /v1/events/e1': () => ({ status: 200, body: event() }),
    'GET /v1/events/e1/occurrences': () => ({
      status: 200,
      body: {
        items: [
          occurrence('o1', '2026-12-14'),
          occurrence('o2', '2026-12-21'),
          occurrence('o3', '2026-12-29', {
            localStart: '2026-12-29T14:30:00',
            start: '2026-12-29T14:30:00+08:00',
            end: '2026-12-29T16:00:00+08:00',
            originalLocalStart: '2026-12-28T09:00:00',
          }),
        ],
        nextCursor: null,
      },
    }),
    ...overrides,
  });

  it('shows the occurrences with their shifts; cancels one with a reason', async () => {
    const api = renderAt(
      '/organizer/events/e1',
      routes({
        'PATCH /v1/occurrences/o2': (_r, body) => ({
          status: 200,
          body: occurrence('o2', '2026-12-21', { status: 'cancelled', ...(body as object) }),
        }),
      }),
    );
    expect(
      await screen.findByRole('heading', { name: '每周督办' }, { timeout: 8000 }),
    ).toBeTruthy();
    expect(await screen.findByText('原定 2026-12-28 09:00')).toBeTruthy();
    expect(
      screen.getAllByRole('link', { name: '志愿者 09:00：已报 1/10' })[0]?.getAttribute('href'),
    ).toBe('/organizer/shifts/s-o1');
    expect(screen.getAllByText('人手不足（至少需要 3 人）')).toHaveLength(3);
    await userEvent.click(
      screen.getByRole('button', { name: '取消这一场：12/21周一 09:00–10:30' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('取消原因'), '下雪，暂停一次');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认取消这一场' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
        status: 'cancelled',
        reason: '下雪，暂停一次',
      }),
    );
  });

  it('moves an occurrence to a new local time', async () => {
    const api = renderAt(
      '/organizer/events/e1',
      routes({
        'PATCH /v1/occurrences/o1': () => ({ status: 200, body: occurrence('o1', '2026-12-15') }),
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: '改期：12/14周一 09:00–10:30' }, { timeout: 8000 }),
    );
    const dialog = await screen.findByRole('dialog');
    const start = within(dialog).getByLabelText('新的开始时间');
    await userEvent.clear(start);
    await userEvent.type(start, '2026-12-15T14:00');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认改期' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
        start: '2026-12-15T14:00',
      }),
    );
  });

  it('cancels the event with a reason', async () => {
    const api = renderAt(
      '/organizer/events/e1',
      routes({
        'POST /v1/events/e1/cancel': (_r, body) => ({
          status: 200,
          body: event({ status: 'cancelled', cancelReason: (body as { reason: string }).reason }),
        }),
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: '取消活动' }, { timeout: 8000 }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('取消原因'), '工作调整');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认取消活动' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.path === '/v1/events/e1/cancel')?.body).toEqual({
        reason: '工作调整',
      }),
    );
  });

  it('publishes a draft', async () => {
    let published = false;
    const api = renderAt(
      '/organizer/events/e1',
      routes({
        'GET /v1/events/e1': () => ({
          status: 200,
          body: event({ status: published ? 'published' : 'draft' }),
        }),
        'POST /v1/events/e1/publish': () => {
          published = true;
          return { status: 200, body: event() };
        },
      }),
    );
    expect(await screen.findByText('草稿', {}, { timeout: 8000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '发布' }));
    expect(await screen.findByText('已发布')).toBeTruthy();
    expect(api.requests.filter((r) => r.path === '/v1/events/e1/publish')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: '发布' })).toBeNull();
  });

  it('an edit says what it will do (the dry run) before it is saved with If-Match', async () => {
    const api = renderAt(
      '/organizer/events/e1/edit',
      routes({
        'PATCH /v1/events/e1': (request, body) =>
          new URL(request.url).searchParams.get('dryRun') === 'true'
            ? {
                status: 200,
                body: {
                  dryRun: true,
                  event: event(body as object),
                  effects: {
                    shiftsAdded: 0,
                    shiftsRemoved: 1,
                    shiftsChanged: 0,
                    signupsCancelled: [
                      { signupId: 'g1', personId: 'p1', shiftId: 's1', reason: 'event_changed' },
                      { signupId: 'g2', personId: 'p2', shiftId: 's1', reason: 'event_changed' },
                      { signupId: 'g3', personId: 'p3', shiftId: 's1', reason: 'event_changed' },
                    ],
                    waitlistPromoted: [],
                    occurrencesAdded: 0,
                    occurrencesCancelled: 1,
                    occurrencesMoved: 0,
                  },
                },
              }
            : { status: 200, body: event({ version: 4 }) },
      }),
    );
    const count = await screen.findByRole('spinbutton', { name: '次数' }, { timeout: 8000 });
    // An event stays in its unit: PATCH cannot move it.
    expect((screen.getByLabelText('所属单位') as HTMLInputElement).disabled).toBe(true);
    await userEvent.clear(count);
    await userEvent.type(count, '3');
    await userEvent.click(screen.getByRole('button', { name: '保存修改' }));
    const dialog = await screen.findByRole('dialog', { name: '保存前请确认' });
    expect(within(dialog).getByText('取消 3 个报名（系统会通知他们）')).toBeTruthy();
    expect(within(dialog).getByText('删除 1 个班次')).toBeTruthy();
    expect(within(dialog).getByText('取消 1 场')).toBeTruthy();
    const patches = () => api.requests.filter((r) => r.method === 'PATCH');
    expect(patches()).toHaveLength(1);
    expect(patches()[0]?.body).toEqual({
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', exdates: [], rdates: [] },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: '确认保存' }));
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]?.headers.get('if-match')).toBe('"3"');
    expect(patches()[1]?.body).toEqual(patches()[0]?.body);
    await waitFor(() => expect(window.location.pathname).toBe('/organizer/events/e1'));
  });
  it('an API without the dry run: the edit says it cannot tell, and saves when confirmed', async () => {
    const api = renderAt(
      '/organizer/events/e1/edit',
      routes({
        'PATCH /v1/events/e1': (request) =>
          new URL(request.url).searchParams.has('dryRun')
            ? {
                status: 400,
                body: problem('validation_failed', 400, 'query.dryRun: unknown field', {
                  errors: [{ path: 'query.dryRun', message: 'unknown field' }],
                }),
              }
            : { status: 200, body: event({ version: 4 }) },
      }),
    );
    const title = await screen.findByLabelText('活动名称', {}, { timeout: 8000 });
    await userEvent.type(title, '（第二期）');
    await userEvent.click(screen.getByRole('button', { name: '保存修改' }));
    const dialog = await screen.findByRole('dialog', { name: '保存前请确认' });
    expect(within(dialog).getByText(/服务器这次不能预先说明修改的影响/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: '确认保存' }));
    await waitFor(() => expect(window.location.pathname).toBe('/organizer/events/e1'));
    const saved = api.requests.filter((r) => r.method === 'PATCH').at(-1);
    expect(saved?.body).toEqual({ title: '每周督办（第二期）' });
  });
});
