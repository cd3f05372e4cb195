import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { person, problem, shift } from './fake-api.ts';
import { LOADS, renderOrganizer, rosterEntry } from './organizer-fakes.tsx';

const wang = rosterEntry({
  id: 'g1',
  personId: 'p1',
  person: { name: '王芳', phone: '13800001111' },
});
const zhang = rosterEntry({
  id: 'g2',
  personId: 'p2',
  seats: 2,
  companions: [{ name: '张小雨', birthDate: '2018-06-01' }],
  status: 'waitlisted',
  waitlistPosition: 1,
  person: { name: '张伟', phone: null },
});
const gone = rosterEntry({
  id: 'g3',
  personId: 'p3',
  status: 'cancelled',
  cancelledAt: '2026-12-02T08:00:00Z',
  cancelReason: 'cancelled_by_person',
  person: { name: '刘洋', phone: null },
});

/** A fake roster that check-in, check-out, no-show and capacity changes act on. */
function door() {
  let entries = [wang, zhang, gone];
  let current = shift();
  const act = (id: string, change: object) => {
    entries = entries.map((e) => (e.id === id ? { ...e, ...change } : e));
    const { person: _, ...signup } = entries.find((e) => e.id === id)!;
    return { status: 200, body: signup };
  };
  const routes = {
    'GET /v1/shifts/s1': () => ({ status: 200, body: current }),
    'GET /v1/shifts/s1/roster': () => ({ status: 200, body: { items: entries } }),
    'POST /v1/signups/g1/check-in': () =>
      act('g1', { checkedInAt: '2026-12-12T09:35:41.120+08:00' }),
    'POST /v1/signups/g1/check-out': () => act('g1', { checkedOutAt: '2026-12-12T11:30:00+08:00' }),
    'DELETE /v1/signups/g1/check-in': () => act('g1', { checkedInAt: null }),
    'DELETE /v1/signups/g1/check-out': () => act('g1', { checkedOutAt: null }),
    'POST /v1/signups/g1/no-show': () => act('g1', { noShow: true }),
    'DELETE /v1/signups/g1/no-show': () => act('g1', { noShow: false }),
    'PATCH /v1/shifts/s1': (_: Request, body: unknown) => {
      const { capacity } = body as { capacity: number };
      current = { ...current, capacity, seatsTaken: 12, seatsLeft: 0, waitlistCount: 0 };
      entries = entries.map((e) =>
        e.status === 'waitlisted' ? { ...e, status: 'confirmed', waitlistPosition: null } : e,
      );
      return { status: 200, body: current };
    },
  };
  return routes;
}

describe('the roster', () => {
  it('lists every signup in join order with status, waitlist position and party', async () => {
    renderOrganizer(door(), '/organizer/shifts/s1');
    const table = await screen.findByRole('table', {}, LOADS);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      '王芳13800001111',
      '张伟',
      '刘洋',
    ]);
    expect(within(rows[1]!).getByText('候补第 1 位')).toBeTruthy();
    expect(within(rows[1]!).getByText('同行：张小雨')).toBeTruthy();
    expect(within(rows[1]!).getByText('2 人')).toBeTruthy();
    expect(within(rows[2]!).getByText('已取消')).toBeTruthy();
    expect(within(rows[2]!).getByText('本人取消')).toBeTruthy();
    // Only a confirmed signup has door buttons.
    expect(within(rows[1]!).queryByRole('button')).toBeNull();
    expect(screen.getByText('已报名 10 / 10 个名额')).toBeTruthy();
  });

  it('checks in and out at the door with large buttons named for the person', async () => {
    const api = renderOrganizer(door(), '/organizer/shifts/s1');
    const checkIn = await screen.findByRole('button', { name: '签到：王芳' }, LOADS);
    await userEvent.click(checkIn);
    expect(await screen.findByText('王芳 已签到。', {}, LOADS)).toBeTruthy();
    expect(
      api.requests.some((r) => r.method === 'POST' && r.path === '/v1/signups/g1/check-in'),
    ).toBe(true);
    const row = screen.getByRole('row', { name: /王芳/ });
    // The event's wall clock, written in the instant, whatever the device's zone.
    expect(within(row).getByText('09:35 签到')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: '签退：王芳' }));
    expect(await screen.findByText('王芳 已签退。', {}, LOADS)).toBeTruthy();
    expect(api.requests.at(-1)?.headers.get('x-rota-csrf')).toBeTruthy();
  });

  it('takes a wrong tap back, one step at a time', async () => {
    const api = renderOrganizer(door(), '/organizer/shifts/s1');
    await userEvent.click(await screen.findByRole('button', { name: '签到：王芳' }, LOADS));
    await userEvent.click(await screen.findByRole('button', { name: '签退：王芳' }, LOADS));
    // Checked out: only the check-out can be undone now (the check-in under it stays).
    expect(screen.queryByRole('button', { name: '撤销签到：王芳' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: '撤销签退：王芳' }, LOADS));
    expect(await screen.findByText('已撤销：王芳。', {}, LOADS)).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: '撤销签到：王芳' }, LOADS));
    await userEvent.click(await screen.findByRole('button', { name: '未到：王芳' }, LOADS));
    const row = screen.getByRole('row', { name: /王芳/ });
    expect(await within(row).findByText('未到', { selector: 'strong' })).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: '撤销未到：王芳' }));
    expect(await screen.findByRole('button', { name: '签到：王芳' }, LOADS)).toBeTruthy();
    expect(
      api.requests
        .filter((r) => r.path.startsWith('/v1/signups/'))
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([
      'POST /v1/signups/g1/check-in',
      'POST /v1/signups/g1/check-out',
      'DELETE /v1/signups/g1/check-out',
      'DELETE /v1/signups/g1/check-in',
      'POST /v1/signups/g1/no-show',
      'DELETE /v1/signups/g1/no-show',
    ]);
  });

  it('says a refusal plainly (no-show before the shift starts)', async () => {
    renderOrganizer(
      {
        ...door(),
        'POST /v1/signups/g1/no-show': () => ({ status: 422, body: problem('not_yet', 422) }),
      },
      '/organizer/shifts/s1',
    );
    await userEvent.click(await screen.findByRole('button', { name: '未到：王芳' }, LOADS));
    expect((await screen.findByRole('alert', {}, LOADS)).textContent).toMatch(/还没/);
  });

  it('says a check-in days ahead of the shift is outside its bounds, not a form error', async () => {
    renderOrganizer(
      {
        ...door(),
        'POST /v1/signups/g1/check-in': () => ({
          status: 400,
          body: problem('validation_failed', 400, 'at: must be within 240 minutes of the shift', {
            errors: [{ path: 'at', message: 'must be within 240 minutes of the shift' }],
          }),
        }),
      },
      '/organizer/shifts/s1',
    );
    await userEvent.click(await screen.findByRole('button', { name: '签到：王芳' }, LOADS));
    expect((await screen.findByRole('alert', {}, LOADS)).textContent).toBe(
      '现在不能签到或签退：只能在活动开始前 4 小时到结束后 4 小时之间记录。',
    );
  });

  it('raises the seats and names who moved up from the waiting list', async () => {
    const api = renderOrganizer(door(), '/organizer/shifts/s1');
    const seats = await screen.findByLabelText('名额', {}, LOADS);
    await userEvent.clear(seats);
    await userEvent.type(seats, '12');
    await userEvent.click(screen.getByRole('button', { name: '修改名额' }));
    expect(await screen.findByText('名额已改为 12 个。', {}, LOADS)).toBeTruthy();
    expect(screen.getByText('已从候补补上：张伟。')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ capacity: 12 });
    await waitFor(() => expect(screen.getByText('已报名 12 / 12 个名额')).toBeTruthy());
    const row = screen.getByRole('row', { name: /张伟/ });
    expect(within(row).getByText('已确认')).toBeTruthy();
  });

  it('records a walk-in found by pinyin, checked in at once, marked as such', async () => {
    const started = shift({
      start: new Date(Date.now() - 30 * 60_000).toISOString(),
      end: new Date(Date.now() + 90 * 60_000).toISOString(),
      seatsLeft: 2,
    });
    let entries = [wang];
    const api = renderOrganizer(
      {
        'GET /v1/shifts/s1': () => ({ status: 200, body: started }),
        'GET /v1/shifts/s1/roster': () => ({ status: 200, body: { items: entries } }),
        'GET /v1/people': (request: Request) => ({
          status: 200,
          body: {
            items:
              new URL(request.url).searchParams.get('q') === 'zxm'
                ? [{ ...person, id: 'p9', name: '赵晓明', phone: '13900002222' }]
                : [],
            nextCursor: null,
          },
        }),
        'POST /v1/signups': () => {
          const walkIn = rosterEntry({
            id: 'g9',
            personId: 'p9',
            walkIn: true,
            checkedInAt: new Date().toISOString(),
            person: { name: '赵晓明', phone: '13900002222' },
          });
          entries = [...entries, walkIn];
          const { person: _, ...signup } = walkIn;
          return { status: 201, body: signup };
        },
      },
      '/organizer/shifts/s1',
    );
    await userEvent.click(await screen.findByRole('button', { name: '现场登记' }, LOADS));
    const dialog = await screen.findByRole('dialog', {}, LOADS);
    await userEvent.type(within(dialog).getByLabelText('查找人员'), 'zxm');
    await userEvent.click(await within(dialog).findByLabelText('赵晓明（13900002222）', {}, LOADS));
    expect(within(dialog).getByRole('checkbox', { name: '同时签到' })).toHaveProperty(
      'checked',
      true,
    );
    await userEvent.click(within(dialog).getByRole('button', { name: '登记' }));
    expect(await screen.findByText('赵晓明 已现场登记。', {}, LOADS)).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/signups');
    expect(post?.body).toEqual({ shiftId: 's1', personId: 'p9', checkIn: true });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
    const row = await screen.findByRole('row', { name: /赵晓明/ }, LOADS);
    expect(within(row).getByText('现场登记')).toBeTruthy();
    expect(within(row).getByRole('button', { name: '签退：赵晓明' })).toBeTruthy();
  });

  it('exports the CSV from the API (a download link)', async () => {
    renderOrganizer(door(), '/organizer/shifts/s1');
    const link = await screen.findByRole('link', { name: /导出 CSV/ }, LOADS);
    expect(link.getAttribute('href')).toBe('/v1/shifts/s1/roster.csv');
    expect(link.hasAttribute('download')).toBe(true);
  });
});
