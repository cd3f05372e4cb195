// The slot editor: capacity, target, ages, tags, party size and appointments every N minutes
// become the API's slot fields; core's refusals show at their field, in both languages.
import type { FieldError } from '@rota/core';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SlotInput } from '../src/organizer/events/event-queries.ts';
import { checkEventInput } from '../src/organizer/events/recurrence/check-event-input.ts';
import { newSlotKey, SlotEditor } from '../src/organizer/events/SlotEditor.tsx';

// Many clicks and keystrokes through antd on two shared cores: more than the 20 s default.
vi.setConfig({ testTimeout: 60_000 });

let latest: SlotInput[] = [];

function Harness({ initial }: { initial: SlotInput[] }) {
  const [slots, setSlots] = useState(initial);
  useTranslation(); // re-renders on a language switch, as the event form does
  latest = slots;
  const errors: FieldError[] = checkEventInput(
    {
      unitId: 'u1',
      kind: 'vaccination_clinic',
      title: 'x',
      start: '2026-12-12T08:00',
      durationMinutes: 240,
      slots,
    },
    i18next.language === 'en' ? 'en' : 'zh-CN',
  );
  return <SlotEditor slots={slots} onChange={setSlots} errors={errors} />;
}

const registrar: SlotInput = {
  key: 'registrar',
  name: '登记员',
  role: 'volunteer',
  capacity: 2,
  minNeeded: 2,
};
const appointment: SlotInput = {
  key: 'appointment',
  name: '预约接种',
  role: 'attendee',
  capacity: 15,
  durationMinutes: 30,
  repeatEveryMinutes: 30,
  minAge: 18,
  maxPartySize: 1,
};

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

async function retype(input: HTMLElement, text: string) {
  await userEvent.clear(input);
  if (text) await userEvent.type(input, text);
}

describe('the slot editor', () => {
  it('edits capacity, target, ages, party size and tags into the slot', async () => {
    render(<Harness initial={[registrar]} />);
    const slot = screen.getByRole('group', { name: '登记员' });
    await retype(within(slot).getByLabelText('名额'), '4');
    await retype(within(slot).getByLabelText('至少需要'), '3');
    await retype(within(slot).getByLabelText('最小年龄'), '18');
    await retype(within(slot).getByLabelText('最大年龄'), '70');
    await retype(within(slot).getByLabelText('每次报名最多人数'), '2');
    const tags = within(slot).getByLabelText('所需资格');
    await userEvent.type(tags, 'medical,');
    expect(latest).toEqual([
      {
        ...registrar,
        capacity: 4,
        minNeeded: 3,
        minAge: 18,
        maxAge: 70,
        maxPartySize: 2,
        requiredTags: ['medical'],
      },
    ]);
    // An empty age is "no limit".
    await retype(within(slot).getByLabelText('最大年龄'), '');
    expect(latest[0]?.maxAge).toBeNull();
  });

  it('appointments every N minutes: the interval and the length of each', async () => {
    render(<Harness initial={[registrar, appointment]} />);
    const slot = screen.getByRole('group', { name: '预约接种' });
    const toggle = within(slot).getByRole('checkbox', {
      name: '分时段预约（每隔一段时间一个时段）',
    });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await retype(within(slot).getByLabelText('每隔几分钟一个时段'), '20');
    await retype(within(slot).getByLabelText('每个时段多长（分钟）'), '20');
    expect(latest[1]).toMatchObject({ repeatEveryMinutes: 20, durationMinutes: 20 });
    await userEvent.click(toggle);
    expect(latest[1]?.repeatEveryMinutes).toBeNull();
    expect(latest[1]?.durationMinutes).toBeUndefined();
    expect(within(slot).queryByLabelText('每隔几分钟一个时段')).toBeNull();

    const staff = screen.getByRole('group', { name: '登记员' });
    await userEvent.click(within(staff).getByRole('checkbox'));
    expect(latest[0]).toMatchObject({ repeatEveryMinutes: 30, durationMinutes: 30 });
  });

  it("core's refusal shows at the field: ages the wrong way round, a slot too long", async () => {
    render(<Harness initial={[registrar]} />);
    const slot = screen.getByRole('group', { name: '登记员' });
    await retype(within(slot).getByLabelText('最小年龄'), '60');
    await retype(within(slot).getByLabelText('最大年龄'), '18');
    expect(within(slot).getByRole('alert').textContent).toBe('不能小于 minAge（60）');
    await act(() => i18next.changeLanguage('en'));
    expect(within(slot).getByRole('alert').textContent).toBe('must be at least minAge (60)');
    await retype(within(slot).getByLabelText('Maximum age'), '');

    await userEvent.click(within(slot).getByRole('checkbox'));
    await retype(within(slot).getByLabelText('Length of each time slot (minutes)'), '300');
    expect(within(slot).getByRole('alert').textContent).toBe(
      'the slot ends after the occurrence (offset 0 + duration 300 > 240 minutes)',
    );
  });

  it('adds a slot with a new key and removes one; the last slot stays', async () => {
    render(<Harness initial={[registrar]} />);
    expect(screen.queryByRole('button', { name: /删除岗位/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '添加岗位' }));
    expect(latest.map((slot) => slot.key)).toEqual(['registrar', 'slot-2']);
    const added = screen.getByRole('group', { name: '岗位 2' });
    await userEvent.type(within(added).getByLabelText('岗位名称'), '引导员');
    await userEvent.click(within(added).getByText('居民/参加者'));
    expect(latest[1]).toMatchObject({ name: '引导员', role: 'attendee', capacity: 10 });
    await userEvent.click(screen.getByRole('button', { name: '删除岗位“登记员”' }));
    expect(latest.map((slot) => slot.key)).toEqual(['slot-2']);
    expect(newSlotKey([{ ...registrar, key: 'slot-2' }])).toBe('slot-3');
  });
});
