import { type Schemas, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, InputNumber } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import { promotedBetween, type RosterEntry, rosterKey } from './roster-queries.ts';

/**
 * Changes the shift's seats. Raising them promotes the waiting list (the API does it in the
 * same transaction); the form then names who moved up, read from the roster before and after.
 */
export function CapacityForm({ shift }: { shift: Schemas['Shift'] }) {
  const { t } = useTranslation();
  const rota = useRota();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [capacity, setCapacity] = useState<number | null>(shift.capacity);
  const [outcome, setOutcome] = useState<{ count: number; promoted: string[] } | undefined>();

  const change = useMutation({
    mutationFn: async (value: number) => {
      const before =
        queryClient.getQueryData<RosterEntry[]>(rosterKey(shift.id)) ??
        (await unwrap(rota.GET('/v1/shifts/{id}/roster', { params: { path: { id: shift.id } } })))
          .items;
      const changed = await unwrap(
        rota.PATCH('/v1/shifts/{id}', {
          params: { path: { id: shift.id } },
          body: { capacity: value },
        }),
      );
      const after = (
        await unwrap(rota.GET('/v1/shifts/{id}/roster', { params: { path: { id: shift.id } } }))
      ).items;
      return { changed, after, promoted: promotedBetween(before, after) };
    },
    onSuccess: ({ changed, after, promoted }) => {
      queryClient.setQueryData(['shift', shift.id], changed);
      queryClient.setQueryData(rosterKey(shift.id), after);
      setOutcome({ count: changed.capacity, promoted: promoted.map((e) => e.person.name) });
    },
    onError: () => setOutcome(undefined),
  });

  return (
    <div>
      <form
        className="rota-org-toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          if (capacity !== null && capacity !== shift.capacity) change.mutate(capacity);
        }}
      >
        <label htmlFor={inputId}>{t('org.roster.capacity')}</label>
        <InputNumber
          id={inputId}
          min={1}
          max={100_000}
          precision={0}
          value={capacity}
          onChange={(value) => setCapacity(typeof value === 'number' ? value : null)}
          style={{ width: 120 }}
        />
        <Button
          htmlType="submit"
          loading={change.isPending}
          disabled={capacity === null || capacity === shift.capacity}
        >
          {t('org.roster.capacitySave')}
        </Button>
      </form>
      <div aria-live="polite">
        {change.isError && (
          <Alert type="error" role="alert" showIcon title={problemText(change.error, t)} />
        )}
        {outcome && (
          <Alert
            type="success"
            showIcon
            title={t('org.roster.capacitySaved', { count: outcome.count })}
            description={
              outcome.promoted.length > 0
                ? t('org.roster.promoted', { names: outcome.promoted.join('、') })
                : t('org.roster.noPromoted')
            }
          />
        )}
      </div>
    </div>
  );
}
