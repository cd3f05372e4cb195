import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { findOrganizerRoute } from '../src/organizer/organizer-routes.tsx';
import { me } from './fake-api.ts';
import { LOADS, renderOrganizer } from './organizer-fakes.tsx';

const empty = {
  'GET /v1/shifts': () => ({ status: 200, body: { items: [], nextCursor: null } }),
  'GET /v1/events': () => ({ status: 200, body: { items: [], nextCursor: null } }),
};

describe('the organizer shell', () => {
  it('opens on This week, with a menu of the four areas that moves between them', async () => {
    renderOrganizer(empty, '/');
    expect(await screen.findByRole('heading', { name: '本周', level: 2 }, LOADS)).toBeTruthy();
    const menu = screen.getByRole('navigation', { name: '组织者菜单' });
    const links = within(menu).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['本周', '活动', '人员', '组织']);
    expect(within(menu).getByRole('link', { name: '本周' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(menu).getByText('王家园社区 · 组织者')).toBeTruthy();

    await userEvent.click(within(menu).getByRole('link', { name: '人员' }));
    expect(window.location.pathname).toBe('/organizer/people');
    expect(await screen.findByRole('heading', { name: '人员', level: 2 }, LOADS)).toBeTruthy();
    expect(within(menu).getByRole('link', { name: '人员' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(menu).getByRole('link', { name: '本周' }).getAttribute('aria-current')).toBe(
      null,
    );
  });

  it('says so for a path it does not know, with the way back', async () => {
    renderOrganizer(empty, '/organizer/nowhere');
    expect(await screen.findByRole('heading', { name: '没有这个页面' }, LOADS)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '回到本周' }));
    expect(await screen.findByRole('heading', { name: '本周', level: 2 }, LOADS)).toBeTruthy();
  });

  it('a volunteer who opens an organizer path is pointed to Find a shift', async () => {
    renderOrganizer({ 'GET /v1/me': () => ({ status: 200, body: me }) }, '/organizer/week');
    expect(await screen.findByRole('heading', { name: '这里是组织者的页面' }, LOADS)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '组织者菜单' })).toBeNull();
  });

  it('the route table matches parameters and decodes them', () => {
    const found = findOrganizerRoute('/organizer/shifts/a%2Fb');
    expect(found?.route.area).toBe('week');
    expect(found?.params).toEqual({ id: 'a/b' });
    expect(findOrganizerRoute('/organizer/shifts/')).toBeUndefined();
    expect(findOrganizerRoute('/')?.route.path).toBe('/organizer');
  });
});
