import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.tsx';
import { fakeApi, me, person, problem, shift } from './fake-api.ts';

function renderApp(routes: Parameters<typeof fakeApi>[0], path = '/') {
  window.history.replaceState(null, '', path);
  const api = fakeApi({
    'GET /v1/me': () => ({ status: 200, body: me }),
    'GET /v1/people/p1': () => ({ status: 200, body: person }),
    ...routes,
  });
  render(<App client={api.client} queryClient={api.queryClient} />);
  return api;
}

describe('find a shift', () => {
  beforeEach(() => localStorage.clear());

  it('shows seats, the waitlist and why not, in words; English is one tap away', async () => {
    const elderly = shift({
      id: 's2',
      name: '听课座位',
      minAge: 60,
      maxPartySize: 1,
      seatsLeft: 3,
      seatsTaken: 37,
      capacity: 40,
      waitlistCount: 0,
      event: {
        title: '老年课堂 · 疫苗知识讲座',
        kind: 'elderly_class',
        unitId: 'u2',
        location: null,
      },
    });
    const api = renderApp({
      'GET /v1/shifts': () => ({
        status: 200,
        body: { items: [shift(), elderly], nextCursor: null },
      }),
    });
    const family = await screen.findByRole(
      'article',
      { name: '亲子活动 · 欢乐一家亲' },
      { timeout: 8000 },
    );
    expect(within(family).getByText(/名额已满 · 候补 1 人/)).toBeTruthy();
    expect(within(family).getByText('12/12周六 09:30–11:30')).toBeTruthy();
    const seat = screen.getByRole('article', { name: '老年课堂 · 疫苗知识讲座' });
    expect(within(seat).getByText(/剩余 3 个名额/)).toBeTruthy();
    expect(within(seat).getByText('您不能报名：年龄未满 60 岁')).toBeTruthy();
    // My unit's subtree by default.
    expect(api.requests.find((r) => r.path === '/v1/shifts')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: /English/ }));
    expect(await screen.findByRole('heading', { name: 'Find a shift' })).toBeTruthy();
    expect(within(seat).getByText('You cannot sign up: you must be at least 60')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    await userEvent.click(screen.getByRole('button', { name: /中文/ }));
    expect(await screen.findByRole('heading', { name: '找活动' })).toBeTruthy();
  });

  it('asks for a sign-in link when no one is signed in', async () => {
    renderApp({ 'GET /v1/me': () => ({ status: 401, body: problem('unauthorized', 401) }) });
    expect(await screen.findByRole('heading', { name: '请先登录' })).toBeTruthy();
  });

  it('the larger-text switch is a pressed/unpressed button', async () => {
    renderApp({ 'GET /v1/shifts': () => ({ status: 200, body: { items: [], nextCursor: null } }) });
    const toggle = await screen.findByRole('button', { name: '大字' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.rota-large')).toBeTruthy();
  });
});

describe('sign up', () => {
  const family = { 'GET /v1/shifts/s1': () => ({ status: 200, body: shift() }) };

  it('a family is waitlisted: the position and what happens next, in plain words', async () => {
    const api = renderApp(
      {
        ...family,
        'POST /v1/signups': (_request, body) => ({
          status: 201,
          body: { id: 'g1', status: 'waitlisted', waitlistPosition: 2, ...(body as object) },
        }),
      },
      '/shifts/s1',
    );
    await userEvent.click(await screen.findByLabelText('我和家人/同行人一起'));
    await userEvent.type(screen.getByLabelText('姓名'), '张小雨');
    await userEvent.type(screen.getByLabelText('出生日期'), '2018-06-01');
    await userEvent.click(screen.getByRole('button', { name: '确认报名' }));
    expect(await screen.findByRole('heading', { name: '您在候补名单第 2 位' })).toBeTruthy();
    expect(screen.getByText(/有人取消后，系统会按顺序自动为您补上/)).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      shiftId: 's1',
      personId: 'p1',
      seats: 2,
      companions: [{ name: '张小雨', birthDate: '2018-06-01' }],
    });
    expect(post?.headers.get('x-rota-csrf')).toBe('1');
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });

  it('a refusal is said plainly, and a field error shows at its field', async () => {
    let answer = {
      status: 400,
      body: problem('validation_failed', 400, 'companions.0.birthDate: Invalid date', {
        errors: [{ path: 'companions.0.birthDate', message: '日期无效' }],
      }),
    };
    renderApp({ ...family, 'POST /v1/signups': () => answer }, '/shifts/s1');
    await userEvent.click(await screen.findByLabelText('我和家人/同行人一起'));
    await userEvent.type(screen.getByLabelText('姓名'), '张小雨');
    await userEvent.click(screen.getByRole('button', { name: '确认报名' }));
    expect(await screen.findByText('日期无效')).toBeTruthy();
    const field = screen.getByLabelText('出生日期');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toContain('填写的内容有误');

    answer = {
      status: 422,
      body: problem('ineligible', 422, 'too old', { reason: 'companion_too_old' }),
    };
    await userEvent.click(screen.getByRole('button', { name: '确认报名' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('有同行人的年龄超过了这个活动的要求'),
    );
  });

  it('the party size limits the companions', async () => {
    renderApp(
      { 'GET /v1/shifts/s1': () => ({ status: 200, body: shift({ maxPartySize: 2 }) }) },
      '/shifts/s1',
    );
    await userEvent.click(await screen.findByLabelText('我和家人/同行人一起'));
    expect(screen.getByText(/最多可以带 1 位同行人/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /添加同行人/ }).hasAttribute('disabled')).toBe(true);
  });
});

describe('my calendar link', () => {
  it('is made on request, after saying that older links stop working', async () => {
    const feedUrl = '/v1/people/p1/calendar.ics?key=new-key-1';
    const api = renderApp(
      {
        'GET /v1/people/p1/signups': () => ({ status: 200, body: { items: [], nextCursor: null } }),
        'GET /v1/people/p1/hours': () => ({ status: 200, body: { totalMinutes: 0, items: [] } }),
        'POST /v1/people/p1/feed-key': () => ({
          status: 201,
          body: { feedUrl, key: 'new-key-1' },
        }),
      },
      '/signups',
    );
    const get = await screen.findByRole('button', { name: /获取我的日历链接/ }, { timeout: 8000 });
    expect(screen.getByText(/以前获取的链接.*都会失效/)).toBeTruthy();
    expect(screen.queryByTestId('feed-link')).toBeNull();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.click(get);
    const link = await screen.findByTestId('feed-link');
    expect(link.getAttribute('href')).toBe(feedUrl);
    expect(link.textContent).toBe(`${window.location.origin}${feedUrl}`);
    expect(screen.getByRole('link', { name: /订阅日历/ }).getAttribute('href')).toBe(
      `${window.location.origin}${feedUrl}`.replace(/^https?:/, 'webcal:'),
    );
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(['/v1/people/p1/feed-key']);
    expect(posts[0]?.headers.get('x-rota-csrf')).toBe('1');
  });
});
