import type { Schemas } from '@rota/client';
import { Alert, Button, Checkbox, Empty, Input, Radio, Spin } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text.ts';
import { usePerson, useShiftSearch } from '../api/queries.ts';
import { useTitle } from '../app/router.tsx';
import { whyNotEligible } from '../eligibility/why-not-eligible.ts';
import { ShiftCard } from './ShiftCard.tsx';

const KINDS = [
  'cleanup_drive',
  'parent_child',
  'elderly_class',
  'vaccination_clinic',
  'home_visit',
  'inspection',
  'general',
] as const;

/**
 * "Find a shift": shifts in my unit's subtree by default (or everywhere), filtered by date,
 * kind, "eligible for me" and "seats left", each card saying why not when I cannot join.
 */
export function FindShiftsPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  useTitle(t('find.title'), t('app.name'));
  const ids = { date: useId(), kind: useId(), scope: useId() };
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number] | ''>('');
  const [eligibleOnly, setEligibleOnly] = useState(false);
  const [seatsLeftOnly, setSeatsLeftOnly] = useState(false);
  const person = usePerson(me.personId);
  const search = useShiftSearch({
    unitId: scope === 'mine' ? me.unitId : undefined,
    date: date || undefined,
    kind: kind || undefined,
    eligibleFor: eligibleOnly ? me.personId : undefined,
    available: seatsLeftOnly,
  });
  const shifts = search.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="find-title">
      <h2 id="find-title">{t('find.title')}</h2>
      <p>{t('find.hello', { name: me.name })}</p>
      <form className="rota-filters" onSubmit={(event) => event.preventDefault()}>
        <span id={ids.scope} style={{ fontWeight: 600 }}>
          {t('find.scope')}
        </span>
        <Radio.Group
          aria-labelledby={ids.scope}
          optionType="button"
          value={scope}
          onChange={(event) => setScope(event.target.value)}
          options={[
            { value: 'mine', label: t('find.scopeMine', { unit: me.unitName ?? '' }) },
            { value: 'all', label: t('find.scopeAll') },
          ]}
        />
        <div className="rota-filter-row">
          <div>
            <label htmlFor={ids.date}>{t('find.date')}</label>
            <Input
              id={ids.date}
              type="date"
              value={date}
              onChange={(event) => setDate(event.target.value)}
              placeholder={t('find.dateAny')}
              allowClear
            />
          </div>
          <div>
            <label htmlFor={ids.kind}>{t('find.kind')}</label>
            {/* The phone's own picker: larger, familiar, and read out by every screen reader. */}
            <select
              id={ids.kind}
              className="rota-select"
              value={kind}
              onChange={(event) => setKind(event.target.value as typeof kind)}
            >
              <option value="">{t('find.kindAny')}</option>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`kinds.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Checkbox
          className="rota-check"
          checked={eligibleOnly}
          onChange={(event) => setEligibleOnly(event.target.checked)}
        >
          {t('find.eligibleOnly')}
        </Checkbox>
        <Checkbox
          className="rota-check"
          checked={seatsLeftOnly}
          onChange={(event) => setSeatsLeftOnly(event.target.checked)}
        >
          {t('find.seatsLeftOnly')}
        </Checkbox>
      </form>
      <p className="rota-note">{t('shift.localTime')}</p>
      {search.isError && <Alert type="error" role="alert" title={problemText(search.error, t)} />}
      {search.isPending ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : shifts.length === 0 ? (
        <Empty description={t('find.empty')} />
      ) : (
        <>
          <p aria-live="polite">{t('find.count', { count: shifts.length })}</p>
          {shifts.map((shift) => (
            <ShiftCard
              key={shift.id}
              shift={shift}
              notEligible={person.data ? whyNotEligible(shift, person.data) : undefined}
            />
          ))}
          {search.hasNextPage && (
            <Button
              block
              onClick={() => search.fetchNextPage()}
              loading={search.isFetchingNextPage}
            >
              {t('find.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
