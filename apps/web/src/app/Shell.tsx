import { CalendarOutlined, ClockCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { unwrap } from '@rota/client';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text.ts';
import { useMe } from '../api/queries.ts';
import { useRota } from '../api/rota-context.tsx';
import { FindShiftsPage } from '../pages/FindShiftsPage.tsx';
import { NotSignedInPage } from '../pages/NotSignedInPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { usePreferences } from './preferences.tsx';
import { Link, navigate, usePath } from './router.tsx';

// Organizers' pages (issue 15) load only when an organizer opens them: a volunteer's phone
// never downloads them.
const OrganizerPage = lazy(() => import('../organizer/OrganizerPage.tsx'));
// Find a shift (the first page) comes with the app; the others load when first opened, so that
// a phone on a slow link starts sooner (their forms, tabs and the calendar's QR code are ~40%
// of the volunteer pages' code; docs/performance.md).
const SignUpPage = lazy(() =>
  import('../pages/SignUpPage.tsx').then((m) => ({ default: m.SignUpPage })),
);
const MySignupsPage = lazy(() =>
  import('../pages/MySignupsPage.tsx').then((m) => ({ default: m.MySignupsPage })),
);
const MyHoursPage = lazy(() =>
  import('../pages/MyHoursPage.tsx').then((m) => ({ default: m.MyHoursPage })),
);

function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <p>{t('app.loading')}</p>
    </div>
  );
}

/** The header, the page for the current path, and the bottom navigation. */
export function Shell() {
  const { t } = useTranslation();
  const path = usePath();
  const me = useMe(path !== '/sign-in');
  const rota = useRota();
  const queryClient = useQueryClient();
  const { toggleLanguage, toggleLargeText, largeText } = usePreferences();

  const signOut = async () => {
    await unwrap(rota.DELETE('/v1/sessions/current')).catch(() => undefined);
    queryClient.clear();
    navigate('/', { replace: true });
  };

  let page: ReactNode;
  const shiftMatch = /^\/shifts\/([^/]+)$/.exec(path);
  if (path === '/sign-in') page = <SignInPage />;
  else if (me.isPending) page = <Loading />;
  else if (me.isError)
    page = (
      <Result
        status="warning"
        title={problemText(me.error, t)}
        extra={<Button onClick={() => me.refetch()}>{t('app.retry')}</Button>}
      />
    );
  else if (!me.data) page = <NotSignedInPage />;
  else if (me.data.role !== 'volunteer' || path.startsWith('/organizer'))
    page = <OrganizerPage me={me.data} />;
  else if (shiftMatch)
    page = <SignUpPage shiftId={decodeURIComponent(shiftMatch[1]!)} me={me.data} />;
  else if (path === '/signups') page = <MySignupsPage me={me.data} />;
  else if (path === '/hours') page = <MyHoursPage me={me.data} />;
  else page = <FindShiftsPage me={me.data} />;

  const volunteer = me.data?.role === 'volunteer';
  const tab = (to: string, icon: ReactNode, label: string) => (
    <Link to={to} current={path === to}>
      {icon}
      <span>{label}</span>
    </Link>
  );

  return (
    <>
      <a className="rota-skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="rota-header">
        <h1>{t('app.name')}</h1>
        <Button
          type="text"
          style={{ color: '#fff' }}
          aria-pressed={largeText}
          onClick={toggleLargeText}
        >
          {largeText ? <strong>{t('app.largerText')}</strong> : t('app.largerText')}
        </Button>
        <Button
          type="text"
          style={{ color: '#fff' }}
          lang={t('app.language') === 'English' ? 'en' : 'zh-CN'}
          aria-label={t('app.languageLabel')}
          onClick={toggleLanguage}
        >
          {t('app.language')}
        </Button>
        {me.data?.via === 'session' && (
          <Button type="text" style={{ color: '#fff' }} onClick={signOut}>
            {t('app.signOut')}
          </Button>
        )}
      </header>
      <main id="main" className="rota-main">
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </main>
      {volunteer && (
        <nav className="rota-nav" aria-label={t('nav.label')}>
          {tab('/', <SearchOutlined aria-hidden />, t('nav.find'))}
          {tab('/signups', <CalendarOutlined aria-hidden />, t('nav.signups'))}
          {tab('/hours', <ClockCircleOutlined aria-hidden />, t('nav.hours'))}
        </nav>
      )}
    </>
  );
}
