import type { Schemas } from '@rota/client';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../app/router.tsx';

/**
 * The organizers' area, loaded on demand (its own chunk). Issue 15 builds the organizer pages
 * here; until then it points to the API documentation.
 */
export default function OrganizerPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  useTitle(t('organizer.title'), t('app.name'));
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
        <Button type="primary" href="/docs">
          {t('organizer.docs')}
        </Button>
      }
    />
  );
}
