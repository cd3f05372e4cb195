// The recurrence editor as an organizer uses it: a preset chosen in words, the sentence and
// the preview following it in both languages (DST zones included), dates skipped and moved by
// clicking, and a custom RRULE checked with the server's own message.
import type { FieldError } from '@rota/core';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecurrenceEditor } from '../src/organizer/events/RecurrenceEditor.tsx';
import { checkEventInput } from '../src/organizer/events/recurrence/check-event-input.ts';
import {
  emptyRecurrence,
  type RecurrenceValue,
  recurrenceOf,
} from '../src/organizer/events/recurrence/recurrence-value.ts';

// Many clicks and keystrokes through antd on two shared cores: more than the 20 s default.
vi.setConfig({ testTimeout: 60_000 });

let latest: RecurrenceValue = emptyRecurrence;

/** The editor with its state and core's check, as the event form wires it. */
function Harness(props: { start: string; timeZone: string; initial?: Partial<RecurrenceValue> }) {
  const [value, setValue] = useState<RecurrenceValue>({ ...emptyRecurrence, ...props.initial });
  const [start, setStart] = useState(props.start);
  useTranslation(); // re-renders on a language switch, as the event form does
  latest = value;
  const recurrence = recurrenceOf(value, start.slice(0, 10));
  const errors: FieldError[] = checkEventInput(
    {
      unitId: 'u1',
      kind: 'general',
      template: 'general',
      title: 'x',
      start,
      timeZone: props.timeZone,
      ...(recurrence ? { recurrence } : {}),
    },
    i18next.language === 'en' ? 'en' : 'zh-CN',
  );
  return (
    <RecurrenceEditor
      value={value}
      onChange={setValue}
      start={start}
      timeZone={props.timeZone}
      durationMinutes={90}
      errors={errors}
      onStartChange={setStart}
    />
  );
}

const previewItems = () =>
  within(screen.getByRole('list', { name: /接下来的场次|Next occurrences/ }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

/** The date of each preview line ("12/19周六"). */
const previewDates = () => previewItems().map((text) => text?.split(' ')[0]);

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('the recurrence editor', () => {
  it('says "every Saturday, 4 times" and previews 4 Saturdays; English is one switch away', async () => {
    render(<Harness start="2026-12-12T09:00" timeZone="Asia/Shanghai" />);
    expect(screen.getByRole('radio', { name: '每周六' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '每月第二个周六' })).toBeTruthy();
    expect(screen.getByText('每周六 09:00，共 4 次')).toBeTruthy();
    expect(previewItems()).toEqual([
      expect.stringContaining('12/12周六 09:00–10:30'),
      expect.stringContaining('12/19周六 09:00–10:30'),
      expect.stringContaining('12/26周六 09:00–10:30'),
      expect.stringContaining('1/2周六 09:00–10:30'),
    ]);

    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByRole('radio', { name: 'Every Saturday' })).toBeTruthy();
    expect(screen.getByText('Every Saturday at 09:00, 4 times')).toBeTruthy();
    expect(previewItems()[0]).toContain('Sat 12 Dec, 09:00–10:30');
  });

  it('the count and the presets change rule, sentence and preview together', async () => {
    render(<Harness start="2027-01-04T14:00" timeZone="Asia/Shanghai" />);
    const count = screen.getByRole('spinbutton', { name: '次数' });
    await userEvent.clear(count);
    await userEvent.type(count, '3');
    expect(screen.getByText('每周一 14:00，共 3 次')).toBeTruthy();
    expect(previewItems()).toHaveLength(3);

    await userEvent.click(screen.getByRole('radio', { name: '每月第一个周一' }));
    expect(screen.getByText('每月第一个周一 14:00，共 3 次')).toBeTruthy();
    expect(previewDates()).toEqual(['1/4周一', '2/1周一', '3/1周一']);

    await userEvent.click(screen.getByRole('radio', { name: '每个工作日（周一至周五）' }));
    expect(screen.getByText('每个工作日 14:00，共 3 次')).toBeTruthy();
    expect(previewDates()).toEqual(['1/4周一', '1/5周二', '1/6周三']);

    await userEvent.click(screen.getByRole('radio', { name: '仅一次' }));
    expect(screen.getByText('仅一次：2027年1月4日周一 14:00')).toBeTruthy();
    expect(previewItems()).toHaveLength(1);
    expect(latest.preset).toBe('once');
  });

  it('across the Berlin spring-forward: 09:00 stays 09:00, the offset changes', async () => {
    render(<Harness start="2027-03-20T09:00" timeZone="Europe/Berlin" />);
    expect(screen.getByText('每周六 09:00，共 4 次')).toBeTruthy();
    const items = previewItems();
    expect(items[0]).toContain('3/20周六 09:00–10:30');
    expect(items[0]).toContain('UTC+01:00');
    expect(items[1]).toContain('3/27周六 09:00–10:30');
    expect(items[1]).toContain('UTC+01:00');
    expect(items[2]).toContain('4/3周六 09:00–10:30');
    expect(items[2]).toContain('UTC+02:00');
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByText(/Local time in Europe\/Berlin/)).toBeTruthy();
    expect(previewItems()[2]).toContain('Sat 3 Apr, 09:00–10:30');
  });

  it('a click on a date skips it (EXDATE) and a second brings it back', async () => {
    render(<Harness start="2026-12-12T09:00" timeZone="Asia/Shanghai" />);
    const second = screen.getByRole('button', { name: '跳过 12/19周六 09:00–10:30' });
    expect(second.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(second);
    // The same button (keyboard focus stays on it).
    expect(second.isConnected).toBe(true);
    expect(second.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('已跳过')).toBeTruthy();
    expect(screen.getByText('每周六 09:00，共 4 次，跳过 1 次')).toBeTruthy();
    expect(latest.skips).toEqual(['2026-12-19T09:00:00']);
    // Skipped, still listed: RFC 5545 counts it, so three remain, not four.
    expect(previewItems()).toHaveLength(4);
    await userEvent.click(second);
    expect(latest.skips).toEqual([]);
    expect(screen.getByText('每周六 09:00，共 4 次')).toBeTruthy();
  });

  it('moves one week: the old date is left out, the new one added and listed', async () => {
    render(<Harness start="2026-12-12T09:00" timeZone="Asia/Shanghai" />);
    await userEvent.click(screen.getByRole('button', { name: '把 12/26周六 09:00–10:30 改期' }));
    const to = screen.getByLabelText('12/26周六 09:00–10:30 改到');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-12-27T14:30');
    await userEvent.click(screen.getByRole('button', { name: '确定改期' }));
    expect(latest.moves).toEqual([{ from: '2026-12-26T09:00:00', to: '2026-12-27T14:30:00' }]);
    expect(screen.getByText('改到 2026-12-27 14:30')).toBeTruthy();
    expect(screen.getByText('改期后的时间')).toBeTruthy();
    expect(screen.getByText('每周六 09:00，共 4 次，跳过 1 次，另加 1 次')).toBeTruthy();
    expect(previewDates()).toEqual(['12/12周六', '12/19周六', '12/26周六', '12/27周日', '1/2周六']);
  });

  it("a custom RRULE is checked as the server checks it, with the server's message", async () => {
    render(<Harness start="2026-12-11T09:00" timeZone="Asia/Shanghai" />);
    await userEvent.click(screen.getByRole('radio', { name: '自定义规则（RRULE）' }));
    const rule = screen.getByLabelText('RRULE 规则');
    await userEvent.type(rule, 'FREQ=FORTNIGHTLY');
    expect(screen.getByRole('alert').textContent).toBe('unknown FREQ FORTNIGHTLY');
    expect(rule.getAttribute('aria-invalid')).toBe('true');

    await userEvent.clear(rule);
    await userEvent.type(rule, 'FREQ=WEEKLY;BYDAY=SA;COUNT=2');
    // Friday 11 December is not a Saturday: the server's message, and its fix one click away.
    expect(
      screen.getByText('重复规则不会产生该开始时间：规则的第一次是 2026-12-12T09:00，请从那时开始'),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '改为从 2026-12-12 09:00 开始' }));
    expect(screen.getByText('每周六 09:00，共 2 次')).toBeTruthy();
    expect(previewItems()).toHaveLength(2);
  });
});
