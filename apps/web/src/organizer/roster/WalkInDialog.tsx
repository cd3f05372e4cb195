import { idempotent, type Schemas, unwrap } from '@rota/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Modal, Radio, Spin } from 'antd';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import { Link } from '../../app/router.tsx';
import { rosterKey } from './roster-queries.ts';

/** People of the organizer's subtree whose name, pinyin or phone matches `q`. */
function usePeopleSearch(q: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'people', 'search', q],
    enabled: q.trim().length > 0,
    queryFn: () =>
      unwrap(rota.GET('/v1/people', { params: { query: { q: q.trim(), limit: 10 } } })),
    staleTime: 30_000,
  });
}

const BOUND_MS = 4 * 60 * 60 * 1000;
function nearShift(shift: Schemas['Shift'], now = Date.now()): boolean {
  return now >= Date.parse(shift.start) - BOUND_MS && now <= Date.parse(shift.end) + BOUND_MS;
}

/**
 * A walk-in: someone who came without signing up, recorded by the organizer at the door
 * (the API allows it on a shift that has started, marked `walkIn`), checked in at once.
 */
export function WalkInDialog(props: {
  shift: Schemas['Shift'];
  open: boolean;
  onClose: (recorded?: { name: string; signup: Schemas['Signup'] }) => void;
}) {
  const { t } = useTranslation();
  const rota = useRota();
  const queryClient = useQueryClient();
  const ids = { search: useId(), people: useId() };
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const people = usePeopleSearch(query);
  const [personId, setPersonId] = useState<string | undefined>();
  // Checking in "now" is allowed near the shift (the API's attendance bounds): on by default
  // then, off for a shift days away (an organizer signing someone up ahead).
  const [checkIn, setCheckIn] = useState(() => nearShift(props.shift));
  const [key] = useState(() => idempotent());
  const chosen = people.data?.items.find((p) => p.id === personId);

  const record = useMutation({
    mutationFn: () =>
      unwrap(
        rota.POST('/v1/signups', {
          params: { header: key },
          body: {
            shiftId: props.shift.id,
            personId: personId ?? '',
            ...(checkIn ? { checkIn } : {}),
          },
        }),
      ),
    onSuccess: (signup) => {
      void queryClient.invalidateQueries({ queryKey: rosterKey(props.shift.id) });
      void queryClient.invalidateQueries({ queryKey: ['shift', props.shift.id] });
      props.onClose({ name: chosen?.name ?? '', signup });
    },
  });

  return (
    <Modal
      open={props.open}
      title={t('org.roster.walkInTitle')}
      onCancel={() => props.onClose()}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={() => props.onClose()}>
          {t('org.roster.walkInCancel')}
        </Button>,
        <Button
          key="record"
          type="primary"
          disabled={!personId}
          loading={record.isPending}
          onClick={() => record.mutate()}
        >
          {t('org.roster.walkInRecord')}
        </Button>,
      ]}
    >
      <p className="rota-note">{t('org.roster.walkInHelp')}</p>
      {props.shift.seatsLeft < 1 && (
        <Alert type="warning" showIcon title={t('org.roster.walkInFull')} />
      )}
      <label htmlFor={ids.search} style={{ fontWeight: 600 }}>
        {t('org.roster.walkInSearch')}
      </label>
      <Input
        id={ids.search}
        value={q}
        autoComplete="off"
        onChange={(event) => {
          setQ(event.target.value);
          setPersonId(undefined);
        }}
        placeholder={t('org.roster.walkInSearchHint')}
      />
      <div style={{ margin: '8px 0', minHeight: 48 }}>
        {people.isFetching && <Spin size="small" />}
        {people.isError && (
          <Alert type="error" role="alert" showIcon title={problemText(people.error, t)} />
        )}
        {people.data && people.data.items.length === 0 && (
          <p>
            {t('org.roster.walkInNobody')}{' '}
            <Link to="/organizer/people">{t('org.roster.walkInAddPerson')}</Link>
          </p>
        )}
        {people.data && people.data.items.length > 0 && (
          <Radio.Group
            aria-label={t('org.roster.walkInPeople')}
            className="rota-walkin-people"
            value={personId}
            onChange={(event) => setPersonId(event.target.value)}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={people.data.items.map((p) => ({
              value: p.id,
              label: p.phone ? `${p.name}（${p.phone}）` : p.name,
            }))}
          />
        )}
      </div>
      <Checkbox
        className="rota-check"
        checked={checkIn}
        onChange={(event) => setCheckIn(event.target.checked)}
      >
        {t('org.roster.walkInCheckIn')}
      </Checkbox>
      {record.isError && (
        <Alert type="error" role="alert" showIcon title={problemText(record.error, t)} />
      )}
    </Modal>
  );
}
