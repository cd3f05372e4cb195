import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { childKind, flattenTree, unitTree } from '../src/organizer/units/unit-tree.ts';
import { findDialog, renderOrganizer, units } from './organizer-fixtures.tsx';

describe('unitTree', () => {
  it('keeps only the subtree of the roots, children in the order the API lists them', () => {
    const tree = unitTree(units, ['u1']);
    expect(tree.map((n) => n.unit.id)).toEqual(['u1']);
    expect(tree[0]?.children.map((n) => [n.unit.name, n.depth])).toEqual([
      ['第一网格', 1],
      ['第二网格', 1],
    ]);
    expect(flattenTree(unitTree(units, ['s1'])).map((n) => n.unit.id)).toEqual([
      's1',
      'u1',
      'g1',
      'g2',
      'u2',
    ]);
  });

  it('places each unit once, even when the data has a cycle; unknown roots are left out', () => {
    const cyclic = [
      { id: 'a', name: 'A', kind: 'grid', parentId: 'b' },
      { id: 'b', name: 'B', kind: 'grid', parentId: 'a' },
    ] as const;
    expect(flattenTree(unitTree(cyclic, ['a'])).map((n) => n.unit.id)).toEqual(['a', 'b']);
    expect(unitTree(cyclic, ['nope'])).toEqual([]);
  });

  it('suggests the usual kind one level down', () => {
    expect(childKind('district')).toBe('subdistrict');
    expect(childKind('subdistrict')).toBe('community');
    expect(childKind('community')).toBe('grid');
    expect(childKind('grid')).toBe('grid');
  });
});

describe('Units page', () => {
  it('shows my subtree only, adds a grid below my community, creates an organizer link', async () => {
    const api = renderOrganizer(
      {
        'POST /v1/units': (_request, body) => ({
          status: 201,
          body: { id: 'g3', ...(body as object) },
        }),
        'POST /v1/sign-in-links': (_request, body) => ({
          status: 201,
          body: {
            id: 'l2',
            url: '/sign-in#code=org-code',
            code: 'org-code',
            expiresAt: '2026-12-14T02:00:00Z',
            role: 'organizer',
            personId: null,
            unitId: (body as { unitId: string }).unitId,
            label: null,
          },
        }),
      },
      '/organizer/units',
    );
    const tree = await screen.findByRole('tree', { name: '单位结构' });
    expect(within(tree).getByText('王家园社区 · 社区')).toBeTruthy();
    expect(within(tree).getByText('第一网格 · 网格')).toBeTruthy();
    // The parent subdistrict and the sibling community are not mine.
    expect(within(tree).queryByText(/永泰街道/)).toBeNull();
    expect(within(tree).queryByText(/永和里社区/)).toBeNull();

    // My own unit is chosen first; a grid is the usual kind below a community.
    expect(await screen.findByRole('heading', { name: '王家园社区', level: 3 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '添加下级单位' }));
    const dialog = await findDialog('在 王家园社区 下添加单位');
    await userEvent.type(within(dialog).getByLabelText('名称'), '第三网格');
    await userEvent.click(within(dialog).getByRole('button', { name: '添加' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'POST' && r.path === '/v1/units')?.body).toEqual(
        { name: '第三网格', kind: 'grid', parentId: 'u1' },
      ),
    );
    expect(await screen.findByText('已添加 第三网格')).toBeTruthy();

    // Choose a grid in the tree, then its organizer link.
    await userEvent.click(within(tree).getByText('第一网格 · 网格'));
    expect(await screen.findByRole('heading', { name: '第一网格', level: 3 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '组织者登录链接' }));
    const linkDialog = await findDialog('第一网格 的组织者登录链接');
    const link = await within(linkDialog).findByLabelText('登录链接');
    expect((link as HTMLInputElement).value).toBe(
      `${window.location.origin}/sign-in#code=org-code`,
    );
    expect(linkDialog.textContent).toContain('组织者的身份登录');
    expect(api.requests.find((r) => r.path === '/v1/sign-in-links')?.body).toEqual({
      unitId: 'g1',
    });
  });

  it('"See people" opens People filtered to the chosen unit', async () => {
    const api = renderOrganizer(
      { 'GET /v1/people': () => ({ status: 200, body: { items: [], nextCursor: null } }) },
      '/organizer/units',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: '查看人员' }, { timeout: 8000 }),
    );
    await waitFor(() => expect(window.location.pathname).toBe('/organizer/people'));
    expect(window.location.search).toBe('?unitId=u1');
    await waitFor(() =>
      expect(
        api.requests.some((r) => r.path === '/v1/people' && r.query.get('unitId') === 'u1'),
      ).toBe(true),
    );
  });
});
