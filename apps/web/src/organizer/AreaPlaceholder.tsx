import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePath, useTitle } from '../app/router.tsx';
import { findOrganizerRoute } from './organizer-routes.tsx';

/** Stands in for an area whose pages have not landed yet: the API documentation does it. */
export default function AreaPlaceholder() {
  const { t } = useTranslation();
  const area = findOrganizerRoute(usePath())?.route.area ?? 'week';
  const title = t(`org.shell.${area}`);
  useTitle(title, t('app.name'));
  return (
    <Result
      status="info"
      title={<h2>{title}</h2>}
      subTitle={<p className="rota-note">{t('org.shell.placeholder')}</p>}
      extra={
        <Button type="primary" href="/docs">
          {t('org.shell.docs')}
        </Button>
      }
    />
  );
}
