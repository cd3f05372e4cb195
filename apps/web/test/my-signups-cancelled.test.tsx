import { render, screen, within } from '@testing-library/react';
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

describe('my signups', () => {
  it('shows a date the office cancelled, with why; my own cancellations stay out', async () => {
    const items = [
      signup('g1', '每周督办', { status: 'cancelled', cancelReason: 'occurrence_cancelled' }),
      signup('g2', '清洁家园', { status: 'cancelled', cancelReason: 'cancelled_by_person' }),
      signup('g3', '老年课堂', {}),
    ];
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
    const heading = await screen.findByRole('heading', { name: /已取消的活动 \(1\)/ });
    const section = heading.closest('section')!;
    const card = within(section).getByRole('article', { name: '每周督办' });
    expect(within(card).getByText('已取消')).toBeTruthy();
    expect(within(card).getByText('这一场活动已取消')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('article', { name: '清洁家园' })).toBeNull();
    expect(screen.getByRole('article', { name: '老年课堂' })).toBeTruthy();
  });
});
