import { ArrowLeftOutlined, DownloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { RotaProblem, type Schemas, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../../api/problem-text.ts';
import { useShift } from '../../api/queries.ts';
import { useRota } from '../../api/rota-context.tsx';
import { Link, useTitle } from '../../app/router.tsx';
import { shiftWhen } from '../../format/shift-time.ts';
import type { OrganizerPageProps } from '../organizer-routes.tsx';
import { CapacityForm } from './CapacityForm.tsx';
import type { DoorAction } from './DoorActions.tsx';
import { RosterTable } from './RosterTable.tsx';
import { type RosterEntry, rosterKey, useRoster } from './roster-queries.ts';
import { WalkInDialog } from './WalkInDialog.tsx';

const DONE: Record<DoorAction, string> = {
  'check-in': 'org.roster.didCheckIn',
  'check-out': 'org.roster.didCheckOut',
  'no-show': 'org.roster.didNoShow',
  'undo-check-in': 'org.roster.didUndo',
  'undo-check-out': 'org.roster.didUndo',
  'undo-no-show': 'org.roster.didUndo',
};

/**
 * A refusal of an attendance step in words for the door: a time outside the shift's bounds is
 * a 400 on `at` (no form field here to mark), so it is said as what it means.
 */
function attendanceProblem(error: unknown, t: TFunction): string {
  if (
    error instanceof RotaProblem &&
    error.code === 'validation_failed' &&
    fieldErrors(error).some((e) => e.path === 'at')
  ) {
    return t('org.roster.outsideShift');
  }
  return problemText(error, t);
}

/**
 * The roster of a shift, for the door (a tablet at 1024 x 768): every signup in join order
 * with its status, waitlist position and party; check-in, check-out and no-show with large
 * buttons and their undo; the seats (and who a raise promoted); the CSV for a spreadsheet.
 */
export default function RosterPage({ params }: OrganizerPageProps) {
  const shiftId = params.id ?? '';
  const { t, i18n } = useTranslation();
  const rota = useRota();
  const queryClient = useQueryClient();
  const shift = useShift(shiftId);
  const roster = useRoster(shiftId);
  // The last thing done, said in the live region (a check-in, an undo, a walk-in).
  const [notice, setNotice] = useState<string | undefined>();
  const [walkIn, setWalkIn] = useState(false);
  useTitle(
    shift.data ? `${t('org.roster.title')} · ${shift.data.event.title}` : t('org.roster.title'),
    t('app.name'),
  );

  const attend = useMutation({
    mutationFn: async ({ entry, action }: { entry: RosterEntry; action: DoorAction }) => {
      const path = { params: { path: { id: entry.id } } };
      let signup: Schemas['Signup'];
      if (action === 'check-in') {
        signup = await unwrap(rota.POST('/v1/signups/{id}/check-in', { ...path, body: {} }));
      } else if (action === 'check-out') {
        signup = await unwrap(rota.POST('/v1/signups/{id}/check-out', { ...path, body: {} }));
      } else if (action === 'no-show') {
        signup = await unwrap(rota.POST('/v1/signups/{id}/no-show', path));
      } else if (action === 'undo-check-in') {
        signup = await unwrap(rota.DELETE('/v1/signups/{id}/check-in', path));
      } else if (action === 'undo-check-out') {
        signup = await unwrap(rota.DELETE('/v1/signups/{id}/check-out', path));
      } else {
        signup = await unwrap(rota.DELETE('/v1/signups/{id}/no-show', path));
      }
      return signup;
    },
    onSuccess: (signup, { entry, action }) => {
      queryClient.setQueryData<RosterEntry[]>(rosterKey(shiftId), (entries) =>
        entries?.map((e) => (e.id === signup.id ? { ...e, ...signup } : e)),
      );
      setNotice(t(DONE[action], { name: entry.person.name }));
      void queryClient.invalidateQueries({ queryKey: rosterKey(shiftId) });
    },
    onError: () => setNotice(undefined),
  });

  if (shift.isError) {
    return <Alert type="error" role="alert" showIcon title={problemText(shift.error, t)} />;
  }
  if (shift.isPending) return <Spin />;
  const s = shift.data;

  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/organizer/week">
          <ArrowLeftOutlined aria-hidden /> {t('org.roster.back')}
        </Link>
      </p>
      <h2>
        {t('org.roster.title')} · {s.event.title}
      </h2>
      <ul className="rota-roster-facts">
        <li>
          <strong>{s.name}</strong>
        </li>
        <li>{shiftWhen(s.start, s.end, i18n.language)}</li>
        {s.event.location && <li>{s.event.location.name}</li>}
        <li>{t('org.roster.seats', { taken: s.seatsTaken, capacity: s.capacity })}</li>
        {s.minNeeded > 0 && <li>{t('org.roster.target', { count: s.minNeeded })}</li>}
        {s.understaffed && (
          <li className="rota-warning">
            {t('org.roster.short', { count: s.minNeeded - s.seatsTaken })}
          </li>
        )}
        <li>{t('org.roster.waitlist', { count: s.waitlistCount })}</li>
        {s.status === 'cancelled' && (
          <li>
            <Tag>{t('org.roster.cancelledShift')}</Tag>
          </li>
        )}
      </ul>
      <div className="rota-org-toolbar">
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={`/v1/shifts/${encodeURIComponent(s.id)}/roster.csv`}
          download={`roster-${s.id}.csv`}
        >
          {t('org.roster.csv')}
        </Button>
        <span className="rota-note">{t('org.roster.csvHelp')}</span>
        <Button
          type="primary"
          icon={<UserAddOutlined aria-hidden />}
          onClick={() => setWalkIn(true)}
          disabled={s.status === 'cancelled'}
        >
          {t('org.roster.walkIn')}
        </Button>
      </div>
      {walkIn && (
        <WalkInDialog
          shift={s}
          open={walkIn}
          onClose={(recorded) => {
            setWalkIn(false);
            if (recorded) setNotice(t('org.roster.didWalkIn', { name: recorded.name }));
          }}
        />
      )}
      <CapacityForm shift={s} />
      <div aria-live="polite" className="rota-org-section">
        {attend.isError && (
          <Alert type="error" role="alert" showIcon title={attendanceProblem(attend.error, t)} />
        )}
        {notice && !attend.isError && <Alert type="success" showIcon title={notice} />}
      </div>
      {roster.isError && (
        <Alert type="error" role="alert" showIcon title={problemText(roster.error, t)} />
      )}
      {roster.isPending ? (
        <Spin />
      ) : (
        <RosterTable
          entries={roster.data ?? []}
          busyId={attend.isPending ? attend.variables?.entry.id : undefined}
          onAction={(entry, action) => attend.mutate({ entry, action })}
        />
      )}
    </>
  );
}
