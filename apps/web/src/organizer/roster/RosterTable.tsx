import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { wallTime } from '../../format/shift-time.ts';
import { type DoorAction, DoorActions } from './DoorActions.tsx';
import type { RosterEntry } from './roster-queries.ts';

/** The roster in join order: status, waitlist position, party, attendance and the door buttons. */
export function RosterTable(props: {
  entries: RosterEntry[];
  busyId: string | undefined;
  onAction: (entry: RosterEntry, action: DoorAction) => void;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<RosterEntry> = [
    {
      title: t('org.roster.order'),
      key: 'order',
      width: 56,
      render: (_, __, index) => index + 1,
    },
    {
      title: t('org.roster.name'),
      key: 'name',
      render: (_, entry) => (
        <>
          <strong>{entry.person.name}</strong>
          {entry.walkIn && <Tag style={{ marginLeft: 6 }}>{t('org.roster.walkInTag')}</Tag>}
          {entry.person.phone && <div className="rota-note">{entry.person.phone}</div>}
        </>
      ),
    },
    {
      title: t('org.roster.status'),
      key: 'status',
      width: 150,
      render: (_, entry) =>
        entry.status === 'waitlisted' ? (
          <Tag color="gold">{t('org.roster.waitlisted', { position: entry.waitlistPosition })}</Tag>
        ) : entry.status === 'cancelled' ? (
          <>
            <Tag>{t('org.roster.cancelled')}</Tag>
            {entry.cancelReason && (
              <div className="rota-note">{t(`org.roster.reasons.${entry.cancelReason}`)}</div>
            )}
          </>
        ) : (
          <Tag color="blue">{t('org.roster.confirmed')}</Tag>
        ),
    },
    {
      title: t('org.roster.party'),
      key: 'party',
      render: (_, entry) => (
        <>
          {t('org.roster.seatsCount', { count: entry.seats })}
          {entry.companions.length > 0 && (
            <div className="rota-note">
              {t('org.roster.companions', {
                names: entry.companions.map((c) => c.name).join('、'),
              })}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('org.roster.attendance'),
      key: 'attendance',
      width: 140,
      render: (_, entry) => {
        if (entry.status !== 'confirmed') return '—';
        if (entry.noShow) return <strong>{t('org.roster.noShow')}</strong>;
        if (!entry.checkedInAt) return t('org.roster.notCheckedIn');
        return (
          <>
            <div>{t('org.roster.checkedInAt', { time: wallTime(entry.checkedInAt) })}</div>
            {entry.checkedOutAt && (
              <div>{t('org.roster.checkedOutAt', { time: wallTime(entry.checkedOutAt) })}</div>
            )}
          </>
        );
      },
    },
    {
      title: t('org.roster.actions'),
      key: 'actions',
      width: 220,
      render: (_, entry) => (
        <DoorActions entry={entry} busy={props.busyId === entry.id} onAction={props.onAction} />
      ),
    },
  ];
  return (
    <Table<RosterEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.entries}
      pagination={false}
      rowClassName={(entry) => (entry.status === 'cancelled' ? 'rota-roster-cancelled' : '')}
      locale={{ emptyText: t('org.roster.empty') }}
      scroll={{ x: 760 }}
    />
  );
}
