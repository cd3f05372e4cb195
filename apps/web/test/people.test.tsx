import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from './fake-api.ts';
import {
  findDialog,
  liSi,
  personRecord,
  renderOrganizer,
  zhangSan,
} from './organizer-fixtures.tsx';

/** GET /v1/people as the server answers it: `q` on name or phone digits, `tag` exact. */
function searchPeople(people: ReturnType<typeof personRecord>[]) {
  return (request: Request) => {
    const query = new URL(request.url).searchParams;
    const q = query.get('q') ?? '';
    const tag = query.get('tag');
    const initials: Record<string, string> = { 张三: 'zs', 李四: 'ls' };
    const items = people.filter(
      (p) =>
        (!q || p.name.includes(q) || initials[p.name] === q || (p.phone ?? '').includes(q)) &&
        (!tag || p.tags.includes(tag)),
    );
    return { status: 200, body: { items, nextCursor: null } };
  };
}

async function openFilter(label: string) {
  // Ant Design opens its select on mousedown of the field.
  await userEvent.click(
    within(screen.getByRole('form', { name: '查找人员' })).getByLabelText(label),
  );
}

describe('People', () => {
  it('searches by pinyin initials and filters by tag; tags read in words', async () => {
    const api = renderOrganizer(
      { 'GET /v1/people': searchPeople([zhangSan, liSi]) },
      '/organizer/people',
    );
    const zhang = (await screen.findByText('张三', {}, { timeout: 8000 })).closest('tr')!;
    const table = zhang.closest('table')!;
    expect(within(zhang).getByText('医务 (medical)')).toBeTruthy();
    expect(within(zhang).getByText('王家园社区')).toBeTruthy();
    const li = within(table).getByText('李四').closest('tr')!;
    expect(within(li).getByText('第一网格')).toBeTruthy();
    // The name links to the person's page.
    expect(within(zhang).getByRole('link', { name: '张三' }).getAttribute('href')).toBe(
      '/organizer/people/p1',
    );

    await userEvent.type(
      within(screen.getByRole('form', { name: '查找人员' })).getByLabelText('搜索'),
      'zs',
    );
    await waitFor(() =>
      expect(api.requests.some((r) => r.path === '/v1/people' && r.query.get('q') === 'zs')).toBe(
        true,
      ),
    );
    await waitFor(() => expect(within(table).queryByText('李四')).toBeNull());
    expect(within(table).getByText('张三')).toBeTruthy();

    await userEvent.clear(
      within(screen.getByRole('form', { name: '查找人员' })).getByLabelText('搜索'),
    );
    await openFilter('资格标签');
    await userEvent.click(await screen.findByText('医务 (medical) · 3'));
    await waitFor(() =>
      expect(
        api.requests.some((r) => r.path === '/v1/people' && r.query.get('tag') === 'medical'),
      ).toBe(true),
    );
    await waitFor(() => expect(within(table).queryByText('李四')).toBeNull());
  });

  it('a phone someone already has: the answer names them, links to them, and "create anyway" is a second step', async () => {
    const created = personRecord({ id: 'p3', name: '王芳', phone: '+8613812345678', tags: [] });
    let posts = 0;
    const api = renderOrganizer(
      {
        'GET /v1/people': searchPeople([zhangSan]),
        'GET /v1/people/p1': () => ({ status: 200, body: zhangSan }),
        'GET /v1/people/p3': () => ({ status: 200, body: created }),
        'POST /v1/people': (_request, body) => {
          posts += 1;
          return (body as { allowDuplicatePhone?: boolean }).allowDuplicatePhone
            ? { status: 201, body: created }
            : {
                status: 409,
                body: problem('duplicate_person', 409, 'phone already used', {
                  existingId: 'p1',
                  errors: [{ path: 'phone', message: 'already used by p1' }],
                }),
              };
        },
      },
      '/organizer/people',
    );
    await userEvent.click(await screen.findByRole('button', { name: '添加人员' }));
    const dialog = await findDialog('添加人员');
    await userEvent.type(within(dialog).getByLabelText('姓名'), '王芳');
    await userEvent.type(within(dialog).getByLabelText('电话'), '13812345678');
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    const notice = await within(dialog).findByRole('alert');
    await waitFor(() => expect(notice.textContent).toContain('电话 13812345678 已登记给 张三'));
    expect(within(notice).getByRole('link', { name: '查看 张三' }).getAttribute('href')).toBe(
      '/organizer/people/p1',
    );
    expect(posts).toBe(1);
    const first = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/people');
    expect(first?.body).toEqual({ name: '王芳', unitId: 'u1', phone: '13812345678', tags: [] });

    await userEvent.click(within(notice).getByRole('button', { name: '仍然添加' }));
    await waitFor(() => expect(posts).toBe(2));
    const second = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/people')[1];
    expect(second?.body).toEqual({
      name: '王芳',
      unitId: 'u1',
      phone: '13812345678',
      tags: [],
      allowDuplicatePhone: true,
    });
    // Added: on to the new person's page (to give them a sign-in link).
    expect(await screen.findByRole('heading', { name: '王芳', level: 2 })).toBeTruthy();
    expect(window.location.pathname).toBe('/organizer/people/p3');
  });

  it('tags are chosen from those used in the subtree: typing 医务 finds medical', async () => {
    const api = renderOrganizer(
      {
        'GET /v1/people/p2': () => ({ status: 200, body: liSi }),
        'PATCH /v1/people/p2': (_request, body) => ({
          status: 200,
          body: { ...liSi, ...(body as object) },
        }),
      },
      '/organizer/people/p2',
    );
    expect(await screen.findByRole('heading', { name: '李四', level: 2 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '编辑' }));
    const dialog = await findDialog('编辑 李四');
    const tags = within(dialog).getByLabelText('资格标签');
    await userEvent.click(tags);
    // The subtree's tags, most used first, each with how many people have it.
    expect(await screen.findByText('党员 (party-member) · 12 人')).toBeTruthy();
    await userEvent.type(tags, '医务');
    await userEvent.click(await screen.findByText('医务 (medical) · 3 人'));
    // A word nobody uses yet is offered only as a deliberate new tag.
    await userEvent.type(tags, 'doctor');
    expect(await screen.findByText('新标签：doctor')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ tags: ['medical'] }),
    );
    expect(await screen.findByText('已保存 李四 的资料')).toBeTruthy();
  });

  it('a sign-in link shows as a QR code with the whole link; sign out everywhere asks first', async () => {
    const api = renderOrganizer(
      {
        'GET /v1/people/p1': () => ({ status: 200, body: zhangSan }),
        'POST /v1/sign-in-links': () => ({
          status: 201,
          body: {
            id: 'l1',
            url: '/sign-in#code=abc123',
            code: 'abc123',
            expiresAt: '2026-12-14T02:00:00Z',
            role: 'volunteer',
            personId: 'p1',
            unitId: null,
            label: null,
          },
        }),
        'DELETE /v1/people/p1/sessions': () => ({
          status: 200,
          body: { sessionsEnded: 2, signInLinksRevoked: 1, tokensRevoked: 0 },
        }),
      },
      '/organizer/people/p1',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: '登录链接' }, { timeout: 8000 }),
    );
    const dialog = await findDialog('张三 的登录链接');
    const link = await within(dialog).findByLabelText('登录链接');
    expect((link as HTMLInputElement).value).toBe(`${window.location.origin}/sign-in#code=abc123`);
    expect(within(dialog).getByText('登录二维码')).toBeTruthy();
    expect(api.requests.find((r) => r.path === '/v1/sign-in-links')?.body).toEqual({
      personId: 'p1',
    });
    await userEvent.click(within(dialog).getByRole('button', { name: '完成' }));

    await userEvent.click(screen.getByRole('button', { name: '退出所有设备' }));
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await userEvent.click(await screen.findByRole('button', { name: '确定退出' }));
    await waitFor(() => {
      const revoke = api.requests.find((r) => r.method === 'DELETE');
      expect(revoke?.path).toBe('/v1/people/p1/sessions');
      expect(revoke?.query.get('tokens')).toBe('true');
    });
    expect(await screen.findByText(/张三 已在所有设备上退出登录（结束 2 个登录/)).toBeTruthy();
  });
});
