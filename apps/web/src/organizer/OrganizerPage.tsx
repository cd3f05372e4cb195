import {
  ApartmentOutlined,
  CalendarOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Schemas } from '@rota/client';
import { Button, Result, Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate, usePath, useTitle } from '../app/router.tsx';
import { findOrganizerRoute, type OrganizerArea } from './organizer-routes.tsx';
import './organizer.css';

const MENU: { area: OrganizerArea; to: string; icon: ReactNode }[] = [
  { area: 'week', to: '/organizer/week', icon: <ScheduleOutlined aria-hidden /> },
  { area: 'events', to: '/organizer/events', icon: <CalendarOutlined aria-hidden /> },
  { area: 'people', to: '/organizer/people', icon: <TeamOutlined aria-hidden /> },
  { area: 'units', to: '/organizer/units', icon: <ApartmentOutlined aria-hidden /> },
];

function NotFound() {
  const { t } = useTranslation();
  useTitle(t('org.shell.notFound'), t('app.name'));
  return (
    <Result
      status="404"
      title={<h2>{t('org.shell.notFound')}</h2>}
      extra={
        <Button type="primary" onClick={() => navigate('/organizer/week')}>
          {t('org.shell.toWeek')}
        </Button>
      }
    />
  );
}

/**
 * The organizers' area, loaded on demand (its own chunk, never downloaded by a volunteer's
 * phone): the menu (This week, Events, People, Units) beside the page of the current path,
 * from the route table each area registers in (organizer-routes.tsx). Desktop first; at a
 * tablet's 1024 px the menu stays beside the page, below 768 px it goes above it.
 */
export default function OrganizerPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  const path = usePath();

  if (me.role === 'volunteer') {
    return (
      <Result
        status="403"
        title={<h2>{t('org.shell.volunteerTitle')}</h2>}
        subTitle={<p className="rota-note">{t('org.shell.volunteerBody')}</p>}
        extra={
          <Button type="primary" href="/">
            {t('org.shell.toFind')}
          </Button>
        }
      />
    );
  }

  const found = findOrganizerRoute(path);
  const Page = found?.route.page;
  return (
    <div className="rota-org">
      <nav className="rota-org-menu" aria-label={t('org.shell.menuLabel')}>
        <p className="rota-org-who">
          {me.role === 'admin'
            ? t('org.shell.admin')
            : t('org.shell.organizerOf', { unit: me.unitName ?? me.name })}
        </p>
        <ul>
          {MENU.map((item) => (
            <li key={item.area}>
              <Link to={item.to} current={found?.route.area === item.area}>
                {item.icon}
                <span>{t(`org.shell.${item.area}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="rota-org-page">
        <Suspense
          fallback={
            <div className="rota-org-loading">
              <Spin />
              <p>{t('app.loading')}</p>
            </div>
          }
        >
          {Page && found ? <Page me={me} params={found.params} /> : <NotFound />}
        </Suspense>
      </div>
    </div>
  );
}
