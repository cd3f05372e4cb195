import {
  ClockCircleOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { Schemas } from '@rota/client';
import { Button, Card, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router.tsx';
import type { NotEligible } from '../eligibility/why-not-eligible.ts';
import { shiftWhen } from '../format/shift-time.ts';

/** Why not, in words: "年龄未满 60 岁". */
export function notEligibleText(why: NotEligible, t: TFunction) {
  return t(`why.${why.reason}`, { min: why.min, max: why.max, tags: why.tags.join('、') });
}

/** The age rule of a shift in words, or undefined when it has none. */
export function ageRule(shift: Schemas['Shift'], t: TFunction) {
  const { minAge: min, maxAge: max } = shift;
  if (min !== null && max !== null) return t('shift.ageRange', { min, max });
  if (min !== null) return t('shift.ageMin', { min });
  if (max !== null) return t('shift.ageMax', { max });
  return undefined;
}

/**
 * One shift in the list: what, when (the event's local time), where, seats left, the waitlist,
 * and why the reader cannot take it when they cannot. Everything is said in words (icons and
 * colours only repeat it).
 */
export function ShiftCard({
  shift,
  notEligible,
}: {
  shift: Schemas['Shift'];
  notEligible: NotEligible | undefined;
}) {
  const { t, i18n } = useTranslation();
  const full = shift.seatsLeft <= 0;
  const ages = ageRule(shift, t);
  const place = shift.event.location
    ? [shift.event.location.name, shift.event.location.address].filter(Boolean).join(' · ')
    : undefined;
  const action = full
    ? shift.waitlist
      ? t('shift.joinWaitlist')
      : t('shift.seatsFull')
    : t('shift.signUp');
  return (
    <Card className="rota-card" size="small">
      <article aria-label={shift.event.title}>
        <h3>{shift.event.title}</h3>
        <div style={{ marginBottom: 4 }}>
          <Tag>{t(`kinds.${shift.event.kind}`)}</Tag>
          <span>{shift.name}</span>
        </div>
        <ul className="rota-facts">
          <li>
            <ClockCircleOutlined aria-hidden />
            <span>
              <span className="rota-sr">{t('shift.when')}：</span>
              {shiftWhen(shift.start, shift.end, i18n.language)}
            </span>
          </li>
          {place && (
            <li>
              <EnvironmentOutlined aria-hidden />
              <span>{place}</span>
            </li>
          )}
          <li>
            <TeamOutlined aria-hidden />
            <span>
              {full ? t('shift.seatsFull') : t('shift.seatsLeft', { count: shift.seatsLeft })}
              {' · '}
              {shift.waitlistCount > 0
                ? t('shift.waitlist', { count: shift.waitlistCount })
                : t('shift.waitlistNone')}
            </span>
          </li>
          {ages && (
            <li>
              <UserAddOutlined aria-hidden />
              <span>{t('shift.ages', { range: ages })}</span>
            </li>
          )}
          {notEligible && (
            <li className="rota-warning">
              <ExclamationCircleOutlined aria-hidden />
              <span>{t('shift.notEligible', { reason: notEligibleText(notEligible, t) })}</span>
            </li>
          )}
        </ul>
        <div className="rota-actions">
          <Button
            type={notEligible || (full && !shift.waitlist) ? 'default' : 'primary'}
            disabled={full && !shift.waitlist}
            onClick={() => navigate(`/shifts/${encodeURIComponent(shift.id)}`)}
          >
            {action}
            <span className="rota-sr">
              {' '}
              {shift.event.title} {shift.name}
            </span>
          </Button>
        </div>
      </article>
    </Card>
  );
}
