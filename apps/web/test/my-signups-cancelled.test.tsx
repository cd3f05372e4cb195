import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../src/app/App.tsx';
import { fakeApi, me, person } from './fake-api.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function signup(id: string, title: string, overrides: Record<string, unknown>) {
  const start = new Date(Date.now() + 2 * DAY_MS).toISOString();
  return {
    id,
    shiftId: `s-${id}`,
    personId: 'p1',
    seats: 1,
    companions: [],
    note: null,
    status: 'confirmed',
    waitlistPosition: null,
    createdAt: '2026-12-01T00:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    cancelNote: null,
    checkedInAt: null,
    checkedOutAt: null,
    noShow: false,
    shift: { start, end: start, name: '督办人员', role: 'volunteer' },
    event: {
      id: `e-${id}`,
      title,
      kind: 'general',
      timeZone: 'Asia/Shanghai',
      location: null,
      description: null,
      version: 1,
    },
    ...overrides,
  };
}

/** Renders "my signups" for p1 with `items` in the upcoming window. */
function showMySignups(items: ReturnType<typeof signup>[]) {
  window.history.replaceState(null, '', '/signups');
  const api = fakeApi({
    'GET /v1/me': () => ({ status: 200, body: me }),
    'GET /v1/people/p1': () => ({ status: 200, body: person }),
    // Both windows (past year, next half year) ask; the upcoming one holds the three.
    'GET /v1/people/p1/signups': (request) => ({
      status: 200,
      body: {
        items:
          Date.parse(new URL(request.url).searchParams.get('to') ?? '') > Date.now() + DAY_MS
            ? items
            : [],
        nextCursor: null,
      },
    }),
    'GET /v1/people/p1/hours': () => ({ status: 200, body: { totalMinutes: 0, items: [] } }),
  });
  render(<App client={api.client} queryClient={api.queryClient} />);
}

describe('my signups', () => {
  it('shows a date the office cancelled, with why; my own cancellations stay out', async () => {
    const items = [
      signup('g1', '每周督办', { status: 'cancelled', cancelReason: 'occurrence_cancelled' }),
      signup('g2', '清洁家园', { status: 'cancelled', cancelReason: 'cancelled_by_person' }),
      signup('g3', '老年课堂', {}),
    ];
    showMySignups(items);
    const heading = await screen.findByRole('heading', { name: /已取消的活动 \(1\)/ });
    const section = heading.closest('section')!;
    const card = within(section).getByRole('article', { name: '每周督办' });
    expect(within(card).getByText('已取消')).toBeTruthy();
    expect(within(card).getByText('这一场活动已取消')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('article', { name: '清洁家园' })).toBeNull();
    expect(screen.getByRole('article', { name: '老年课堂' })).toBeTruthy();
  });

  it("shows the office's own words under a cancelled signup, in the reader's language", async () => {
    const note =
      '因降雨取消，下周同一时间照常。请大家注意安全，有问题请打电话给社区办公室 010-12345678';
    showMySignups([
      signup('g1', '清洁家园', {
        status: 'cancelled',
        cancelReason: 'event_cancelled',
        cancelNote: note,
      }),
      signup('g2', '每周督办', { status: 'cancelled', cancelReason: 'occurrence_cancelled' }),
    ]);
    const card = await screen.findByRole('article', { name: '清洁家园' });
    expect(within(card).getByText('整个活动已取消')).toBeTruthy();
    // The whole note, as written: nothing cut off for a small screen.
    expect(within(card).getByText(`社区留言：${note}`)).toBeTruthy();
    const quiet = screen.getByRole('article', { name: '每周督办' });
    expect(within(quiet).queryByText(/社区留言/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: /English/ }));
    expect(await within(card).findByText(`Message from the office: ${note}`)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /中文/ }));
    expect(await within(card).findByText(`社区留言：${note}`)).toBeTruthy();
  });
});
