import type { Schemas } from '@rota/client';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, usePath, useTitle } from '../app/router.tsx';
import EventsArea from './events/EventsArea.tsx';

/**
 * The organizers' area, loaded on demand (its own chunk). Issue 15 builds the organizer pages
 * here; until then it points to the API documentation.
 */
export default function OrganizerPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  const path = usePath();
  useTitle(t('organizer.title'), t('app.name'));
  // Until the organizer shell (issue 15, i15-roster) replaces this page: the Events area.
  if (path.startsWith('/organizer/events')) return <EventsArea me={me} />;
  return (
    <Result
      status="info"
      title={<h2>{t('organizer.title')}</h2>}
      subTitle={
        <p style={{ fontSize: '1em', color: 'inherit' }}>
          {t('organizer.body', { unit: me.unitName ?? me.name })}
        </p>
      }
      extra={
        <>
          <Link to="/organizer/events">{t('org.events.title')}</Link>{' '}
          <Button type="primary" href="/docs">
            {t('organizer.docs')}
          </Button>
        </>
      }
    />
  );
}
