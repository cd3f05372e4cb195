import type { Schemas } from '@rota/client';
import { eventKinds, eventStatuses } from '@rota/core';
import { Alert, Button, Input, Select, Table, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { Link, navigate, useTitle } from '../../app/router.tsx';
import { type EventFilters, type EventStatus, useEvents, useMyUnits } from './event-queries.ts';
import { describeSchedule } from './recurrence/describe-schedule.ts';

/** A status in words, not by colour alone. */
export function StatusTag({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  // Solid dark colours: white text on them reads at 4.5:1 or more (antd's light tags do not).
  const color = status === 'published' ? '#1f6b2f' : status === 'cancelled' ? '#b3261e' : undefined;
  return <Tag color={color}>{t(`org.events.status.${status}`)}</Tag>;
}

/**
 * The Events list: my subtree's events (drafts included) with an occurrence in the window,
 * filtered by unit, kind, status and dates; a row opens the event.
 */
export function EventsPage({ me }: { me: Schemas['Me'] }) {
  const { t, i18n } = useTranslation();
  useTitle(t('org.events.title'), t('app.name'));
  const ids = { unit: useId(), kind: useId(), status: useId(), from: useId(), to: useId() };
  const units = useMyUnits(me);
  const [filters, setFilters] = useState<EventFilters>({
    // Drafts are listed for a unit of the organizer's subtree: start with their own.
    unitId: me.unitId,
    kind: undefined,
    status: undefined,
    from: undefined,
    to: undefined,
  });
  const events = useEvents(filters);
  const set = (patch: Partial<EventFilters>) => setFilters({ ...filters, ...patch });
  const unitName = (id: string) => units.data?.find((unit) => unit.id === id)?.name ?? '';

  return (
    <section aria-labelledby="events-title" className="rota-events-page">
      <div className="rota-page-head">
        <h2 id="events-title">{t('org.events.title')}</h2>
        <Button type="primary" onClick={() => navigate('/organizer/events/new')}>
          {t('org.events.new')}
        </Button>
      </div>
      <form
        className="rota-filters"
        aria-label={t('org.events.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="rota-field">
          <label htmlFor={ids.unit} className="rota-label">
            {t('org.events.form.unit')}
          </label>
          <Select
            id={ids.unit}
            value={filters.unitId ?? ''}
            onChange={(unitId: string) => set({ unitId: unitId || undefined })}
            options={[
              ...(me.role === 'admin' ? [{ value: '', label: t('org.events.anyUnit') }] : []),
              ...(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name })),
            ]}
            style={{ minWidth: 200 }}
          />
        </div>
        <div className="rota-field">
          <label htmlFor={ids.kind} className="rota-label">
            {t('org.events.form.kind')}
          </label>
          <Select
            id={ids.kind}
            value={filters.kind ?? ''}
            onChange={(kind: string) => set({ kind: (kind || undefined) as EventFilters['kind'] })}
            options={[
              { value: '', label: t('org.events.anyKind') },
              ...eventKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) })),
            ]}
            style={{ minWidth: 160 }}
          />
        </div>
        <div className="rota-field">
          <label htmlFor={ids.status} className="rota-label">
            {t('org.events.statusLabel')}
          </label>
          <Select
            id={ids.status}
            value={filters.status ?? ''}
            onChange={(status: string) =>
              set({ status: (status || undefined) as EventFilters['status'] })
            }
            options={[
              { value: '', label: t('org.events.anyStatus') },
              ...eventStatuses.map((status) => ({
                value: status,
                label: t(`org.events.status.${status}`),
              })),
            ]}
            style={{ minWidth: 140 }}
          />
        </div>
        <div className="rota-field">
          <label htmlFor={ids.from} className="rota-label">
            {t('org.events.from')}
          </label>
          <Input
            id={ids.from}
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
        </div>
        <div className="rota-field">
          <label htmlFor={ids.to} className="rota-label">
            {t('org.events.to')}
          </label>
          <Input
            id={ids.to}
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
        </div>
      </form>
      {events.isError && <Alert type="error" showIcon title={problemText(events.error, t)} />}
      <Table<Schemas['Event']>
        rowKey="id"
        loading={events.isPending}
        dataSource={events.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // antd's grey placeholder text is below 4.5:1 on white: ours is darker.
        locale={{ emptyText: <p className="rota-empty">{t('org.events.empty')}</p> }}
        columns={[
          {
            title: t('org.events.form.title'),
            key: 'title',
            render: (_, event) => (
              <Link to={`/organizer/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
            ),
          },
          {
            title: t('org.events.form.kind'),
            key: 'kind',
            render: (_, event) => t(`kinds.${event.kind}`),
          },
          { title: t('org.events.form.unit'), key: 'unit', render: (_, e) => unitName(e.unitId) },
          {
            title: t('org.events.schedule'),
            key: 'schedule',
            render: (_, event) =>
              describeSchedule(
                {
                  start: event.start,
                  rrule: event.recurrence?.rrule ?? null,
                  exdates: event.recurrence?.exdates ?? [],
                  rdates: event.recurrence?.rdates ?? [],
                },
                t,
                i18n.language,
              ),
          },
          {
            title: t('org.events.statusLabel'),
            key: 'status',
            render: (_, event) => <StatusTag status={event.status} />,
          },
        ]}
      />
    </section>
  );
}
