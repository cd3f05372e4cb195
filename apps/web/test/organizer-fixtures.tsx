// What the People and Units tests share: an organizer of 王家园社区, the units around it
// (its parent and a sibling community lie outside the subtree), and a few people.
import type { Schemas } from '@rota/client';
import { render, screen, waitFor } from '@testing-library/react';
import { App } from '../src/app/App.tsx';
import { fakeApi } from './fake-api.ts';

export const organizer: Schemas['Me'] = {
  role: 'organizer',
  via: 'session',
  unitId: 'u1',
  name: '王家园社区',
  unitName: '王家园社区',
};

export const units = [
  { id: 's1', name: '永泰街道', kind: 'subdistrict', parentId: null },
  { id: 'u1', name: '王家园社区', kind: 'community', parentId: 's1' },
  { id: 'g1', name: '第一网格', kind: 'grid', parentId: 'u1' },
  { id: 'g2', name: '第二网格', kind: 'grid', parentId: 'u1' },
  { id: 'u2', name: '永和里社区', kind: 'community', parentId: 's1' },
] as const;

export function personRecord(overrides: Record<string, unknown> = {}) {
  return {
    id: 'p1',
    name: '张三',
    unitId: 'u1',
    phone: '+8613812345678',
    birthDate: '1970-03-01',
    tags: ['medical'],
    ...overrides,
  };
}

export const zhangSan = personRecord();
export const liSi = personRecord({
  id: 'p2',
  name: '李四',
  unitId: 'g1',
  phone: null,
  birthDate: null,
  tags: [],
});

/** Renders the whole app at `path`, signed in as the organizer, over a fake API. */
export function renderOrganizer(routes: Parameters<typeof fakeApi>[0], path: string) {
  window.history.replaceState(null, '', path);
  const api = fakeApi({
    'GET /v1/me': () => ({ status: 200, body: organizer }),
    'GET /v1/units': () => ({ status: 200, body: { items: units, nextCursor: null } }),
    'GET /v1/tags': () => ({
      status: 200,
      body: {
        items: [
          { tag: 'party-member', count: 12 },
          { tag: 'medical', count: 3 },
        ],
      },
    }),
    ...routes,
  });
  render(<App client={api.client} queryClient={api.queryClient} />);
  return api;
}

/**
 * The open dialog with this title. (Under test, Ant Design gives every dialog title the same
 * id, so a dialog's accessible name is that of the first one in the page: match the title.)
 */
export function findDialog(title: string): Promise<HTMLElement> {
  return waitFor(
    () => {
      const dialog = screen
        .getAllByRole('dialog')
        .find((d) => d.querySelector('.ant-modal-title')?.textContent === title);
      if (!dialog) throw new Error(`no open dialog titled ${title}`);
      return dialog;
    },
    { timeout: 5000 },
  );
}
