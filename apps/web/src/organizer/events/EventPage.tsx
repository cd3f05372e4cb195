import type { Schemas } from '@rota/client';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Spin, Table, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { Link, navigate, useTitle } from '../../app/router.tsx';
import { shiftWhen } from '../../format/shift-time.ts';
import { StatusTag } from './EventsPage.tsx';
import {
  useCancelEvent,
  useChangeOccurrence,
  useEvent,
  useOccurrences,
  usePublishEvent,
} from './event-queries.ts';
import { describeSchedule } from './recurrence/describe-schedule.ts';

type Occurrence = Schemas['Occurrence'];

/** A dialog asking for a reason (cancel the event, or one occurrence). */
function ReasonDialog(props: {
  title: string;
  confirm: string;
  open: boolean;
  busy: boolean;
  error?: string | undefined;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onClose}
      destroyOnHidden
      footer={[
        <Button key="keep" onClick={props.onClose}>
          {t('org.events.keep')}
        </Button>,
        <Button
          key="go"
          danger
          type="primary"
          loading={props.busy}
          onClick={() => props.onConfirm(reason)}
        >
          {props.confirm}
        </Button>,
      ]}
    >
      <label htmlFor={id} className="rota-label">
        {t('org.events.reason')}
      </label>
      <Input.TextArea
        id={id}
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <p className="rota-help">{t('org.events.reasonHelp')}</p>
      {props.error && <Alert type="error" showIcon title={props.error} />}
    </Modal>
  );
}

/** A dialog asking for the occurrence's new local start. */
function MoveDialog(props: {
  occurrence: Occurrence | null;
  busy: boolean;
  error?: string | undefined;
  onConfirm(start: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  // null until edited: the field starts at the occurrence's own start.
  const [start, setStart] = useState<string | null>(null);
  const current = props.occurrence?.localStart.slice(0, 16) ?? '';
  return (
    <Modal
      title={t('org.events.occurrence.moveTitle')}
      open={props.occurrence !== null}
      onCancel={props.onClose}
      destroyOnHidden
      footer={[
        <Button key="keep" onClick={props.onClose}>
          {t('org.events.keep')}
        </Button>,
        <Button
          key="go"
          type="primary"
          loading={props.busy}
          onClick={() => props.onConfirm(start || current)}
          disabled={start === ''}
        >
          {t('org.events.occurrence.moveConfirm')}
        </Button>,
      ]}
    >
      <label htmlFor={id} className="rota-label">
        {t('org.events.occurrence.newStart')}
      </label>
      <Input
        id={id}
        type="datetime-local"
        value={start ?? current}
        onChange={(e) => setStart(e.target.value)}
      />
      <p className="rota-help">{t('org.events.occurrence.moveHelp')}</p>
      {props.error && <Alert type="error" showIcon title={props.error} />}
    </Modal>
  );
}

/**
 * One event: what it is and when, publish (a draft), edit, cancel; its occurrences with their
 * shifts (seats taken, a link to each roster), each cancelled with a reason or moved.
 */
export function EventPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const event = useEvent(id);
  const occurrences = useOccurrences(id);
  const publish = usePublishEvent();
  const cancelEvent = useCancelEvent();
  const change = useChangeOccurrence();
  const [cancelling, setCancelling] = useState(false);
  const [cancellingOccurrence, setCancellingOccurrence] = useState<Occurrence | null>(null);
  const [moving, setMoving] = useState<Occurrence | null>(null);
  useTitle(event.data?.title ?? t('org.events.title'), t('app.name'));

  if (event.isPending) return <Spin />;
  if (event.isError) return <Alert type="error" showIcon title={problemText(event.error, t)} />;
  const e = event.data;
  const editable = e.status !== 'cancelled';
  const schedule = describeSchedule(
    {
      start: e.start,
      rrule: e.recurrence?.rrule ?? null,
      exdates: e.recurrence?.exdates ?? [],
      rdates: e.recurrence?.rdates ?? [],
    },
    t,
    i18n.language,
  );
  const changeError = change.isError ? problemText(change.error, t) : undefined;

  return (
    <section aria-labelledby="event-title" className="rota-events-page">
      <p>
        <Link to="/organizer/events">{t('org.events.back')}</Link>
      </p>
      <div className="rota-page-head">
        <h2 id="event-title">{e.title}</h2>
        <StatusTag status={e.status} />
      </div>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'kind', label: t('org.events.form.kind'), children: t(`kinds.${e.kind}`) },
          { key: 'schedule', label: t('org.events.schedule'), children: schedule },
          {
            key: 'zone',
            label: t('org.events.form.timeZone'),
            children: e.timeZone,
          },
          {
            key: 'place',
            label: t('org.events.form.place'),
            children: e.location
              ? `${e.location.name}${e.location.address ? ` · ${e.location.address}` : ''}`
              : '—',
          },
          {
            key: 'slots',
            label: t('org.events.form.slots'),
            children: e.slots
              .map((slot) =>
                t('org.events.slotSummary', { name: slot.name, capacity: slot.capacity }),
              )
              .join(i18n.language === 'en' ? '; ' : '；'),
          },
          ...(e.cancelReason
            ? [{ key: 'reason', label: t('org.events.reason'), children: e.cancelReason }]
            : []),
        ]}
      />
      {publish.isError && <Alert type="error" showIcon title={problemText(publish.error, t)} />}
      <Space wrap className="rota-actions">
        {e.status === 'draft' && (
          <Button
            type="primary"
            loading={publish.isPending}
            onClick={() =>
              publish.mutate(e.id, {
                onSuccess: () => void message.success(t('org.events.published')),
              })
            }
          >
            {t('org.events.publish')}
          </Button>
        )}
        {editable && (
          <Button onClick={() => navigate(`/organizer/events/${encodeURIComponent(e.id)}/edit`)}>
            {t('org.events.editEvent')}
          </Button>
        )}
        {editable && (
          <Button danger onClick={() => setCancelling(true)}>
            {t('org.events.cancelEvent')}
          </Button>
        )}
      </Space>

      <h3 id="occurrences-title">{t('org.events.occurrences')}</h3>
      {occurrences.isError && (
        <Alert type="error" showIcon title={problemText(occurrences.error, t)} />
      )}
      <Table<Occurrence>
        aria-labelledby="occurrences-title"
        rowKey="id"
        loading={occurrences.isPending}
        dataSource={occurrences.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // antd's grey placeholder text is below 4.5:1 on white: ours is darker.
        locale={{ emptyText: <p className="rota-empty">{t('org.events.noOccurrences')}</p> }}
        columns={[
          {
            title: t('org.events.occurrence.when'),
            key: 'when',
            render: (_, o) => (
              <span>
                {shiftWhen(o.start, o.end, i18n.language)}
                {o.localStart !== o.originalLocalStart && (
                  <Tag style={{ marginInlineStart: 8 }}>
                    {t('org.events.occurrence.moved', {
                      from: o.originalLocalStart.slice(0, 16).replace('T', ' '),
                    })}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('org.events.statusLabel'),
            key: 'status',
            render: (_, o) =>
              o.status === 'cancelled' ? (
                <span>
                  <Tag color="#b3261e">{t('org.events.occurrence.cancelled')}</Tag>
                  {o.cancelReason}
                </span>
              ) : (
                <Tag>{t('org.events.occurrence.scheduled')}</Tag>
              ),
          },
          {
            title: t('org.events.occurrence.shifts'),
            key: 'shifts',
            render: (_, o) => (
              <ul className="rota-shift-list">
                {o.shifts.map((shift) => (
                  <li key={shift.id}>
                    <Link to={`/organizer/shifts/${encodeURIComponent(shift.id)}`}>
                      {t('org.events.occurrence.seats', {
                        name: shift.name,
                        time: shift.start.slice(11, 16),
                        taken: shift.seatsTaken,
                        capacity: shift.capacity,
                      })}
                    </Link>
                    {shift.understaffed && (
                      <Tag color="#8a4b00" style={{ marginInlineStart: 8 }}>
                        {t('org.events.occurrence.understaffed', { need: shift.minNeeded })}
                      </Tag>
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            title: t('org.events.occurrence.actions'),
            key: 'actions',
            render: (_, o) =>
              editable && o.status === 'scheduled' ? (
                <Space wrap>
                  <Button
                    aria-label={t('org.events.occurrence.cancelOne', {
                      when: shiftWhen(o.start, o.end, i18n.language),
                    })}
                    danger
                    onClick={() => {
                      change.reset();
                      setCancellingOccurrence(o);
                    }}
                  >
                    {t('org.events.occurrence.cancel')}
                  </Button>
                  <Button
                    aria-label={t('org.events.occurrence.moveOne', {
                      when: shiftWhen(o.start, o.end, i18n.language),
                    })}
                    onClick={() => {
                      change.reset();
                      setMoving(o);
                    }}
                  >
                    {t('org.events.occurrence.move')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />

      <ReasonDialog
        title={t('org.events.cancelEventTitle', { title: e.title })}
        confirm={t('org.events.cancelEventConfirm')}
        open={cancelling}
        busy={cancelEvent.isPending}
        error={cancelEvent.isError ? problemText(cancelEvent.error, t) : undefined}
        onClose={() => setCancelling(false)}
        onConfirm={(reason) =>
          cancelEvent.mutate(
            { id: e.id, reason },
            {
              onSuccess: () => {
                setCancelling(false);
                void message.success(t('org.events.cancelledEvent'));
              },
            },
          )
        }
      />
      <ReasonDialog
        key={`cancel-${cancellingOccurrence?.id ?? ''}`}
        title={t('org.events.occurrence.cancelTitle', {
          when: cancellingOccurrence
            ? shiftWhen(cancellingOccurrence.start, cancellingOccurrence.end, i18n.language)
            : '',
        })}
        confirm={t('org.events.occurrence.cancelConfirm')}
        open={cancellingOccurrence !== null}
        busy={change.isPending}
        error={changeError}
        onClose={() => setCancellingOccurrence(null)}
        onConfirm={(reason) =>
          cancellingOccurrence &&
          change.mutate(
            {
              id: cancellingOccurrence.id,
              change: { status: 'cancelled', ...(reason.trim() ? { reason: reason.trim() } : {}) },
            },
            {
              onSuccess: () => {
                setCancellingOccurrence(null);
                void message.success(t('org.events.occurrence.cancelledOne'));
              },
            },
          )
        }
      />
      <MoveDialog
        // A fresh field for each occurrence.
        key={`move-${moving?.id ?? ''}`}
        occurrence={moving}
        busy={change.isPending}
        error={changeError}
        onClose={() => setMoving(null)}
        onConfirm={(start) =>
          moving &&
          change.mutate(
            { id: moving.id, change: { start } },
            {
              onSuccess: () => {
                setMoving(null);
                void message.success(t('org.events.occurrence.movedOne'));
              },
            },
          )
        }
      />
    </section>
  );
}
