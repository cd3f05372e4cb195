import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { shift } from './fake-api.ts';
import { LOADS, renderOrganizer, rosterEntry } from './organizer-fakes.tsx';

const HOUR = 60 * 60 * 1000;
const midnight = new Date();
midnight.setHours(0, 0, 0, 0);
/** An instant `hours` after midnight today on this machine, as the API writes one. */
const at = (hours: number) => new Date(midnight.getTime() + hours * HOUR).toISOString();

const today = shift({
  id: 's1',
  name: '签到引导',
  start: at(9),
  end: at(11),
  capacity: 4,
  seatsTaken: 2,
  seatsLeft: 2,
  waitlistCount: 0,
  minNeeded: 2,
  understaffed: false,
  event: { title: '垃圾分类宣传', kind: 'cleanup_drive', unitId: 'u1', location: null },
});
const understaffed = shift({
  id: 's2',
  name: '督办员',
  start: at(24 + 9),
  end: at(24 + 11),
  capacity: 6,
  seatsTaken: 1,
  seatsLeft: 5,
  waitlistCount: 0,
  minNeeded: 4,
  understaffed: true,
  event: { title: '每周督办', kind: 'inspection', unitId: 'u2', location: null },
});
const waitlisted = shift({ id: 's3', start: at(48 + 9), end: at(48 + 11), waitlistCount: 2 });
const draft = {
  id: 'e9',
  title: '冬季义诊（草稿）',
  start: '2026-12-20T09:00',
  timeZone: 'Asia/Shanghai',
  status: 'draft',
};

/** The query of every request, by path. */
const queries: Record<string, URLSearchParams> = {};
const seen = (request: Request) => {
  const url = new URL(request.url);
  queries[url.pathname] = url.searchParams;
};

function routes() {
  return {
    'GET /v1/shifts': (request: Request) => {
      seen(request);
      return {
        status: 200,
        body: { items: [today, understaffed, waitlisted], nextCursor: null },
      };
    },
    'GET /v1/events': (request: Request) => {
      seen(request);
      return { status: 200, body: { items: [draft], nextCursor: null } };
    },
    'GET /v1/shifts/s2': () => ({ status: 200, body: understaffed }),
    'GET /v1/shifts/s2/roster': () => ({
      status: 200,
      body: { items: [rosterEntry({ shiftId: 's2' })] },
    }),
  };
}

describe('This week', () => {
  it("shows today's shifts, the understaffed, the waitlists and the drafts of my subtree", async () => {
    renderOrganizer(routes(), '/organizer/week');
    const todays = await screen.findByRole('region', { name: '今天的活动' }, LOADS);
    expect(within(todays).getByText('垃圾分类宣传')).toBeTruthy();
    expect(within(todays).queryByText('每周督办')).toBeNull();

    const short = screen.getByRole('region', { name: '人手不足' });
    expect(within(short).getByText('每周督办')).toBeTruthy();
    expect(within(short).getByText('1 / 6')).toBeTruthy();
    expect(within(short).getByText('还差 3 人')).toBeTruthy();
    expect(within(short).queryByText('垃圾分类宣传')).toBeNull();

    const waiting = screen.getByRole('region', { name: '有人候补' });
    expect(within(waiting).getByText('亲子活动 · 欢乐一家亲')).toBeTruthy();
    expect(within(waiting).getByText('2 人')).toBeTruthy();

    const drafts = screen.getByRole('region', { name: '草稿活动' });
    expect(within(drafts).getByText('冬季义诊（草稿）')).toBeTruthy();
    expect(
      within(drafts).getByRole('link', { name: '打开草稿：冬季义诊（草稿）' }).getAttribute('href'),
    ).toBe('/organizer/events/e9');

    // The organizer's subtree, from midnight today for 7 days; drafts asked for as such.
    const query = queries['/v1/shifts'] ?? new URLSearchParams();
    expect(query.get('unitId')).toBe('u1');
    expect(Date.parse(query.get('to') ?? '') - Date.parse(query.get('from') ?? '')).toBe(
      7 * 24 * HOUR,
    );
    expect(Date.parse(query.get('from') ?? '')).toBe(midnight.getTime());
    expect(queries['/v1/events']?.get('status')).toBe('draft');
    expect(queries['/v1/events']?.get('unitId')).toBe('u1');
  });

  it('one click from a shift to its roster', async () => {
    renderOrganizer(routes(), '/organizer/week');
    const short = await screen.findByRole('region', { name: '人手不足' }, LOADS);
    await userEvent.click(within(short).getByRole('link', { name: '督办员（每周督办）的名单' }));
    expect(window.location.pathname).toBe('/organizer/shifts/s2');
    expect(await screen.findByRole('heading', { name: '名单 · 每周督办' }, LOADS)).toBeTruthy();
  });

  it('reads in English one tap away', async () => {
    renderOrganizer(routes(), '/organizer/week');
    await screen.findByRole('region', { name: '人手不足' }, LOADS);
    await userEvent.click(screen.getByRole('button', { name: /English/ }));
    const short = await screen.findByRole('region', { name: 'Understaffed' }, LOADS);
    expect(within(short).getByText('3 short')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Roster of 督办员 (每周督办)' })).toBeTruthy();
  });
});
