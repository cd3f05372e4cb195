import { ReloadOutlined } from '@ant-design/icons';
import type { Schemas } from '@rota/client';
import { Alert, Button, Spin, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { Link, useTitle } from '../../app/router.tsx';
import { shiftWhen } from '../../format/shift-time.ts';
import { type OrganizerPageProps, rosterPath } from '../organizer-routes.tsx';
import { useDraftEvents, useWeekShifts, weekWindow } from './this-week-queries.ts';

type Shift = Schemas['Shift'];

function Section(props: { title: string; help?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="rota-org-section" aria-labelledby={id}>
      <h3 id={id}>{props.title}</h3>
      {props.help && <p className="rota-note">{props.help}</p>}
      {props.children}
    </section>
  );
}

function useShiftColumns(): ColumnsType<Shift> {
  const { t, i18n } = useTranslation();
  return [
    {
      title: t('org.week.when'),
      key: 'when',
      width: 190,
      render: (_, shift) => shiftWhen(shift.start, shift.end, i18n.language),
    },
    {
      title: `${t('org.week.event')} / ${t('org.week.shift')}`,
      key: 'event',
      render: (_, shift) => (
        <>
          <strong>{shift.event.title}</strong>
          {shift.status === 'draft' && <Tag style={{ marginLeft: 8 }}>{t('org.week.draft')}</Tag>}
          <br />
          <Link to={rosterPath(shift.id)}>{shift.name}</Link>
        </>
      ),
    },
    {
      title: t('org.week.seats'),
      key: 'seats',
      width: 120,
      render: (_, shift) => (
        <>
          {t('org.week.seatsValue', { taken: shift.seatsTaken, capacity: shift.capacity })}
          {shift.seatsLeft === 0 && <Tag style={{ marginLeft: 6 }}>{t('org.week.full')}</Tag>}
        </>
      ),
    },
    {
      title: t('org.week.target'),
      key: 'target',
      width: 120,
      render: (_, shift) =>
        shift.minNeeded > 0 ? (
          <>
            {shift.minNeeded}
            {shift.understaffed && (
              <div className="rota-warning">
                {t('org.week.short', { count: shift.minNeeded - shift.seatsTaken })}
              </div>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('org.week.waitlist'),
      key: 'waitlist',
      width: 90,
      render: (_, shift) =>
        shift.waitlistCount > 0 ? t('org.week.waitlistValue', { count: shift.waitlistCount }) : '—',
    },
    {
      title: t('org.week.roster'),
      key: 'roster',
      width: 90,
      render: (_, shift) => (
        <Link
          to={rosterPath(shift.id)}
          label={t('org.week.rosterOf', { shift: shift.name, event: shift.event.title })}
        >
          {t('org.week.roster')}
        </Link>
      ),
    },
  ];
}

/**
 * "This week": for the organizer's subtree, today's shifts, the understaffed ones and those
 * with a waiting list in the next 7 days, and the events still in draft; every shift one
 * click from its roster.
 */
export default function ThisWeekPage({ me }: OrganizerPageProps) {
  const { t } = useTranslation();
  useTitle(t('org.week.title'), t('app.name'));
  const window = useMemo(() => weekWindow(), []);
  const unitId = me.role === 'admin' ? undefined : me.unitId;
  const shifts = useWeekShifts(unitId, window.from, window.to);
  const drafts = useDraftEvents(unitId, window.from);
  const columns = useShiftColumns();

  const items = shifts.data?.items ?? [];
  const today = items.filter((s) => Date.parse(s.start) < Date.parse(window.todayEnd));
  const open = items.filter((s) => s.status === 'open');
  const understaffed = open.filter((s) => s.understaffed);
  const waitlisted = open.filter((s) => s.waitlistCount > 0);

  const table = (rows: Shift[], empty: string) => (
    <Table<Shift>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: empty }}
      scroll={{ x: 720 }}
    />
  );

  return (
    <>
      <div className="rota-org-toolbar">
        <h2 style={{ flex: 1, margin: 0 }}>{t('org.week.title')}</h2>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => {
            void shifts.refetch();
            void drafts.refetch();
          }}
        >
          {t('org.week.refresh')}
        </Button>
      </div>
      <p className="rota-note">
        {unitId ? t('org.week.scope', { unit: me.unitName ?? me.name }) : t('org.week.scopeAll')}
      </p>
      {shifts.isError && (
        <Alert type="error" role="alert" showIcon title={problemText(shifts.error, t)} />
      )}
      {shifts.data?.truncated && <Alert type="warning" showIcon title={t('org.week.more')} />}
      {shifts.isPending ? (
        <Spin />
      ) : (
        <>
          <Section title={t('org.week.today')}>{table(today, t('org.week.todayEmpty'))}</Section>
          <Section title={t('org.week.understaffed')} help={t('org.week.understaffedHelp')}>
            {table(understaffed, t('org.week.understaffedEmpty'))}
          </Section>
          <Section title={t('org.week.waitlists')} help={t('org.week.waitlistsHelp')}>
            {table(waitlisted, t('org.week.waitlistsEmpty'))}
          </Section>
        </>
      )}
      <Section title={t('org.week.drafts')} help={t('org.week.draftsHelp')}>
        {drafts.isError && (
          <Alert type="error" role="alert" showIcon title={problemText(drafts.error, t)} />
        )}
        {drafts.isPending ? (
          <Spin />
        ) : (
          <Table<Schemas['Event']>
            rowKey="id"
            size="middle"
            dataSource={drafts.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('org.week.draftsEmpty') }}
            columns={[
              {
                title: t('org.week.event'),
                key: 'title',
                render: (_, event) => <strong>{event.title}</strong>,
              },
              {
                title: t('org.week.eventStart'),
                key: 'start',
                render: (_, event) =>
                  `${event.start.replace('T', ' ').slice(0, 16)} (${event.timeZone})`,
              },
              {
                title: t('org.week.actions'),
                key: 'open',
                width: 120,
                render: (_, event) => (
                  <Link
                    to={`/organizer/events/${encodeURIComponent(event.id)}`}
                    label={t('org.week.editDraftOf', { title: event.title })}
                  >
                    {t('org.week.editDraft')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Section>
    </>
  );
}
