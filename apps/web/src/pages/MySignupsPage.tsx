import { CheckCircleOutlined, CloseCircleOutlined, HourglassOutlined } from '@ant-design/icons';
import { type Schemas, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text.ts';
import { useHours, useMySignups } from '../api/queries.ts';
import { useRota } from '../api/rota-context.tsx';
import { useTitle } from '../app/router.tsx';
import { formatMinutes } from '../format/duration.ts';
import { shiftWhen } from '../format/shift-time.ts';
import { CalendarCard } from './CalendarCard.tsx';

type Signup = Schemas['SignupWithShift'];
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function SignupCard({
  signup,
  minutes,
  onCancel,
}: {
  signup: Signup;
  minutes?: number | undefined;
  onCancel?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const companions = signup.companions.map((c) => c.name).join('、');
  return (
    <Card className="rota-card" size="small">
      <article aria-label={signup.event.title}>
        <h3>{signup.event.title}</h3>
        <div>
          {signup.status === 'cancelled' ? (
            <Tag icon={<CloseCircleOutlined aria-hidden />}>{t('mine.cancelledTag')}</Tag>
          ) : signup.status === 'waitlisted' ? (
            <Tag icon={<HourglassOutlined aria-hidden />}>
              {t('mine.position', { position: signup.waitlistPosition })}
            </Tag>
          ) : (
            <Tag icon={<CheckCircleOutlined aria-hidden />}>{t('mine.confirmed')}</Tag>
          )}
          <span>{signup.shift.name}</span>
        </div>
        <p style={{ margin: '4px 0' }}>
          {shiftWhen(signup.shift.start, signup.shift.end, i18n.language)}
        </p>
        {signup.seats > 1 && (
          <p style={{ margin: '4px 0' }}>
            {t('mine.seats', { count: signup.seats })}
            {companions ? ` · ${t('mine.companions', { names: companions })}` : ''}
          </p>
        )}
        {signup.status === 'waitlisted' && <p className="rota-note">{t('mine.positionHelp')}</p>}
        {signup.status === 'cancelled' && signup.cancelReason && (
          <p className="rota-note">{t(`mine.cancelReason.${signup.cancelReason}`)}</p>
        )}
        {/* The office's own words (rain, next week's date), as written: never cut short. */}
        {signup.status === 'cancelled' && signup.cancelNote && (
          <p className="rota-office-note">{t('mine.officeNote', { note: signup.cancelNote })}</p>
        )}
        {minutes !== undefined && (
          <p style={{ margin: '4px 0' }}>
            {minutes > 0
              ? t('mine.hours', { hours: formatMinutes(minutes, t) })
              : t('mine.noHours')}
          </p>
        )}
        {onCancel && (
          <div className="rota-actions">
            <Button danger onClick={onCancel}>
              {t('mine.cancel')}
            </Button>
          </div>
        )}
      </article>
    </Card>
  );
}

/**
 * "My signups": upcoming, waitlisted (position kept fresh), past with hours; cancel with a
 * confirmation; add to my calendar.
 */
export function MySignupsPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  useTitle(t('mine.title'), t('app.name'));
  const { modal, message } = App.useApp();
  const rota = useRota();
  const queryClient = useQueryClient();
  const signups = useMySignups(me.personId);
  const now = Date.now();
  const hours = useHours(
    me.personId,
    new Date(Math.floor((now - YEAR_MS) / 60_000) * 60_000).toISOString(),
    new Date(Math.ceil(now / 60_000) * 60_000).toISOString(),
  );
  const cancel = useMutation({
    mutationFn: (id: string) =>
      unwrap(rota.DELETE('/v1/signups/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void message.success(t('mine.cancelled'));
      void queryClient.invalidateQueries({ queryKey: ['signups'] });
      void queryClient.invalidateQueries({ queryKey: ['shifts'] });
    },
    onError: (error) => {
      void message.error(problemText(error, t));
    },
  });

  const confirmCancel = (signup: Signup) =>
    modal.confirm({
      title: t('mine.cancelConfirm', { title: signup.event.title }),
      okText: t('mine.cancelOk'),
      cancelText: t('mine.cancelKeep'),
      okButtonProps: { danger: true },
      onOk: () => cancel.mutateAsync(signup.id),
    });

  if (signups.isPending) return <Spin />;
  if (signups.isError)
    return <Alert type="error" role="alert" title={problemText(signups.error, t)} />;

  const items = signups.data.filter((s) => s.status !== 'cancelled');
  const started = (s: Signup) => Date.parse(s.shift.start) <= now;
  // Cancelled by the office (the date, the event, or the signup), still ahead: the volunteer
  // must learn it here rather than by arriving at a locked door. Their own cancellations go.
  const cancelledForMe = signups.data.filter(
    (s) => s.status === 'cancelled' && s.cancelReason !== 'cancelled_by_person' && !started(s),
  );
  const upcoming = items.filter((s) => s.status === 'confirmed' && !started(s));
  const waitlisted = items.filter((s) => s.status === 'waitlisted' && !started(s));
  const past = items.filter((s) => s.status === 'confirmed' && started(s)).reverse();
  const minutesOf = new Map(hours.data?.items.map((h) => [h.signupId, h.minutes]) ?? []);

  const section = (id: string, title: string, list: Signup[], render: (s: Signup) => unknown) => (
    <section aria-labelledby={id}>
      <h3 id={id} style={{ fontSize: '1.125em' }}>
        {title} ({list.length})
      </h3>
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mine.none')} />
      ) : (
        list.map((s) => render(s) as React.ReactNode)
      )}
    </section>
  );

  return (
    <div>
      <h2>{t('mine.title')}</h2>
      {section('mine-upcoming', t('mine.upcoming'), upcoming, (s) => (
        <SignupCard key={s.id} signup={s} onCancel={() => confirmCancel(s)} />
      ))}
      {section('mine-waitlisted', t('mine.waitlisted'), waitlisted, (s) => (
        <SignupCard key={s.id} signup={s} onCancel={() => confirmCancel(s)} />
      ))}
      {cancelledForMe.length > 0 &&
        section('mine-cancelled', t('mine.cancelledByOffice'), cancelledForMe, (s) => (
          <SignupCard key={s.id} signup={s} />
        ))}
      {section('mine-past', t('mine.past'), past, (s) => (
        <SignupCard key={s.id} signup={s} minutes={minutesOf.get(s.id) ?? 0} />
      ))}
      {me.personId && <CalendarCard personId={me.personId} />}
    </div>
  );
}
